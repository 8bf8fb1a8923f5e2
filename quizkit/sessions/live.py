"""What the trainer's live view shows: who joined, how far each cadre is, scores, per-question rates.

The store adds up the figures (``LiveReadings.session_board_frames``: per-attempt sums and
per-question counts of the answers that count, in one read), so a dashboard refreshing every few
seconds reads 2,000 rows instead of 50,000 answers and 2,000 JSON papers; what is left here is the
board's layout. Attempts left open past their deadline are closed first, as every view does.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from quizkit.grading import percentage
from quizkit.learner.backend import LiveReadings
from quizkit.records import FINISHED_STATUSES
from quizkit.sessions.manage import Session

STATUS_NAMES = {"open": "作答中", "submitted": "已交卷", "expired": "到时交卷"}
KIND_NAMES = {"exam": "考试", "practice": "练习", "makeup": "补考"}
BOARD_COLUMNS = [
    "cadre_id",
    "姓名",
    "单位",
    "类别",
    "次数",
    "状态",
    "已答",
    "题数",
    "得分",
    "满分",
    "百分制",
    "剩余分钟",
]
RATE_COLUMNS = ["question_id", "作答人数", "答对人数", "正确率"]


@dataclass(frozen=True)
class Overview:
    joined: int
    working: int
    finished: int
    mean_percent: float | None


@dataclass(frozen=True)
class LiveData:
    board: pd.DataFrame
    rates: pd.DataFrame
    overview: Overview


def _board(attempts: pd.DataFrame, now: datetime) -> pd.DataFrame:
    """One row per cadre (their latest attempt), from the store's per-attempt figures."""
    if attempts.empty:
        return pd.DataFrame(columns=BOARD_COLUMNS)
    attempts = attempts.rename(
        columns={"answered": "已答", "items": "题数", "earned": "得分", "possible": "满分"}
    )
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
    board = board.astype({"已答": "int64", "题数": "int64", "得分": "float64", "满分": "float64"})
    return board[BOARD_COLUMNS].sort_values(["单位", "姓名"]).reset_index(drop=True)


def _rates(questions: pd.DataFrame) -> pd.DataFrame:
    """Questions answered (a response given) in at least one attempt, by question id."""
    answered = questions[questions["answered_by"] > 0]
    if answered.empty:
        return pd.DataFrame(columns=RATE_COLUMNS)
    grouped = answered.rename(columns={"answered_by": "作答人数", "correct_by": "答对人数"})
    grouped = grouped.astype({"作答人数": "int64", "答对人数": "int64"})
    grouped["正确率"] = (100.0 * grouped["答对人数"] / grouped["作答人数"]).round(1)
    return grouped[RATE_COLUMNS].sort_values("question_id").reset_index(drop=True)


def live_data(store: LiveReadings, session: Session, now: datetime) -> LiveData:
    """The board at ``now``, after closing the attempts overdue then."""
    store.expire_overdue_attempts(now, session_id=session.id)
    attempts, questions = store.session_board_frames(session.id)
    board = _board(attempts, now)
    done = board[board["状态"].isin([STATUS_NAMES[s] for s in FINISHED_STATUSES])]
    overview = Overview(
        joined=len(board),
        working=int((board["状态"] == STATUS_NAMES["open"]).sum()),
        finished=len(done),
        mean_percent=round(float(done["百分制"].mean()), 1) if len(done) else None,
    )
    return LiveData(board, _rates(questions), overview)


__all__ = ["BOARD_COLUMNS", "RATE_COLUMNS", "LiveData", "Overview", "live_data"]
