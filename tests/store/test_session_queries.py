"""The session reads of ``quizkit.store.session_queries`` on every backend."""

from __future__ import annotations

from quizkit.store import Store
from quizkit.store.session_queries import SESSION_ANSWER_COLUMNS
from tests.store.factories import make_answer, make_cadre


def test_session_answers_frame_keeps_the_answer_that_counts_in_stored_order(store: Store) -> None:
    store.upsert_cadres([make_cadre(1), make_cadre(2), make_cadre(3)])
    session = store.create_session_row(code="exam-2026", title="2026年度学法考试", kind="exam")
    other = store.create_session_row(code="exam-other", title="另一场考试", kind="exam")
    first = store.start_attempt("c0001", quiz_id="e1", session_id=session.id, kind="exam")
    second = store.start_attempt("c0002", quiz_id="e1", session_id=session.id, kind="exam")
    elsewhere = store.start_attempt("c0003", quiz_id="e2", session_id=other.id, kind="exam")
    third = 2.0 / 3.0  # a score whose text form needs all 17 digits to read back exactly
    store.record_answer(make_answer(second.id, "q1", score=third, correct=False))
    store.record_answer(make_answer(first.id, "q1", correct=False))  # replaced below
    store.record_answer(make_answer(first.id, "q2", response=None, correct=False))
    store.record_answer(make_answer(elsewhere.id, "q1"))
    store.record_answer(make_answer(first.id, "q1", score=0.1 + 0.2, correct=True))

    frame = store.session_answers_frame(session.id)

    assert list(frame.columns) == SESSION_ANSWER_COLUMNS
    assert frame["answer_id"].is_monotonic_increasing and frame["answer_id"].dtype == "int64"
    rows = list(
        zip(
            frame["attempt_id"],
            frame["question_id"],
            frame["answered"],
            frame["score"],
            frame["correct"],
            strict=True,
        )
    )
    assert rows == [
        (second.id, "q1", True, third, False),
        (first.id, "q2", False, 0.0, False),
        (first.id, "q1", True, 0.1 + 0.2, True),
    ]
    assert frame["answered"].dtype == bool and frame["correct"].dtype == bool
    empty = store.session_answers_frame("no-such-session")
    assert list(empty.columns) == SESSION_ANSWER_COLUMNS and empty.empty


def test_session_attempts_frame_without_papers_reads_the_same_rows(store: Store) -> None:
    from datetime import timedelta

    import pandas as pd

    from quizkit.records import utc_now

    store.upsert_cadres([make_cadre(1), make_cadre(2)])
    session = store.create_session_row(code="s", title="考试", kind="exam")
    paper = {"questions": [{"id": "q1", "points": 2.0}]}
    for cadre_id, deadline in (("c0001", None), ("c0002", utc_now() + timedelta(hours=1))):
        attempt = store.start_attempt(
            cadre_id,
            quiz_id="x",
            session_id=session.id,
            kind="exam",
            paper=paper,
            deadline_at=deadline,
        )
    store.finish_attempt(attempt.id)
    lean = store.session_attempts_frame(session.id, papers=False)
    full = store.session_attempts_frame(session.id)
    assert full["paper"].tolist() == [paper, paper]
    pd.testing.assert_frame_equal(lean, full.assign(paper=None), check_exact=True)
    assert lean["finished_at"].isna().tolist() == [True, False]
    empty = store.session_attempts_frame("none", papers=False)
    assert empty.empty and list(empty.columns) == list(full.columns)
