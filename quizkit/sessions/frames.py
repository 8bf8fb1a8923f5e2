"""A session's attempts and answers as DataFrames: what the live view and item analysis both read.

Read in two queries (attempts with their papers, and the session's answers that count: the latest
row per attempt and question, ``quizkit.counting``). Marks are laid out per attempt from each attempt's
paper, so a question on the paper but never answered counts as 0. Attempts left open past their deadline
are closed first (``expire_overdue_attempts``, with what was saved), so every view reads the same status.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import pandas as pd

from quizkit.learner.backend import SessionReadings
from quizkit.records import FINISHED_STATUSES, utc_now
from quizkit.sessions.manage import Session
from quizkit.sessions.papers import Paper

REGULAR = ("exam", "practice")
MARK_COLUMNS = ["attempt_id", "cadre_id", "question_id", "slot", "mark", "max_mark", "answered"]


@dataclass(frozen=True)
class SessionData:
    """``attempts``: one row per attempt (with ``paper``); ``answers``: the latest row per attempt
    and question; ``marks``: one row per attempt and paper question (``MARK_COLUMNS``)."""

    attempts: pd.DataFrame
    answers: pd.DataFrame
    marks: pd.DataFrame


def paper_marks(attempts: pd.DataFrame, latest: pd.DataFrame) -> pd.DataFrame:
    """One row per (attempt, question on its paper): the mark of its latest answer, else 0."""
    keyed = {
        (attempt_id, question_id): (float(score), bool(answered))
        for attempt_id, question_id, score, answered in zip(
            latest["attempt_id"],
            latest["question_id"],
            latest["score"],
            latest["answered"],
            strict=True,
        )
    }
    records = []
    for attempt_id, cadre_id, stored in zip(
        attempts["attempt_id"], attempts["cadre_id"], attempts["paper"], strict=True
    ):
        for item in Paper.from_json(stored or {}).items:
            mark, answered = keyed.get((attempt_id, item.question_id), (0.0, False))
            records.append(
                (attempt_id, cadre_id, item.question_id, item.slot, mark, item.points, answered)
            )
    return pd.DataFrame.from_records(records, columns=MARK_COLUMNS)


def load_session_data(
    store: SessionReadings, session: Session, now: datetime | None = None
) -> SessionData:
    """The session's data, after closing its attempts overdue at ``now`` (default: the store's clock)."""
    store.expire_overdue_attempts(now or utc_now(), session_id=session.id)
    attempts = store.session_attempts_frame(session.id)
    latest = store.session_answers_frame(session.id)
    return SessionData(attempts, latest, paper_marks(attempts, latest))


def select_attempts(attempts: pd.DataFrame, which: str) -> pd.DataFrame:
    """Finished attempts for analysis: each cadre's ``first`` or ``last`` regular one, or ``all``."""
    done = attempts[attempts["status"].isin(FINISHED_STATUSES)]
    if which == "all":
        return done
    regular = done[done["kind"].isin(REGULAR)].sort_values(["started_at", "attempt_id"])
    return regular.drop_duplicates("cadre_id", keep="first" if which == "first" else "last")


__all__ = [
    "MARK_COLUMNS",
    "SessionData",
    "load_session_data",
    "paper_marks",
    "select_attempts",
]
