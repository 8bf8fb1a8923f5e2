"""The live board from the store's per-attempt sums and per-question counts is the board that was laid
out per paper item in pandas (kept here as the reference), on SQLite and PostgreSQL."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import Any

import pandas as pd
import pytest

from quizkit.bank import Bank
from quizkit.grading import percentage
from quizkit.records import FINISHED_STATUSES, AnswerRecord
from quizkit.sessions import ExamSitting, Session, live_data
from quizkit.sessions.live import (
    BOARD_COLUMNS,
    KIND_NAMES,
    RATE_COLUMNS,
    STATUS_NAMES,
    LiveData,
    Overview,
)
from quizkit.store import Store
from tests.sessions.answer_log_road import SessionData, load_session_data
from tests.sessions.conftest import FakeClock
from tests.sessions.factories import add_cadres
from tests.sessions.helpers import exam, right, wrong


def reference_board(data: SessionData, now: datetime) -> pd.DataFrame:
    """The board as ``quizkit.sessions.live`` computed it before the store summed it (marks per paper
    item from ``load_session_data``)."""
    if data.attempts.empty:
        return pd.DataFrame(columns=BOARD_COLUMNS)
    per_attempt = data.marks.groupby("attempt_id").agg(
        已答=("answered", "sum"),
        题数=("question_id", "size"),
        得分=("mark", "sum"),
        满分=("max_mark", "sum"),
    )
    attempts = data.attempts.join(per_attempt, on="attempt_id")
    attempts["次数"] = attempts.groupby("cadre_id").cumcount() + 1
    latest = attempts.drop_duplicates("cadre_id", keep="last").copy()
    left = (latest["deadline_at"] - pd.Timestamp(now)).dt.total_seconds() / 60
    working = latest["status"] == "open"
    latest["剩余分钟"] = left.where(working).clip(lower=0).round(1)
    latest["百分制"] = [
        percentage(earned, possible)
        for earned, possible in zip(latest["得分"], latest["满分"], strict=True)
    ]
    latest["状态"] = latest["status"].map(STATUS_NAMES)
    latest["类别"] = latest["kind"].map(KIND_NAMES).fillna(latest["kind"])
    board = latest.rename(columns={"name": "姓名", "unit": "单位"})
    board = board.astype({"已答": "int64", "题数": "int64"})
    return board[BOARD_COLUMNS].sort_values(["单位", "姓名"]).reset_index(drop=True)


def reference_rates(data: SessionData) -> pd.DataFrame:
    answered = data.answers[data.answers["answered"]]
    if answered.empty:
        return pd.DataFrame(columns=RATE_COLUMNS)
    grouped = answered.groupby("question_id").agg(
        作答人数=("attempt_id", "nunique"), 答对人数=("correct", "sum")
    )
    grouped["正确率"] = (100.0 * grouped["答对人数"] / grouped["作答人数"]).round(1)
    grouped = grouped.reset_index().astype({"答对人数": "int64"})
    return grouped[RATE_COLUMNS].sort_values("question_id").reset_index(drop=True)


def reference(store: Store, session: Session, now: datetime) -> LiveData:
    data = load_session_data(store, session, now)
    board = reference_board(data, now)
    done = board[board["状态"].isin([STATUS_NAMES[s] for s in FINISHED_STATUSES])]
    overview = Overview(
        joined=len(board),
        working=int((board["状态"] == STATUS_NAMES["open"]).sum()),
        finished=len(done),
        mean_percent=round(float(done["百分制"].mean()), 1) if len(done) else None,
    )
    return LiveData(board, reference_rates(data), overview)


def assert_same(found: LiveData, expected: LiveData) -> None:
    pd.testing.assert_frame_equal(found.board, expected.board, check_exact=True)
    pd.testing.assert_frame_equal(found.rates, expected.rates, check_exact=True)
    assert found.overview == expected.overview


def _points(store: Store, attempt_id: str, question_id: str) -> float:
    paper = store.attempt_paper(attempt_id) or {}
    return float(next(q["points"] for q in paper["questions"] if q["id"] == question_id))


def direct_answer(
    store: Store, attempt_id: str, question_id: str, response: Any, score: float, correct: bool
) -> None:
    """An answer written straight to the store (a response of None: the cadre cleared the choice)."""
    store.record_answer(
        AnswerRecord(
            submission_id=uuid.uuid4().hex,
            attempt_id=attempt_id,
            question_id=question_id,
            question_hash="sha256:" + question_id,
            response=response,
            score=score,
            points=_points(store, attempt_id, question_id),
            correct=correct,
        )
    )


def room(store: Store, bank: Bank, clock: FakeClock) -> Session:
    """A 30-minute exam (4 questions, 2 retakes allowed) with every case the board must count:

    - c001: a correction (wrong, then right: the latest counts), a question answered wrong, two
      questions never answered; handed in;
    - c002: two attempts (次数 2): the first handed in, the second open, with an answer whose response
      was cleared (None) after a right one;
    - c003: joined, nothing answered, still open;
    - c004: answers saved, left open: past the deadline it is closed (到时交卷);
    - c005: a 补考 attempt after a handed-in one, on a paper without ``total_points`` and a partial
      score;
    - c006: in another session only (not on this board).
    """
    add_cadres(store, 5)
    session = exam(store, bank, duration_minutes=30, attempts_allowed=2)
    other = exam(store, bank, code="Z9Z9", duration_minutes=30)

    one = ExamSitting.join(store, bank, session, "c001", clock=clock)
    one.save("xk-single-01", wrong(one, "xk-single-01"))
    one.save("xk-single-01", right(one, "xk-single-01"))  # the correction counts
    one.save("xk-judge-01", wrong(one, "xk-judge-01"))
    one.submit()

    two = ExamSitting.join(store, bank, session, "c002", clock=clock)
    two.save("xk-single-01", right(two, "xk-single-01"))
    two.save("cf-single-01", right(two, "cf-single-01"))
    two.submit()
    clock.advance(minutes=2)
    again = ExamSitting.join(store, bank, session, "c002", clock=clock)
    again.save("xk-multiple-01", right(again, "xk-multiple-01"))
    again.save("xk-judge-01", right(again, "xk-judge-01"))
    direct_answer(store, again.attempt.id, "xk-judge-01", None, 0.0, False)  # cleared

    ExamSitting.join(store, bank, session, "c003", clock=clock)

    four = ExamSitting.join(store, bank, session, "c004", clock=clock)
    four.save("xk-single-01", right(four, "xk-single-01"))
    four.save("xk-multiple-01", wrong(four, "xk-multiple-01"))

    five = ExamSitting.join(store, bank, session, "c005", clock=clock)
    five.save("cf-single-01", wrong(five, "cf-single-01"))
    five.submit()
    hand_made = {
        "seed": "hand",
        "questions": [
            {"id": "xk-multiple-01", "points": 3.0, "slot": "xk-multiple-01"},
            {"id": "cf-single-01", "points": 1.5, "slot": "cf-single-01"},
            {"id": "xk-judge-01", "points": 1.0, "slot": "xk-judge-01"},
        ],
    }
    makeup = store.start_attempt(
        "c005",
        quiz_id=session.quiz_id,
        session_id=session.id,
        kind="makeup",
        deadline_at=clock() + timedelta(minutes=60),
        paper=hand_made,
    )
    direct_answer(store, makeup.id, "xk-multiple-01", ["A"], 1.0, False)  # 少选: partial
    direct_answer(store, makeup.id, "cf-single-01", "C", 1.5, True)

    add_cadres(store, 6)
    elsewhere = ExamSitting.join(store, bank, other, "c006", clock=clock)
    elsewhere.save("xk-single-01", right(elsewhere, "xk-single-01"))
    return session


def test_the_board_from_store_figures_is_the_board_laid_out_per_paper_item(
    any_store: Store, bank: Bank, clock: FakeClock
) -> None:
    session = room(any_store, bank, clock)
    now = clock() + timedelta(minutes=5)
    expected = reference(any_store, session, now)
    found = live_data(any_store, session, now)
    assert_same(found, expected)
    board = found.board.set_index("cadre_id")
    assert list(board.loc["c002", ["次数", "状态", "已答", "题数"]]) == [2, "作答中", 1, 4]
    assert list(board.loc["c005", ["类别", "次数", "题数", "得分", "满分"]]) == [
        "补考",
        2,
        3,
        2.5,
        5.5,
    ]
    assert list(board.loc["c003", ["已答", "得分"]]) == [0, 0.0]
    assert found.rates.set_index("question_id").loc["xk-judge-01", "作答人数"] == 1  # c001 only

    later = clock() + timedelta(minutes=31)  # c004 (and c002's retake, c003) run out of time
    expected_later = reference(any_store, session, later)
    found_later = live_data(any_store, session, later)
    assert_same(found_later, expected_later)
    assert found_later.board.set_index("cadre_id").loc["c004", "状态"] == "到时交卷"


def test_an_empty_session_gives_an_empty_board(any_store: Store, bank: Bank) -> None:
    session = exam(any_store, bank)
    found = live_data(any_store, session, datetime.now().astimezone())
    assert found.board.empty and list(found.board.columns) == BOARD_COLUMNS
    assert found.rates.empty and list(found.rates.columns) == RATE_COLUMNS
    assert found.overview == Overview(0, 0, 0, None)


@pytest.mark.parametrize("hours", [0, 3])
def test_the_board_through_a_protocol_only_reader_matches(
    sqlite_store: Store, bank: Bank, clock: FakeClock, hours: int
) -> None:
    """``live_data`` needs only the board reads (no paper, no answer rows)."""
    session = room(sqlite_store, bank, clock)
    now = clock() + timedelta(hours=hours)
    expected = reference(sqlite_store, session, now)

    class BoardOnly:
        def __getattr__(self, name: str) -> Any:
            if name not in {"expire_overdue_attempts", "session_board_frames"}:
                raise AttributeError(name)
            return getattr(sqlite_store, name)

    assert_same(live_data(BoardOnly(), session, now), expected)
