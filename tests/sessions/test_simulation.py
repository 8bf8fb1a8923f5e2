"""A session of 100 cadres through the API: 卷卷不同, every blueprint count honoured, reproducible."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from quizkit.records import utc_now
from quizkit.sessions import (
    ExamSitting,
    analyse_session,
    create_session,
    draw_paper,
    live_data,
    parse_blueprint,
)
from quizkit.sessions.papers import Paper
from quizkit.sessions.rules import PaperRules, SessionRules
from quizkit.store import Store
from tests.sessions.conftest import FakeClock
from tests.sessions.factories import add_cadres, session_bank
from tests.sessions.helpers import right

BLUEPRINT = "行政处罚法/单选@3:5x2,单选:20x2,多选:10x2,判断:15x2"  # 50 questions, 100 points
CADRES = 100


@pytest.mark.slow
def test_a_session_of_100_cadres(sqlite_store: Store, tmp_path: Path, clock: FakeClock) -> None:
    bank = session_bank(tmp_path, scale=4)  # 32 单选, 16 多选, 20 判断 per law
    rules = SessionRules(
        paper=PaperRules(blueprint=parse_blueprint(BLUEPRINT), shuffle_questions=True),
        duration_minutes=60,
        shuffle_options=True,
    )
    session = create_session(sqlite_store, bank, title="百人模拟考试", rules=rules)
    add_cadres(sqlite_store, CADRES)
    sittings = [
        ExamSitting.join(sqlite_store, bank, session, f"c{i:03d}", clock=clock)
        for i in range(1, CADRES + 1)
    ]

    papers = [Paper.from_json(sqlite_store.attempt_paper(s.attempt.id) or {}) for s in sittings]
    assert len({frozenset(p.question_ids) for p in papers}) == CADRES  # 卷卷不同
    for paper in papers:
        assert len(set(paper.question_ids)) == len(paper.items) == 50
        assert paper.total_points == 100
        cells = Counter(item.slot.split(".")[0] for item in paper.items)
        assert cells == {"1": 5, "2": 20, "3": 10, "4": 15}
        for item in paper.items:
            question = bank.question(item.question_id)
            cell = rules.paper.blueprint[int(item.slot.split(".")[0]) - 1]
            assert question.type == cell.type and item.points == cell.points
            if cell.law:
                assert bank.entries[question.id].law == cell.law and question.difficulty == 3

    for sitting, paper in zip(sittings, papers, strict=True):  # the same seed, the same paper
        assert draw_paper(bank, session.rules, sitting.attempt.cadre_id, 1) == paper
    again = ExamSitting.join(sqlite_store, bank, session, "c007", clock=clock)
    assert again.attempt.id == sittings[6].attempt.id and again.paper == papers[6]

    for number, sitting in enumerate(sittings):
        for pq in sitting.questions[: 3 + number % 5]:
            sitting.save(pq.item.question_id, right(sitting, pq.item.question_id))
        sitting.submit()
    live = live_data(sqlite_store, session, utc_now())
    assert (live.overview.joined, live.overview.finished, live.overview.working) == (
        CADRES,
        CADRES,
        0,
    )
    assert sorted(set(live.board["得分"])) == [6.0, 8.0, 10.0, 12.0, 14.0]
    analysis = analyse_session(sqlite_store, session, bank=bank)
    assert analysis.test.attempts == CADRES and analysis.test.items == 50
    assert analysis.items["n"].sum() == CADRES * 50
