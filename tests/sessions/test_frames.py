"""An attempt left open past its deadline is closed (with what was saved) by whichever view reads it
first, so reports, item analysis and the live view show the same result."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from quizkit.bank import Bank
from quizkit.records import utc_now
from quizkit.reports import ReportPolicy, cadre_report, load_report_data
from quizkit.sessions import ExamSitting, Session, analyse_session, live_data
from quizkit.store import Store
from tests.sessions.conftest import FakeClock
from tests.sessions.factories import add_cadres
from tests.sessions.helpers import exam, right, wrong


def room(store: Store, bank: Bank) -> tuple[Session, str]:
    """A 30-minute exam sat two hours ago. The paper has 4 questions of 2 points (8 in all).
    c001 answers xk-single-01 right and xk-judge-01 wrong, then submits: 2 / 8 = 25.0.
    c002 answers xk-single-01 right and cf-single-01 wrong, then leaves the attempt open: at its
    deadline it is closed with those two answers, 2 / 8 = 25.0, and both questions have n = 2."""
    add_cadres(store, 2)
    session = exam(store, bank, duration_minutes=30)
    clock = FakeClock(utc_now() - timedelta(hours=2))
    one = ExamSitting.join(store, bank, session, "c001", clock=clock)
    one.save("xk-single-01", right(one, "xk-single-01"))
    one.save("xk-judge-01", wrong(one, "xk-judge-01"))
    one.submit()
    two = ExamSitting.join(store, bank, session, "c002", clock=clock)
    two.save("xk-single-01", right(two, "xk-single-01"))
    two.save("cf-single-01", wrong(two, "cf-single-01"))
    assert two.attempt.status == "open"
    return session, two.attempt.id


def from_reports(store: Store, session: Session) -> tuple[float, int]:
    rows = cadre_report(load_report_data(store, session_id=session.id), ReportPolicy())
    row = rows.set_index("编号").loc["c002"]
    return float(row["成绩"]), int(rows["考试状态"].eq("已参考").sum())


def from_analysis(store: Store, session: Session) -> tuple[float, int]:
    items = analyse_session(store, session, which="all").items.set_index("question_id")
    return float(items.loc["cf-single-01", "facility"]), int(items.loc["cf-single-01", "n"])


def from_live(store: Store, session: Session) -> tuple[float, str]:
    board = live_data(store, session, utc_now()).board.set_index("cadre_id")
    return float(board.loc["c002", "百分制"]), str(board.loc["c002", "状态"])


VIEWS: dict[str, Callable[[Store, Session], object]] = {
    "reports": from_reports,
    "analysis": from_analysis,
    "live": from_live,
}


@pytest.mark.parametrize("first", list(VIEWS))
def test_every_view_counts_an_overdue_attempt_the_same(
    sqlite_store: Store, bank: Bank, first: str
) -> None:
    session, attempt_id = room(sqlite_store, bank)
    VIEWS[first](sqlite_store, session)  # whichever view reads first closes it
    closed = sqlite_store.get_attempt(attempt_id)
    assert closed is not None and closed.status == "expired"
    assert closed.finished_at == closed.deadline_at
    assert from_reports(sqlite_store, session) == (25.0, 2)
    assert from_analysis(sqlite_store, session) == (0.0, 2)  # c002's wrong answer is counted
    assert from_live(sqlite_store, session) == (25.0, "到时交卷")


def test_only_attempts_past_their_deadline_are_closed(any_store: Store, bank: Bank) -> None:
    session, attempt_id = room(any_store, bank)
    attempt = any_store.get_attempt(attempt_id)
    assert attempt is not None and attempt.deadline_at is not None
    before = attempt.deadline_at - timedelta(seconds=1)
    assert any_store.expire_overdue_attempts(before, session_id=session.id) == 0
    assert any_store.expire_overdue_attempts(utc_now(), session_id="another") == 0
    assert any_store.get_attempt(attempt_id).status == "open"  # type: ignore[union-attr]
    assert any_store.expire_overdue_attempts(attempt.deadline_at) == 1
    assert any_store.expire_overdue_attempts(utc_now()) == 0  # closed once
    assert any_store.get_attempt(attempt_id).status == "expired"  # type: ignore[union-attr]
