"""Item marks kept on attempts (schema step 6): one line per paper question, written with the score
when an attempt closes, written again after a late answer, back-filled on upgrade, read back exactly,
and re-checked by ``quizkit db check``."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pandas as pd
from sqlalchemy import text

from quizkit.records import utc_now
from quizkit.store import CadreRecord, Store, open_store
from quizkit.store.item_marks import ITEM_MARK_COLUMNS, item_marks_frame, item_marks_text
from quizkit.store.migrations import upgrade
from quizkit.store.schema import attempts
from tests.store.factories import make_answer
from tests.store.test_migrations import raw

PAPER = {
    "total_points": 9.0,
    "questions": [
        {"id": "q1", "points": 2.0, "slot": "1.1"},
        {"id": "q2", "points": 3.0, "slot": "1.10"},  # read as text, never as the number 1.1
        {"id": "q3", "points": 4.0},  # no slot: the question id stands for it
    ],
}


def marks(store: Store, session_id: str) -> list[tuple[str, str, str, float, float]]:
    frame = store.session_item_marks_frame(session_id)
    assert list(frame.columns) == ITEM_MARK_COLUMNS
    return [tuple(row) for row in frame.astype(object).itertuples(index=False, name=None)]


def test_closing_keeps_each_paper_question_mark(store: Store, cadre: CadreRecord) -> None:
    session = store.create_session_row(code="s", title="考试", kind="exam")
    attempt = store.start_attempt(
        cadre.id, quiz_id="exam", session_id=session.id, kind="exam", paper=PAPER
    )
    third = 3.0 / 7.0  # a partial score that only reads back exactly if written exactly
    store.record_answers(
        [
            make_answer(attempt.id, "q2", correct=False, points=3.0),
            make_answer(attempt.id, "q2", correct=True, score=third, points=3.0),  # this counts
            make_answer(attempt.id, "q1", correct=False),
        ]
    )
    assert marks(store, session.id) == []  # open: not yet kept
    store.finish_attempt(attempt.id)
    assert marks(store, session.id) == [
        (attempt.id, "q1", "1.1", 2.0, 0.0),
        (attempt.id, "q2", "1.10", 3.0, third),
        (attempt.id, "q3", "q3", 4.0, 0.0),  # never answered: 0
    ]
    store.record_answer(make_answer(attempt.id, "q3", score=4.0, points=4.0))  # late answer
    assert marks(store, session.id)[2] == (attempt.id, "q3", "q3", 4.0, 4.0)
    assert store.check_scores(sample=None) == (1, [])


def test_expiry_and_ending_keep_item_marks(store: Store, cadre: CadreRecord) -> None:
    session = store.create_session_row(code="s", title="考试", kind="exam")
    overdue, ended, busy = (
        store.start_attempt(
            cadre.id,
            quiz_id="exam",
            session_id=session.id,
            kind="exam",
            paper=PAPER,
            deadline_at=utc_now() + timedelta(minutes=minutes),
        )
        for minutes in (1, 60, 600)
    )
    store.record_answers([make_answer(overdue.id, "q1"), make_answer(ended.id, "q1")])
    assert store.expire_overdue_attempts(utc_now() + timedelta(minutes=2)) == 1
    assert {row[0] for row in marks(store, session.id)} == {overdue.id}
    store.finish_attempt(ended.id)
    found = marks(store, session.id)
    assert {row[0] for row in found} == {overdue.id, ended.id}  # the open one is not read
    assert [row[4] for row in found if row[0] == ended.id] == [2.0, 0.0, 0.0]
    assert busy.id not in {row[0] for row in found}


def test_the_check_names_an_attempt_whose_item_marks_were_edited(
    store: Store, cadre: CadreRecord
) -> None:
    attempt = store.start_attempt(cadre.id, quiz_id="exam", kind="exam", paper=PAPER)
    store.record_answer(make_answer(attempt.id, "q1"))
    store.finish_attempt(attempt.id)
    edited = item_marks_text(PAPER, {"q1": 2.0, "q3": 4.0})  # q3 made right behind our back
    with store._write() as conn:
        conn.execute(attempts.update().where(attempts.c.id == attempt.id).values(item_marks=edited))
    assert store.check_scores(sample=None) == (
        1,
        [f"attempt {attempt.id} (cadre {cadre.id}): item marks of 1 question(s) differ"],
    )


def test_a_closed_attempt_without_stored_marks_is_worked_out_from_the_log(
    store: Store, cadre: CadreRecord
) -> None:
    session = store.create_session_row(code="s", title="考试", kind="exam")
    attempt = store.start_attempt(
        cadre.id, quiz_id="exam", session_id=session.id, kind="exam", paper=PAPER
    )
    store.record_answer(make_answer(attempt.id, "q1"))
    store.finish_attempt(attempt.id)
    expected = marks(store, session.id)
    with store._write() as conn:  # closed by hand, not through the store
        conn.execute(attempts.update().where(attempts.c.id == attempt.id).values(item_marks=None))
    assert marks(store, session.id) == expected


def test_lines_read_back_exactly_and_in_order() -> None:
    papers = [
        {"questions": [{"id": "a-1", "points": 1.5, "slot": "01"}, {"id": "b", "points": 2}]},
        None,  # a lesson attempt keeps no paper: no lines
        {"questions": ["q1", {"id": "c\tx", "points": 3.0}]},  # points unknown: not marked
    ]
    texts = [
        item_marks_text(papers[0], {"a-1": 0.1 + 0.2}),
        item_marks_text(papers[1], {"z": 1.0}),
        item_marks_text(papers[2], {"c\tx": 1e-17}),
    ]
    frame = item_marks_frame(["A", "B", "C"], texts)
    assert [tuple(row) for row in frame.astype(object).itertuples(index=False, name=None)] == [
        ("A", "a-1", "01", 1.5, 0.1 + 0.2),
        ("A", "b", "b", 2.0, 0.0),
        ("C", "c x", "c x", 3.0, 1e-17),  # a tab in a name cannot break the line
    ]
    assert frame["attempt_id"].cat.categories.tolist() == ["A", "B", "C"]
    empty = item_marks_frame(["A"], [""])
    assert list(empty.columns) == ITEM_MARK_COLUMNS and empty.empty
    assert pd.api.types.is_float_dtype(empty["mark"])


def test_upgrade_to_step_six_back_fills_closed_attempts(db_url: str) -> None:
    now = datetime(2026, 3, 1, 9, tzinfo=UTC)
    with raw(db_url) as conn:
        assert upgrade(conn, to_version=5) == [1, 2, 3, 4, 5]
        conn.execute(text("INSERT INTO units (name) VALUES ('甲镇')"))
        conn.execute(
            text(
                "INSERT INTO cadres (id, name, unit, position, phone, exempt, exempt_reason, active)"
                " VALUES ('c1', '张三', '甲镇', '', '', false, '', true)"
            )
        )
        for attempt_id, status in (("done", "submitted"), ("busy", "open")):
            conn.execute(
                text(
                    "INSERT INTO attempts (id, cadre_id, quiz_id, session_id, kind, started_at,"
                    " status, paper) VALUES (:id, 'c1', 'exam', 's1', 'exam', :at, :status, :paper)"
                ),
                {"id": attempt_id, "at": now, "status": status, "paper": json.dumps(PAPER)},
            )
        rows = [("done", "q1", 2.0), ("done", "q2", 0.0), ("done", "q2", 3.0), ("busy", "q1", 2.0)]
        for number, (attempt_id, question, score) in enumerate(rows):
            conn.execute(
                text(
                    "INSERT INTO answers (submission_id, attempt_id, question_id, question_hash,"
                    " response, score, points, correct, answered_at, recorded_at) VALUES"
                    " (:sid, :attempt, :question, 'h', '\"A\"', :score, :points, :ok, :at, :at)"
                ),
                {
                    "sid": f"s{number}",
                    "attempt": attempt_id,
                    "question": question,
                    "score": score,
                    "points": 2.0 if question == "q1" else 3.0,
                    "ok": score > 0,
                    "at": now,
                },
            )
    with raw(db_url) as conn:
        assert upgrade(conn) == [6]
    with open_store(db_url, create=False) as store:
        assert marks(store, "s1") == [
            ("done", "q1", "1.1", 2.0, 2.0),
            ("done", "q2", "1.10", 3.0, 3.0),
            ("done", "q3", "q3", 4.0, 0.0),
        ]
        with store._read() as conn:
            busy = conn.scalar(text("SELECT item_marks FROM attempts WHERE id = 'busy'"))
        assert busy is None  # open: written when it closes
