"""Reads and writes that group sessions need (quizkit.sessions), as part of the store's API.

- ``session_attempts_frame``: every attempt of a session with its stored paper, for the trainer's live
  view and item analysis (one query instead of one per attempt);
- ``extend_open_attempts`` / ``expire_open_attempts``: a trainer's 延时 and 结束 act on every open attempt
  of a session at once;
- ``expire_overdue_attempts``: the one place an attempt left open past its deadline is closed (with what
  was saved), called by every view before it reads (reports, item analysis, the live view);
- ``session_answers_frame``: the session's answers that count (``quizkit.store.latest``), without
  decoding responses (the live view refreshes every few seconds);
- ``cadre_answers_frame``: one cadre's answers over every attempt, for the 错题本 (``counts`` marks
  the answer that counts in its attempt; ``session_id`` and ``lesson`` say where it was given).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, select

from quizkit.records import utc_now
from quizkit.store.base import StoreBase
from quizkit.store.frames import _frame
from quizkit.store.latest import counts
from quizkit.store.raw_reads import raw_columns
from quizkit.store.schema import answers, attempts, cadres
from quizkit.store.scores import store_scores

if TYPE_CHECKING:
    import pandas as pd

SESSION_ATTEMPT_COLUMNS = [
    "attempt_id",
    "cadre_id",
    "kind",
    "status",
    "started_at",
    "deadline_at",
    "finished_at",
    "paper",
    "name",
    "unit",
]
SESSION_ANSWER_COLUMNS = ["answer_id", "attempt_id", "question_id", "answered", "score", "correct"]
CADRE_ANSWER_COLUMNS = [
    "answer_id",
    "attempt_id",
    "question_id",
    "response",
    "score",
    "points",
    "correct",
    "answered_at",
    "quiz_id",
    "session_id",
    "kind",
    "lesson",
    "counts",
]


class SessionQueriesMixin(StoreBase):
    """Session-wide reads and writes: the live view, item analysis, 延时/结束, the 错题本."""

    def session_attempts_frame(self, session_id: str, *, papers: bool = True) -> pd.DataFrame:
        """One row per attempt of the session (``SESSION_ATTEMPT_COLUMNS``), oldest first;
        ``paper`` is the stored dict (or None; always None with ``papers=False``, which skips
        reading and decoding them), times are aware UTC."""
        query = session_attempts_query(session_id, papers=papers)
        with self._read() as conn:
            rows: Sequence[Any]
            if papers:
                rows = conn.execute(query).all()
            else:  # straight from the driver: no JSON, and times parsed by pandas in one go
                columns = raw_columns(conn, query, len(SESSION_ATTEMPT_COLUMNS) - 1)
                rows = list(zip(*columns[:7], [None] * len(columns[0]), *columns[7:], strict=True))
        return _frame(rows, SESSION_ATTEMPT_COLUMNS)

    def session_answers_frame(self, session_id: str) -> pd.DataFrame:
        """The answer that counts per attempt and question of the session (``quizkit.store.latest``),
        lean (``SESSION_ANSWER_COLUMNS``: ``answered`` is whether a response was given; responses are
        not decoded), in stored order (sorted here: an ORDER BY costs the database a sort of a
        million rows in a temporary B-tree)."""
        with self._read() as conn:  # straight from the driver: a session may hold a million rows
            found = raw_columns(conn, _answer_rows_query(session_id), len(SESSION_ANSWER_COLUMNS))
        return _answers_frame(*found)

    def extend_open_attempts(self, session_id: str, minutes: int) -> int:
        """Move the deadline of every open attempt of the session by ``minutes``; returns how many."""
        query = select(attempts.c.id, attempts.c.deadline_at).where(
            attempts.c.session_id == session_id,
            attempts.c.status == "open",
            attempts.c.deadline_at.is_not(None),
        )
        with self._write() as conn:
            rows = conn.execute(query).all()
            for attempt_id, deadline in rows:
                moved: datetime = deadline + timedelta(minutes=minutes)
                conn.execute(
                    attempts.update().where(attempts.c.id == attempt_id).values(deadline_at=moved)
                )
        return len(rows)

    def expire_open_attempts(self, session_id: str) -> int:
        """Close every open attempt of the session as ``expired`` (kept with what was saved; scores
        stored in the same transaction)."""
        with self._write() as conn:
            open_ = [attempts.c.session_id == session_id, attempts.c.status == "open"]
            found = list(conn.scalars(select(attempts.c.id).where(*open_)))
            if not found:
                return 0
            conn.execute(
                attempts.update()
                .where(attempts.c.id.in_(found))
                .values(status="expired", finished_at=utc_now())
            )
            return store_scores(conn, found)

    def expire_overdue_attempts(self, now: datetime, *, session_id: str | None = None) -> int:
        """Close every open attempt whose deadline is at or before ``now`` as ``expired``, finished at its
        deadline and kept with what was saved; ``session_id`` limits it to one session. Returns how many.
        Reads first: a view with nothing overdue (the usual case) does not take a write lock."""
        overdue = [
            attempts.c.status == "open",
            attempts.c.deadline_at.is_not(None),
            attempts.c.deadline_at <= now,
        ]
        if session_id is not None:
            overdue.append(attempts.c.session_id == session_id)
        with self._read() as conn:
            found = list(conn.execute(select(attempts.c.id).where(*overdue)).scalars())
        if not found:
            return 0
        with self._write() as conn:
            still = list(
                conn.scalars(
                    select(attempts.c.id).where(
                        attempts.c.id.in_(found), attempts.c.status == "open"
                    )
                )
            )
            if not still:
                return 0
            conn.execute(
                attempts.update()
                .where(attempts.c.id.in_(still))
                .values(status="expired", finished_at=attempts.c.deadline_at)
            )
            return store_scores(conn, still)

    def cadre_answers_frame(self, cadre_id: str) -> pd.DataFrame:
        """Every answer row of one cadre (``CADRE_ANSWER_COLUMNS``), in answered order; ``counts``:
        the row is the answer that counts in its attempt (``quizkit.store.latest``)."""
        query = (
            select(
                answers.c.id,
                *(answers.c[c] for c in ("attempt_id", "question_id", "response", "score")),
                answers.c.points,
                answers.c.correct,
                answers.c.answered_at,
                *(attempts.c[c] for c in ("quiz_id", "session_id", "kind", "lesson")),
                counts(),
            )
            .join(attempts, attempts.c.id == answers.c.attempt_id)
            .where(attempts.c.cadre_id == cadre_id)
            .order_by(answers.c.answered_at, answers.c.id)
        )
        with self._read() as conn:
            return _frame(conn.execute(query).all(), CADRE_ANSWER_COLUMNS)


def session_attempts_query(session_id: str, *, papers: bool) -> Select[Any]:
    """The session's attempts, oldest first: ``SESSION_ATTEMPT_COLUMNS``, without ``paper`` when
    ``papers`` is False (the live board's read too)."""
    return (
        select(
            attempts.c.id,
            *(attempts.c[c] for c in ("cadre_id", "kind", "status", "started_at")),
            attempts.c.deadline_at,
            attempts.c.finished_at,
            *([attempts.c.paper] if papers else []),
            cadres.c.name,
            cadres.c.unit,
        )
        .join(cadres, cadres.c.id == attempts.c.cadre_id)
        .where(attempts.c.session_id == session_id)
        .order_by(attempts.c.started_at, attempts.c.id)
    )


def _answer_rows_query(session_id: str) -> Select[Any]:
    """The session's answers that count, one row each (``SESSION_ANSWER_COLUMNS``)."""
    return (
        select(
            answers.c.id,
            answers.c.attempt_id,
            answers.c.question_id,
            answers.c.response.is_not(None),
            answers.c.score,
            answers.c.correct,
        )
        .join(attempts, attempts.c.id == answers.c.attempt_id)
        .where(attempts.c.session_id == session_id, counts())
    )


def _answers_frame(
    ids: Any, attempt_ids: Any, question_ids: Any, answered: Any, scores: Any, correct: Any
) -> pd.DataFrame:
    """``SESSION_ANSWER_COLUMNS`` from six columns, in answer-id order."""
    import numpy as np
    import pandas as pd

    ids = np.asarray(ids, dtype="int64")
    order = np.argsort(ids, kind="stable")
    return pd.DataFrame(
        {
            "answer_id": ids[order],
            "attempt_id": pd.Series(np.asarray(attempt_ids, dtype=object)[order], dtype=object),
            "question_id": pd.Series(np.asarray(question_ids, dtype=object)[order], dtype=object),
            "answered": np.asarray(answered, dtype=bool)[order],
            "score": np.asarray(scores, dtype="float64")[order],
            "correct": np.asarray(correct, dtype=bool)[order],
        }
    )


__all__ = [
    "CADRE_ANSWER_COLUMNS",
    "SESSION_ANSWER_COLUMNS",
    "SESSION_ATTEMPT_COLUMNS",
    "SessionQueriesMixin",
]
