"""Who may sit: units and cadres, the window, attempts allowed, and the 补考 window."""

from __future__ import annotations

from datetime import timedelta

import pytest

from quizkit.bank import Bank
from quizkit.errors import SessionError
from quizkit.sessions import ExamSitting, admit
from quizkit.sessions.admission import unit_admitted
from quizkit.store import CadreRecord, Store
from tests.sessions.conftest import FakeClock
from tests.sessions.factories import add_cadres
from tests.sessions.helpers import exam, right


def sit_and_score(
    store: Store, bank: Bank, session: object, cadre: str, clock: FakeClock, right_answers: int
) -> str:
    sitting = ExamSitting.join(store, bank, session, cadre, clock=clock)  # type: ignore[arg-type]
    for pq in sitting.questions[:right_answers]:
        sitting.save(pq.item.question_id, right(sitting, pq.item.question_id))
    sitting.submit()
    return sitting.attempt.kind


def test_units_admit_their_sub_units() -> None:
    parents = {"西村": "城关镇", "城关镇": "某县", "东镇": "某县"}
    assert unit_admitted("西村", ("城关镇",), parents)
    assert not unit_admitted("东镇", ("城关镇",), parents)
    assert unit_admitted("东镇", (), parents)


def test_only_the_listed_units_and_cadres_may_join(
    sqlite_store: Store, bank: Bank, clock: FakeClock
) -> None:
    sqlite_store.upsert_unit("西村", parent="城关镇")
    sqlite_store.upsert_cadres(
        [
            CadreRecord(id="a", name="甲", unit="西村"),
            CadreRecord(id="b", name="乙", unit="东镇"),
            CadreRecord(id="c", name="丙", unit="东镇"),
        ]
    )
    session = exam(sqlite_store, bank, units=["城关镇"], cadres=["c"])
    assert ExamSitting.join(sqlite_store, bank, session, "a", clock=clock).attempt.kind == "exam"
    assert ExamSitting.join(sqlite_store, bank, session, "c", clock=clock).attempt.kind == "exam"
    with pytest.raises(SessionError, match="不在《测试考试》的参考范围内"):
        ExamSitting.join(sqlite_store, bank, session, "b", clock=clock)


def test_the_window_and_the_attempts_allowed(
    sqlite_store: Store, bank: Bank, clock: FakeClock
) -> None:
    add_cadres(sqlite_store, 1)
    now = clock()
    session = exam(
        sqlite_store,
        bank,
        attempts_allowed=2,
        opens_at=now + timedelta(hours=1),
        closes_at=now + timedelta(hours=3),
    )
    with pytest.raises(SessionError, match="尚未开始"):
        ExamSitting.join(sqlite_store, bank, session, "c001", clock=clock)
    clock.advance(hours=1, minutes=1)
    first = ExamSitting.join(sqlite_store, bank, session, "c001", clock=clock)
    assert first.attempt.deadline_at == session.closes_at  # no duration: until the session closes
    first.submit()
    second = ExamSitting.join(sqlite_store, bank, session, "c001", clock=clock)
    assert second.attempt.id != first.attempt.id
    second.submit()
    with pytest.raises(SessionError, match="用完"):
        ExamSitting.join(sqlite_store, bank, session, "c001", clock=clock)
    clock.advance(hours=3)
    with pytest.raises(SessionError, match="已结束"):
        admit(sqlite_store, session, sqlite_store.get_cadre("c001"), clock())  # type: ignore[arg-type]


def test_makeup_is_for_those_who_failed_or_were_absent(
    sqlite_store: Store, bank: Bank, clock: FakeClock
) -> None:
    add_cadres(sqlite_store, 3)
    now = clock()
    makeup = {"opens_at": now + timedelta(days=7), "closes_at": now + timedelta(days=7, hours=8)}
    session = exam(
        sqlite_store, bank, closes_at=now + timedelta(hours=2), makeup=makeup, pass_mark=60
    )
    sit_and_score(sqlite_store, bank, session, "c001", clock, right_answers=4)  # 100: passed
    sit_and_score(sqlite_store, bank, session, "c002", clock, right_answers=1)  # 25: failed
    clock.advance(hours=3)
    with pytest.raises(SessionError, match="补考开始时间"):
        ExamSitting.join(sqlite_store, bank, session, "c003", clock=clock)
    clock.advance(days=7)
    with pytest.raises(SessionError, match="无需参加补考"):
        ExamSitting.join(sqlite_store, bank, session, "c001", clock=clock)
    assert sit_and_score(sqlite_store, bank, session, "c002", clock, right_answers=4) == "makeup"
    assert sit_and_score(sqlite_store, bank, session, "c003", clock, right_answers=3) == "makeup"
    with pytest.raises(SessionError, match="补考机会"):
        ExamSitting.join(sqlite_store, bank, session, "c002", clock=clock)
    kinds = (
        sqlite_store.attempts_frame(session_id=session.id).groupby("cadre_id")["kind"].apply(list)
    )
    assert kinds.to_dict() == {"c001": ["exam"], "c002": ["exam", "makeup"], "c003": ["makeup"]}


def test_a_makeup_attempt_ends_with_the_makeup_window(
    sqlite_store: Store, bank: Bank, clock: FakeClock
) -> None:
    add_cadres(sqlite_store, 1)
    now = clock()
    makeup = {"opens_at": now + timedelta(days=1), "closes_at": now + timedelta(days=1, minutes=20)}
    session = exam(
        sqlite_store, bank, closes_at=now + timedelta(hours=1), duration_minutes=60, makeup=makeup
    )
    clock.advance(days=1, minutes=5)
    sitting = ExamSitting.join(sqlite_store, bank, session, "c001", clock=clock)
    assert sitting.attempt.kind == "makeup"
    assert sitting.attempt.deadline_at == makeup["closes_at"]


def test_a_session_whose_bands_disagree_with_its_pass_mark_is_not_created(
    sqlite_store: Store, bank: Bank
) -> None:
    with pytest.raises(SessionError, match="及格线"):
        exam(sqlite_store, bank, pass_mark=70)
    assert sqlite_store.sessions_frame().empty
