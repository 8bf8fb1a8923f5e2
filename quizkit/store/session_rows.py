"""Rows of the sessions table. The rules live in one JSON column owned by quizkit.sessions;
the store only keeps them, so new rules need no schema change."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from sqlalchemy import select

from quizkit.errors import StoreError
from quizkit.records import SessionRow, as_utc, utc_now
from quizkit.store.base import StoreBase
from quizkit.store.schema import sessions

_UPDATABLE = {"title", "kind", "rules", "opens_at", "closes_at", "status"}


def session_from_row(row: Mapping[Any, Any]) -> SessionRow:
    return SessionRow(
        id=row["id"],
        code=row["code"],
        title=row["title"],
        kind=row["kind"],
        rules=dict(row["rules"] or {}),
        opens_at=row["opens_at"],
        closes_at=row["closes_at"],
        status=row["status"],
        created_at=row["created_at"],
    )


def _times(values: dict[str, Any]) -> dict[str, Any]:
    for key in ("opens_at", "closes_at"):
        if isinstance(values.get(key), datetime):
            values[key] = as_utc(values[key])
    return values


class SessionRowsMixin(StoreBase):
    def create_session_row(
        self,
        *,
        code: str,
        title: str,
        kind: str,
        rules: dict[str, Any] | None = None,
        opens_at: datetime | None = None,
        closes_at: datetime | None = None,
        status: str = "draft",
        session_id: str | None = None,
    ) -> SessionRow:
        """Store a new session; ``code`` (what learners type) must be unused."""
        if not code.strip():
            raise StoreError("a session needs a code", hint="give a short code such as 2026-exam")
        values = _times(
            {
                "id": session_id or uuid.uuid4().hex,
                "code": code,
                "title": title,
                "kind": kind,
                "rules": rules or {},
                "opens_at": opens_at,
                "closes_at": closes_at,
                "status": status,
                "created_at": utc_now(),
            }
        )
        with self._write() as conn:
            taken = conn.execute(select(sessions.c.id).where(sessions.c.code == code)).first()
            if taken is not None:
                raise StoreError(
                    f"session code {code!r} is already used", hint="choose another code"
                )
            conn.execute(sessions.insert().values(**values))
        return session_from_row(values)

    def get_session_row(
        self, session_id: str | None = None, *, code: str | None = None
    ) -> SessionRow | None:
        """The session with this id, or with this code."""
        if (session_id is None) == (code is None):
            raise ValueError("give exactly one of session_id and code")
        column = sessions.c.id if session_id is not None else sessions.c.code
        with self._read() as conn:
            query = select(sessions).where(column == (session_id or code))
            row = conn.execute(query).mappings().first()
        return None if row is None else session_from_row(row)

    def list_session_rows(self, *, status: str | None = None) -> list[SessionRow]:
        """Every session (optionally with one status), newest first."""
        query = select(sessions).order_by(sessions.c.created_at.desc(), sessions.c.code)
        if status is not None:
            query = query.where(sessions.c.status == status)
        with self._read() as conn:
            return [session_from_row(row) for row in conn.execute(query).mappings()]

    def update_session_row(self, session_id: str, **changes: Any) -> SessionRow:
        """Change title, kind, rules, opens_at, closes_at or status; returns the stored row."""
        unknown = set(changes) - _UPDATABLE
        if unknown:
            raise ValueError(f"cannot update {', '.join(sorted(unknown))} of a session")
        with self._write() as conn:
            if changes:
                conn.execute(
                    sessions.update().where(sessions.c.id == session_id).values(**_times(changes))
                )
            row = (
                conn.execute(select(sessions).where(sessions.c.id == session_id)).mappings().first()
            )
            if row is None:
                raise StoreError(f"session {session_id!r} does not exist")
            return session_from_row(row)
