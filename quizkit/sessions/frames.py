"""A session's attempts and answers as DataFrames: what the live view and item analysis both read.

Read in two queries (attempts with their papers, and the session's answers that count: the latest
row per attempt and question, ``quizkit.counting``). Marks are laid out per attempt from each attempt's
paper, so a question on the paper but never answered counts as 0. Attempts left open past their deadline
are closed first (``expire_overdue_attempts``, with what was saved), so every view reads the same status.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd

from quizkit.learner.backend import SessionReadings
from quizkit.records import FINISHED_STATUSES, utc_now
from quizkit.sessions.manage import Session

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
    """One row per (attempt, question on its paper): the mark of its latest answer, else 0.

    Whole-column work: the papers' items are flattened once (the stored JSON form of
    ``Paper.to_json``: ``questions`` with ``id``, ``points`` and ``slot``) and matched to the answers
    by integer keys, so 20,000 papers of 50 questions take a fraction of a second."""
    items = [
        (paper or {}).get("questions") or [] for paper in attempts["paper"].tolist()
    ]  # one list per attempt, in attempt order
    sizes = np.fromiter((len(found) for found in items), dtype=np.int64, count=len(items))
    flat = [entry for found in items for entry in found]
    question_ids = [str(entry["id"]) for entry in flat]
    frame = pd.DataFrame(
        {
            "attempt_id": np.repeat(attempts["attempt_id"].to_numpy(dtype=object), sizes),
            "cadre_id": np.repeat(attempts["cadre_id"].to_numpy(dtype=object), sizes),
            "question_id": question_ids,
            "slot": [str(entry.get("slot") or entry["id"]) for entry in flat],
            "max_mark": np.array([float(entry["points"]) for entry in flat], dtype=float),
        }
    )
    keys = pd.MultiIndex.from_arrays([latest["attempt_id"], latest["question_id"]])
    found = keys.get_indexer(pd.MultiIndex.from_arrays([frame["attempt_id"], frame["question_id"]]))
    hit = found >= 0
    scores = latest["score"].to_numpy(dtype=float)
    answered = latest["answered"].to_numpy(dtype=bool)
    frame["mark"] = np.where(hit, scores[np.maximum(found, 0)] if len(scores) else 0.0, 0.0)
    frame["answered"] = hit & (answered[np.maximum(found, 0)] if len(answered) else False)
    return frame[MARK_COLUMNS]


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
