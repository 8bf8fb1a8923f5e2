"""Attempts: one sitting of one quiz by one cadre."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select

from quizkit.errors import StoreError
from quizkit.records import ATTEMPT_KINDS, ATTEMPT_STATUSES, Attempt, as_utc, utc_now
from quizkit.store.base import StoreBase
from quizkit.store.schema import attempts, cadres, sessions
from quizkit.store.scores import store_scores


def attempt_from_row(row: Mapping[Any, Any]) -> Attempt:
    return Attempt(
        id=row["id"],
        cadre_id=row["cadre_id"],
        quiz_id=row["quiz_id"],
        lesson=row["lesson"],
        session_id=row["session_id"],
        kind=row["kind"],
        started_at=row["started_at"],
        deadline_at=row["deadline_at"],
        finished_at=row["finished_at"],
        status=row["status"],
    )


def _check_choice(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise StoreError(
            f"attempt {what} {value!r} is not one of {', '.join(allowed)}",
            hint=f"use one of: {', '.join(allowed)}",
        )


class AttemptsMixin(StoreBase):
    def start_attempt(
        self,
        cadre_id: str,
        *,
        quiz_id: str,
        lesson: str | None = None,
        session_id: str | None = None,
        kind: str = "practice",
        deadline_at: datetime | None = None,
        paper: dict[str, Any] | None = None,
    ) -> Attempt:
        """Open a new attempt; ``paper`` (question ids, option order…) is kept to show it again."""
        _check_choice(kind, ATTEMPT_KINDS, "kind")
        row: dict[str, Any] = {
            "id": uuid.uuid4().hex,
            "cadre_id": cadre_id,
            "quiz_id": quiz_id,
            "lesson": lesson,
            "session_id": session_id,
            "kind": kind,
            "started_at": utc_now(),
            "deadline_at": None if deadline_at is None else as_utc(deadline_at),
            "finished_at": None,
            "status": "open",
            "paper": paper,
        }
        with self._write() as conn:
            if conn.execute(select(cadres.c.id).where(cadres.c.id == cadre_id)).first() is None:
                raise StoreError(
                    f"cadre {cadre_id!r} is not on the roster",
                    hint="import the roster (`quizkit roster import`) or check the cadre id",
                )
            if (
                session_id is not None
                and not conn.execute(
                    select(sessions.c.id).where(sessions.c.id == session_id)
                ).first()
            ):
                raise StoreError(f"session {session_id!r} does not exist")
            conn.execute(attempts.insert().values(**row))
        return attempt_from_row(row)

    def get_attempt(self, attempt_id: str) -> Attempt | None:
        with self._read() as conn:
            row = (
                conn.execute(select(attempts).where(attempts.c.id == attempt_id)).mappings().first()
            )
        return None if row is None else attempt_from_row(row)

    def attempt_paper(self, attempt_id: str) -> dict[str, Any] | None:
        """The paper given to ``start_attempt`` (None when none was stored)."""
        with self._read() as conn:
            paper = conn.execute(select(attempts.c.paper).where(attempts.c.id == attempt_id))
            value: dict[str, Any] | None = paper.scalar()
        return value

    def attempts_for(
        self, cadre_id: str, *, quiz_id: str | None = None, session_id: str | None = None
    ) -> list[Attempt]:
        """The cadre's attempts, oldest first."""
        query = select(attempts).where(attempts.c.cadre_id == cadre_id)
        if quiz_id is not None:
            query = query.where(attempts.c.quiz_id == quiz_id)
        if session_id is not None:
            query = query.where(attempts.c.session_id == session_id)
        query = query.order_by(attempts.c.started_at, attempts.c.id)
        with self._read() as conn:
            return [attempt_from_row(row) for row in conn.execute(query).mappings()]

    def finish_attempt(self, attempt_id: str, *, status: str = "submitted") -> Attempt:
        """Close an open attempt as submitted or expired; finishing it again changes nothing."""
        _check_choice(status, ATTEMPT_STATUSES[1:], "status")
        with self._write() as conn:
            row = (
                conn.execute(select(attempts).where(attempts.c.id == attempt_id)).mappings().first()
            )
            if row is None:
                raise StoreError(f"attempt {attempt_id!r} does not exist")
            if row["status"] != "open":
                return attempt_from_row(row)
            changes = {"status": status, "finished_at": utc_now()}
            conn.execute(attempts.update().where(attempts.c.id == attempt_id).values(**changes))
            store_scores(conn, [attempt_id])  # the score is kept in the closing transaction
        return attempt_from_row({**row, **changes})
