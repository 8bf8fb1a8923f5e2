"""Item analysis read from the item marks kept at closing gives the very figures worked out from the
answer log and the papers (the road it replaced), on SQLite and PostgreSQL, for every choice of
attempts: corrections, partial scores, unanswered questions, one question worth different points on
different papers, second attempts, a 补考 attempt, an expired attempt and one still open."""

from __future__ import annotations

import random
from datetime import timedelta

import numpy as np
import pandas as pd
import pytest

from quizkit.records import utc_now
from quizkit.sessions import Session, analyse_session
from quizkit.sessions.analysis import item_statistics, paper_statistics
from quizkit.sessions.frames import select_attempts
from quizkit.store import Store
from tests.sessions.answer_log_road import paper_marks
from tests.sessions.factories import add_cadres
from tests.store.factories import make_answer

QUESTIONS = [f"q{i}" for i in range(1, 9)]


def build(store: Store) -> Session:
    """Fourteen cadres, papers of five of eight questions, answered with varied luck."""
    rng = random.Random(15)
    cadres = add_cadres(store, 14)
    rules = {"paper": {"questions": QUESTIONS}}
    row = store.create_session_row(code="ana", title="题目分析", kind="exam", rules=rules)
    plan = [(cadre.id, "exam") for cadre in cadres]
    plan += [("c001", "exam"), ("c002", "exam"), ("c003", "makeup"), ("c004", "exam")]
    for number, (cadre_id, kind) in enumerate(plan):
        chosen = rng.sample(QUESTIONS, 5)
        points = [rng.choice([2.0, 4.0]) for _ in chosen]
        paper = {
            "total_points": sum(points),
            "questions": [
                {"id": q, "points": p, "slot": f"1.{k + 1}" if k < 4 else f"2.{k - 3}"}
                for k, (q, p) in enumerate(zip(chosen, points, strict=True))
            ],
        }
        deadline = utc_now() + timedelta(minutes=1 if number == 5 else 90)
        attempt = store.start_attempt(
            cadre_id,
            quiz_id="session-ana",
            session_id=row.id,
            kind=kind,
            paper=paper,
            deadline_at=deadline,
        )
        answers = []
        for question, worth in zip(chosen[:4], points[:4], strict=True):  # the 5th never answered
            if rng.random() < 0.3:  # a first answer later corrected
                answers.append(make_answer(attempt.id, question, correct=False, points=worth))
            share = rng.choice([0.0, 1.0, 1.0, 1.0 / 3.0, 0.5])
            answers.append(
                make_answer(
                    attempt.id, question, correct=share == 1.0, score=share * worth, points=worth
                )
            )
        store.record_answers(answers)
        if number == len(plan) - 1:
            continue  # still open: never analysed
        if number != 5:  # number 5 expires at its deadline
            store.finish_attempt(attempt.id)
    store.expire_overdue_attempts(utc_now() + timedelta(minutes=2))
    found = store.get_session_row(row.id)
    assert found is not None
    return Session.of(found)


def reference(store: Store, session: Session, which: str) -> tuple[pd.DataFrame, object]:
    """The figures worked out from the answers that count and the stored papers, with pandas'
    own pivot tables (the road before item marks were kept)."""
    attempts = store.session_attempts_frame(session.id)
    marks = paper_marks(attempts, store.session_answers_frame(session.id))
    chosen = select_attempts(attempts, which)["attempt_id"]
    marks = marks[marks["attempt_id"].isin(chosen)]

    def table(column: str, value: str) -> pd.DataFrame:
        return marks.pivot_table(index="attempt_id", columns=column, values=value, aggfunc="sum")

    items = item_statistics(
        table("question_id", "mark"),
        marks.groupby("question_id")["max_mark"].max(),
        marks.groupby("attempt_id")["mark"].sum(),
        points=table("question_id", "max_mark"),
    )
    items = items.sort_values("question_id").reset_index(drop=True)
    max_total = float(marks.groupby("attempt_id")["max_mark"].sum().max())
    return items, paper_statistics(table("slot", "mark"), max_total)


@pytest.mark.parametrize("which", ["first", "last", "all"])
def test_item_analysis_from_kept_marks_equals_the_answer_log(any_store: Store, which: str) -> None:
    session = build(any_store)
    expected_items, expected_test = reference(any_store, session, which)
    found = analyse_session(any_store, session, which=which)
    pd.testing.assert_frame_equal(found.items, expected_items, check_exact=True)
    assert found.test == expected_test or all(
        a == b or (np.isnan(a) and np.isnan(b))
        for a, b in zip(vars(found.test).values(), vars(expected_test).values(), strict=True)
    )
    assert found.test.attempts == {"first": 14, "last": 14, "all": 17}[which]
    assert len(found.items) == len(QUESTIONS)
