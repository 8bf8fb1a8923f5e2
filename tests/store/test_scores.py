"""Scores kept on attempts (schema step 4): written when an attempt closes, back-filled on upgrade,
and recomputed from the answer log by the check, which names an attempt that disagrees."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

from sqlalchemy import text

from quizkit.records import utc_now
from quizkit.store import CadreRecord, Store, open_store
from quizkit.store.migrations import STEPS, upgrade
from quizkit.store.schema import attempts
from tests.store.factories import make_answer
from tests.store.test_migrations import raw

PAPER = {
    "total_points": 10.0,
    "questions": [{"id": f"q{i}", "points": 2.0} for i in range(1, 6)],
}


def scores(store: Store, attempt_id: str) -> tuple[object, ...]:
    with store._read() as conn:
        row = conn.execute(attempts.select().where(attempts.c.id == attempt_id)).mappings().one()
    return (row["raw_points"], row["total_points"], row["percent"], row["passed"], row["band"])


def test_handing_in_stores_the_score_of_the_answers_that_count(
    store: Store, cadre: CadreRecord
) -> None:
    session = store.create_session_row(
        code="s", title="考试", kind="exam", rules={"pass_mark": 80, "bands": {"好": 70, "差": 0}}
    )
    attempt = store.start_attempt(
        cadre.id, quiz_id="exam", session_id=session.id, kind="exam", paper=PAPER
    )
    store.record_answers(
        [
            make_answer(attempt.id, "q1"),
            make_answer(attempt.id, "q2"),
            make_answer(attempt.id, "q3"),
            make_answer(attempt.id, "q4"),
            make_answer(
                attempt.id, "q4", correct=False
            ),  # corrected to wrong: the later row counts
        ]
    )
    assert scores(store, attempt.id) == (None, None, None, None, None)  # open: not yet known
    store.finish_attempt(attempt.id)
    # 3 of 5 questions right at 2 points: 6 of 10 = 60 %: below this session's 80, band 差
    assert scores(store, attempt.id) == (6.0, 10.0, 60.0, False, "差")
    store.record_answer(make_answer(attempt.id, "q5"))  # an answer after closing: scored again
    assert scores(store, attempt.id) == (8.0, 10.0, 80.0, True, "好")
    assert store.check_scores(sample=None) == (1, [])


def test_expiry_stores_scores_too(store: Store, cadre: CadreRecord) -> None:
    session = store.create_session_row(code="s", title="考试", kind="exam")
    overdue = store.start_attempt(
        cadre.id,
        quiz_id="exam",
        session_id=session.id,
        kind="exam",
        paper=PAPER,
        deadline_at=utc_now() + timedelta(minutes=1),
    )
    ended = store.start_attempt(
        cadre.id, quiz_id="exam", session_id=session.id, kind="exam", paper=PAPER
    )
    store.record_answers([make_answer(overdue.id, "q1"), make_answer(ended.id, "q2")])
    assert store.expire_overdue_attempts(utc_now() + timedelta(minutes=2)) == 1
    assert scores(store, overdue.id) == (2.0, 10.0, 20.0, False, "不合格")
    assert store.expire_open_attempts(session.id) == 1
    assert scores(store, ended.id) == (2.0, 10.0, 20.0, False, "不合格")


def test_a_lesson_attempt_is_scored_out_of_the_points_answered(
    store: Store, cadre: CadreRecord
) -> None:
    attempt = store.start_attempt(cadre.id, quiz_id="lesson")
    store.record_answers(
        [make_answer(attempt.id, "a"), make_answer(attempt.id, "b", correct=False)]
    )
    store.finish_attempt(attempt.id)
    assert scores(store, attempt.id) == (2.0, 4.0, 50.0, False, "不合格")


def test_check_names_an_attempt_whose_stored_score_disagrees(
    store: Store, cadre: CadreRecord
) -> None:
    good, bad = (
        store.start_attempt(cadre.id, quiz_id="exam", kind="exam", paper=PAPER) for _ in range(2)
    )
    for attempt in (good, bad):
        store.record_answer(make_answer(attempt.id, "q1"))
        store.finish_attempt(attempt.id)
    with store._write() as conn:  # what an edit behind quizkit's back would do
        conn.execute(attempts.update().where(attempts.c.id == bad.id).values(percent=95.0))
    checked, found = store.check_scores(sample=None)
    assert checked == 2
    assert found == [f"attempt {bad.id} (cadre {cadre.id}): percent 95.0 ≠ 20.0"]
    assert store.check_scores(sample=1)[0] == 1


def test_upgrade_to_step_four_back_fills_closed_attempts(db_url: str) -> None:
    now = datetime(2026, 3, 1, 9, tzinfo=UTC)
    with raw(db_url) as conn:
        assert upgrade(conn, to_version=3) == [1, 2, 3]
        conn.execute(text("INSERT INTO units (name) VALUES ('甲镇')"))
        conn.execute(
            text(
                "INSERT INTO cadres (id, name, unit, position, phone, exempt, exempt_reason, active)"
                " VALUES ('c1', '张三', '甲镇', '', '', false, '', true)"
            )
        )
        for attempt_id, status in (("done", "submitted"), ("late", "expired"), ("busy", "open")):
            conn.execute(
                text(
                    "INSERT INTO attempts (id, cadre_id, quiz_id, kind, started_at, status, paper)"
                    " VALUES (:id, 'c1', 'exam', 'exam', :at, :status, :paper)"
                ),
                {"id": attempt_id, "at": now, "status": status, "paper": json.dumps(PAPER)},
            )
        rows = [("done", "q1", 2.0), ("done", "q2", 0.0), ("done", "q2", 2.0), ("late", "q1", 0.0)]
        rows.append(("busy", "q1", 2.0))
        for number, (attempt_id, question, score) in enumerate(rows):
            conn.execute(
                text(
                    "INSERT INTO answers (submission_id, attempt_id, question_id, question_hash,"
                    " response, score, points, correct, answered_at, recorded_at) VALUES"
                    " (:sid, :attempt, :question, 'h', '\"A\"', :score, 2.0, :ok, :at, :at)"
                ),
                {
                    "sid": f"s{number}",
                    "attempt": attempt_id,
                    "question": question,
                    "score": score,
                    "ok": score > 0,
                    "at": now,
                },
            )
    with raw(db_url) as conn:
        assert upgrade(conn) == [step.version for step in STEPS if step.version > 3]
    with open_store(db_url, create=False) as store:
        assert scores(store, "done") == (4.0, 10.0, 40.0, False, "不合格")
        assert scores(store, "late") == (0.0, 10.0, 0.0, False, "不合格")
        assert scores(store, "busy") == (None, None, None, None, None)
        assert store.check_scores(sample=None) == (2, [])
