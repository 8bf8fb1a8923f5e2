"""DataFrames for reports: the documented columns, types and joins, on every backend."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd

from quizkit.store import Store
from quizkit.store.frames import ANSWER_COLUMNS, ATTEMPT_COLUMNS, CADRE_COLUMNS
from tests.store.factories import make_answer, make_cadre

T0 = datetime(2026, 11, 20, 1, 0, tzinfo=UTC)


def fill(store: Store) -> tuple[str, str]:
    store.upsert_cadres(
        [
            make_cadre(1, name="张三", unit="甲镇", position="镇长"),
            make_cadre(2, name="李四", unit="乙镇", exempt=True, exempt_reason="长期病假"),
        ]
    )
    session = store.create_session_row(code="exam-2026", title="2026年度学法考试", kind="exam")
    practice = store.start_attempt("c0001", quiz_id="p1", lesson="01")
    exam = store.start_attempt("c0002", quiz_id="e1", session_id=session.id, kind="exam")
    store.record_answer(make_answer(practice.id, "q1", response="A", answered_at=T0))
    store.record_answer(
        make_answer(
            exam.id, "q2", response=["A", "B"], correct=False, answered_at=T0 + timedelta(1)
        )
    )
    store.record_answer(
        make_answer(exam.id, "q3", response=None, correct=False, time_taken_ms=None, answered_at=T0)
    )
    store.finish_attempt(exam.id)
    return session.id, exam.id


def test_empty_frames_have_their_columns(store: Store) -> None:
    assert list(store.cadres_frame().columns) == CADRE_COLUMNS
    assert list(store.attempts_frame().columns) == ATTEMPT_COLUMNS
    frame = store.answers_frame()
    assert list(frame.columns) == ANSWER_COLUMNS and frame.empty
    assert isinstance(frame["answered_at"].dtype, pd.DatetimeTZDtype)


def test_answers_frame_joins_attempt_and_cadre(store: Store) -> None:
    session_id, exam_id = fill(store)
    frame = store.answers_frame()
    assert list(frame.columns) == ANSWER_COLUMNS
    assert frame["question_id"].tolist() == ["q1", "q3", "q2"]  # answered order
    row = frame.set_index("question_id").loc["q2"]
    assert row["response"] == ["A", "B"]
    assert row["cadre_id"] == "c0002" and row["name"] == "李四" and row["unit"] == "乙镇"
    assert row["session_id"] == session_id and row["kind"] == "exam"
    assert row["attempt_status"] == "submitted"
    assert bool(row["exempt"]) is True and bool(row["correct"]) is False
    assert row["answered_at"] == pd.Timestamp(T0 + timedelta(1))
    assert frame["time_taken_ms"].isna().tolist() == [False, True, False]
    assert frame["score"].dtype == "float64" and frame["correct"].dtype == bool
    exam = store.answers_frame(session_id=session_id)
    assert set(exam["question_id"]) == {"q2", "q3"}
    assert store.answers_frame(kind="practice")["question_id"].tolist() == ["q1"]
    assert store.answers_frame(kind="retry").empty
    assert exam_id in set(exam["attempt_id"])


def test_attempts_and_cadres_frames(store: Store) -> None:
    session_id, exam_id = fill(store)
    attempts = store.attempts_frame()
    assert list(attempts.columns) == ATTEMPT_COLUMNS
    assert attempts["status"].tolist() == ["open", "submitted"]
    assert attempts["finished_at"].isna().tolist() == [True, False]
    only_exam = store.attempts_frame(session_id=session_id)
    assert only_exam["attempt_id"].tolist() == [exam_id] and only_exam["name"].tolist() == ["李四"]
    cadres = store.cadres_frame()
    assert cadres["cadre_id"].tolist() == ["c0002", "c0001"]  # 乙镇 < 甲镇 by code point
    assert cadres["exempt"].tolist() == [True, False]
    assert cadres["exempt_reason"].tolist() == ["长期病假", ""]
    assert cadres["position"].tolist() == ["科员", "镇长"]


def test_cadres_frame_is_in_code_point_order(store: Store) -> None:
    """unit, name, id in code point order (Python's), whichever database sorted them."""
    names = ["b", "B", "张三", "a", "Ä", "干部10", "干部9", "张三"]
    units = ["城关镇", "Z镇", "城关镇", "a乡", "城关镇", "城关镇", "Z镇", "城关镇"]
    store.upsert_cadres(
        [
            make_cadre(index, name=name, unit=unit)
            for index, (name, unit) in enumerate(zip(names, units, strict=True))
        ]
    )
    frame = store.cadres_frame()
    rows = list(zip(frame["unit"], frame["name"], frame["cadre_id"], strict=True))
    assert rows == sorted(rows)
    assert list(frame.index) == list(range(len(names)))
