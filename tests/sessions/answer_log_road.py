"""The answer-log road to a session's marks, kept as the tests' reference.

Before item marks were kept at closing (``quizkit.store.item_marks``) and the live board's figures were
summed by the store (``quizkit.store.session_figures``), both views laid out marks per paper item from
every answer that counts and every JSON paper. The tests check the new reads give the very same
figures as this road.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd

from quizkit.records import utc_now
from quizkit.sessions.manage import Session
from quizkit.store import Store

MARK_COLUMNS = ["attempt_id", "cadre_id", "question_id", "slot", "mark", "max_mark", "answered"]


@dataclass(frozen=True)
class SessionData:
    """``attempts``: one row per attempt (with ``paper``); ``answers``: the latest row per attempt
    and question; ``marks``: one row per attempt and paper question (``MARK_COLUMNS``)."""

    attempts: pd.DataFrame
    answers: pd.DataFrame
    marks: pd.DataFrame


def _matches(
    attempt_ids: pd.Series, sizes: np.ndarray, question_ids: pd.Series, latest: pd.DataFrame
) -> np.ndarray:
    """For each paper item (attempt ``k`` has ``sizes[k]`` items, in attempt order), the row of
    ``latest`` with the same attempt and question, else -1. Strings are hashed once each into
    integer codes; the pairs are then matched as single int64 keys (a MultiIndex of a million
    string pairs costs several times more)."""
    attempt_codes = pd.Index(attempt_ids).get_indexer(latest["attempt_id"])
    question_codes, names = pd.factorize(
        pd.concat([question_ids, latest["question_id"]], ignore_index=True)
    )
    width = max(len(names), 1)
    item_keys = np.repeat(np.arange(len(attempt_ids), dtype=np.int64), sizes) * width
    item_keys += question_codes[: len(question_ids)]
    answer_keys = attempt_codes.astype(np.int64) * width + question_codes[len(question_ids) :]
    unlisted = attempt_codes < 0  # an answer of no attempt listed matches no item
    answer_keys[unlisted] = -1 - np.arange(int(unlisted.sum()), dtype=np.int64)  # kept unique
    return np.asarray(pd.Index(answer_keys).get_indexer(item_keys), dtype=np.int64)


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
    found = _matches(attempts["attempt_id"], sizes, frame["question_id"], latest)
    hit = found >= 0
    scores = latest["score"].to_numpy(dtype=float)
    answered = latest["answered"].to_numpy(dtype=bool)
    frame["mark"] = np.where(hit, scores[np.maximum(found, 0)] if len(scores) else 0.0, 0.0)
    frame["answered"] = hit & (answered[np.maximum(found, 0)] if len(answered) else False)
    return frame[MARK_COLUMNS]


def load_session_data(store: Store, session: Session, now: datetime | None = None) -> SessionData:
    """The session's data, after closing its attempts overdue at ``now`` (default: the store's clock)."""
    store.expire_overdue_attempts(now or utc_now(), session_id=session.id)
    attempts = store.session_attempts_frame(session.id)
    latest = store.session_answers_frame(session.id)
    return SessionData(attempts, latest, paper_marks(attempts, latest))
