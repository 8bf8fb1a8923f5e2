"""Units, the roster, attempts and a cadre's progress by lesson."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone

import pandas as pd
import pytest

from quizkit.errors import StoreError
from quizkit.store import Attempt, CadreRecord, Store
from tests.store.factories import make_answer, make_cadre

T0 = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)


def test_cadre_round_trip_and_replace(store: Store) -> None:
    record = CadreRecord(
        id="c1",
        name="李四",
        unit="城关镇司法所",
        position="所长",
        phone="13800000000",
        exempt=True,
        exempt_reason="挂职",
        login="lisi",
        active=False,
    )
    store.upsert_cadre(record)
    assert store.get_cadre("c1") == record
    moved = CadreRecord(id="c1", name="李四", unit="河口乡", position="副乡长")
    store.upsert_cadre(moved)
    assert store.get_cadre("c1") == moved
    assert store.get_cadre("missing") is None
    assert store.counts()["cadres"] == 1


def test_find_cadres_by_name_unit_login(store: Store) -> None:
    store.upsert_cadres(
        [
            make_cadre(1, name="王五", unit="甲镇", login="w5"),
            make_cadre(2, name="王五", unit="乙镇"),
            make_cadre(3, name="赵六", unit="甲镇"),
        ]
    )
    assert [c.id for c in store.find_cadres(name="王五")] == ["c0002", "c0001"]  # 乙镇 < 甲镇
    assert [c.id for c in store.find_cadres(unit="甲镇")] == ["c0001", "c0003"]
    assert [c.id for c in store.find_cadres(name="王五", unit="乙镇")] == ["c0002"]
    assert [c.id for c in store.find_cadres(login="w5")] == ["c0001"]
    assert store.find_cadres(name="无此人") == []
    assert len(store.find_cadres()) == 3


def test_upsert_cadres_is_one_transaction(store: Store) -> None:
    store.upsert_cadre(make_cadre(1, login="taken"))
    batch = [make_cadre(2), make_cadre(3, login="taken")]
    with pytest.raises(StoreError, match="share one login"):
        store.upsert_cadres(batch)
    assert store.get_cadre("c0002") is None
    with pytest.raises(StoreError, match="'name' is empty"):
        store.upsert_cadres([make_cadre(4), make_cadre(5, name=" ")])
    assert store.get_cadre("c0004") is None


def test_units_nest_and_cadre_units_are_created(store: Store) -> None:
    store.upsert_unit("城关镇")
    store.upsert_unit("城关镇司法所", parent="城关镇")
    store.upsert_unit("东村", parent="城关镇")
    store.upsert_cadre(make_cadre(1, unit="河口乡"))
    frame = store.units_frame()
    assert list(frame.columns) == ["unit", "parent"]
    rows = {row.unit: row.parent for row in frame.itertuples()}
    assert rows["城关镇司法所"] == "城关镇" and rows["东村"] == "城关镇"
    assert pd.isna(rows["河口乡"]) and pd.isna(rows["城关镇"])
    with pytest.raises(StoreError, match="own parent"):
        store.upsert_unit("东村", parent="东村")


def test_attempt_lifecycle(store: Store, cadre: CadreRecord) -> None:
    deadline = datetime(2026, 12, 1, 10, 30, tzinfo=timezone(timedelta(hours=8)))
    paper = {"questions": ["q1", "q2"], "order": {"q1": ["B", "A"]}}
    attempt = store.start_attempt(
        cadre.id, quiz_id="exam-2026", kind="exam", deadline_at=deadline, paper=paper
    )
    assert attempt.status == "open" and attempt.finished_at is None
    assert attempt.deadline_at == deadline and attempt.deadline_at.tzinfo == UTC
    assert store.get_attempt(attempt.id) == attempt
    assert store.attempt_paper(attempt.id) == paper
    finished = store.finish_attempt(attempt.id)
    assert finished.status == "submitted" and finished.finished_at is not None
    assert store.get_attempt(attempt.id) == finished
    assert store.finish_attempt(attempt.id, status="expired") == finished  # already closed
    assert store.get_attempt("nope") is None


def test_attempts_for_filters_and_orders(store: Store, cadre: CadreRecord) -> None:
    session = store.create_session_row(code="s1", title="练习", kind="practice")
    first = store.start_attempt(cadre.id, quiz_id="a")
    second = store.start_attempt(cadre.id, quiz_id="b", session_id=session.id)
    third = store.start_attempt(cadre.id, quiz_id="a", kind="retry")
    assert [a.id for a in store.attempts_for(cadre.id)] == [first.id, second.id, third.id]
    assert [a.id for a in store.attempts_for(cadre.id, quiz_id="a")] == [first.id, third.id]
    assert store.attempts_for(cadre.id, session_id=session.id) == [second]
    assert all(isinstance(a, Attempt) for a in store.attempts_for(cadre.id))


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"kind": "homework"}, "kind 'homework' is not one of practice, exam, retry"),
        ({"session_id": "nope"}, "session 'nope' does not exist"),
    ],
)
def test_bad_attempts_are_refused(
    store: Store, cadre: CadreRecord, kwargs: dict[str, str], message: str
) -> None:
    with pytest.raises(StoreError, match=message):
        store.start_attempt(cadre.id, quiz_id="q", **kwargs)


def test_attempt_for_unknown_cadre_or_bad_finish(store: Store, cadre: CadreRecord) -> None:
    with pytest.raises(StoreError, match="not on the roster"):
        store.start_attempt("ghost", quiz_id="q")
    attempt = store.start_attempt(cadre.id, quiz_id="q")
    with pytest.raises(StoreError, match="status 'open'"):
        store.finish_attempt(attempt.id, status="open")
    with pytest.raises(StoreError, match="does not exist"):
        store.finish_attempt("ghost")


def test_progress_by_lesson(store: Store, cadre: CadreRecord) -> None:
    assert list(store.progress(cadre.id).columns) == [
        "lesson",
        "quizzes",
        "answered",
        "correct",
        "last_answered_at",
    ]
    assert store.progress(cadre.id).empty
    one_a = store.start_attempt(cadre.id, quiz_id="01-a", lesson="01")
    one_b = store.start_attempt(cadre.id, quiz_id="01-b", lesson="01")
    store.start_attempt(cadre.id, quiz_id="02-a", lesson="02")  # started, nothing answered
    exam = store.start_attempt(cadre.id, quiz_id="exam", kind="exam")  # no lesson: left out
    store.record_answer(make_answer(one_a.id, "q1", correct=False, answered_at=T0))
    store.record_answer(make_answer(one_a.id, "q1", correct=True, answered_at=T0 + timedelta(1)))
    store.record_answer(make_answer(one_a.id, "q2", correct=True, answered_at=T0))
    store.record_answer(make_answer(one_b.id, "q3", correct=False, answered_at=T0 + timedelta(2)))
    store.record_answer(make_answer(exam.id, "q9", answered_at=T0 + timedelta(5)))
    frame = store.progress(cadre.id)
    assert frame["lesson"].tolist() == ["01", "02"]
    assert frame["quizzes"].tolist() == [2, 1]
    assert frame["answered"].tolist() == [3, 0]
    assert frame["correct"].tolist() == [2, 0]
    assert frame["last_answered_at"].iloc[0] == T0 + timedelta(2)
    assert frame["last_answered_at"].isna().tolist() == [False, True]
