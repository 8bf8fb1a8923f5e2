"""Creating, finding, closing and extending sessions (the trainer's side, without any screen).

A session is one row of the store's sessions table plus its :class:`SessionRules`. It is ``open`` from
creation (joining still waits for ``opens_at``) until the trainer closes it or ``closes_at`` passes;
the 补考 window, when set, is governed by its own times.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Any

from pydantic import ValidationError

from quizkit.bank.loader import Bank
from quizkit.errors import SessionError
from quizkit.learner.backend import SessionControl, SessionDirectory
from quizkit.records import SessionRow, as_utc, utc_now
from quizkit.sessions.codes import check_code, new_code, normalize_code
from quizkit.sessions.papers import check_paper_rules
from quizkit.sessions.rules import (
    SESSION_KINDS,
    Extension,
    SessionRules,
    check_bands,
    rules_error,
)


@dataclass(frozen=True)
class Session:
    """A stored session with its rules read."""

    row: SessionRow
    rules: SessionRules

    @property
    def id(self) -> str:
        return self.row.id

    @property
    def code(self) -> str:
        return self.row.code

    @property
    def title(self) -> str:
        return self.row.title

    @property
    def kind(self) -> str:
        return self.row.kind

    @property
    def opens_at(self) -> datetime | None:
        return self.row.opens_at

    @property
    def closes_at(self) -> datetime | None:
        return self.row.closes_at

    @property
    def status(self) -> str:
        return self.row.status

    @property
    def quiz_id(self) -> str:
        """The quiz id its attempts are stored under."""
        return f"session-{self.code}"

    def is_closed(self, now: datetime) -> bool:
        """Closed by the trainer, or past ``closes_at``."""
        return self.status == "closed" or (self.closes_at is not None and now >= self.closes_at)

    @classmethod
    def of(cls, row: SessionRow) -> Session:
        return cls(row, SessionRules.from_json(row.rules))


def create_session(
    store: SessionControl,
    bank: Bank,
    *,
    title: str,
    rules: SessionRules | dict[str, Any],
    kind: str = "exam",
    code: str | None = None,
    opens_at: datetime | None = None,
    closes_at: datetime | None = None,
) -> Session:
    """Store a new session after drawing a sample paper (a blueprint the bank cannot satisfy is
    refused here, naming the short cell). A random 4-character code is chosen unless given."""
    if kind not in SESSION_KINDS:
        raise SessionError(f"session kind {kind!r} is not one of {', '.join(SESSION_KINDS)}")
    if not title.strip():
        raise SessionError("a session needs a title", hint="for example: 2026年度学法考试")
    if opens_at and closes_at and as_utc(closes_at) <= as_utc(opens_at):
        raise SessionError("the session must close after it opens", hint="check --opens/--closes")
    try:
        parsed = rules if isinstance(rules, SessionRules) else SessionRules.model_validate(rules)
    except ValidationError as error:
        raise rules_error(error) from error
    if not parsed.seed:
        parsed = parsed.model_copy(update={"seed": secrets.token_hex(8)})
    check_bands(parsed)
    check_paper_rules(bank, parsed)
    chosen = check_code(code) if code else new_code(_taken(store))
    row = store.create_session_row(
        code=chosen,
        title=title.strip(),
        kind=kind,
        rules=parsed.to_json(),
        opens_at=opens_at,
        closes_at=closes_at,
        status="open",
    )
    return Session(row, parsed)


def _taken(store: SessionDirectory) -> Any:
    return lambda code: store.get_session_row(code=code) is not None


def find_session(store: SessionDirectory, code: str) -> Session:
    """The session with this join code; SessionError says what to do when there is none."""
    cleaned = normalize_code(code)
    row = store.get_session_row(code=cleaned) if cleaned else None
    if row is None:
        raise SessionError(
            f"没有找到考试码为 {cleaned or code!r} 的考试或练习",
            hint="请核对培训老师给出的考试码",
        )
    return Session.of(row)


def list_sessions(store: SessionDirectory, *, status: str | None = None) -> list[Session]:
    return [Session.of(row) for row in store.list_session_rows(status=status)]


def close_session(
    store: SessionControl, session: Session, *, now: datetime | None = None
) -> Session:
    """结束: no more regular attempts; open attempts are closed as expired with what was saved."""
    moment = now or utc_now()
    closes = session.closes_at if session.closes_at and session.closes_at < moment else moment
    row = store.update_session_row(session.id, status="closed", closes_at=closes)
    store.expire_open_attempts(session.id)
    return replace(session, row=row)


def extend_session(
    store: SessionControl, session: Session, minutes: int, *, now: datetime | None = None
) -> tuple[Session, int]:
    """延时: move ``closes_at`` and every open attempt's deadline by ``minutes``; returns the session
    and how many attempts were extended. A closed session is opened again only if ``closes_at``
    moves into the future."""
    if minutes <= 0:
        raise SessionError("延时的分钟数必须大于 0", hint="for example --minutes 10")
    moment = now or utc_now()
    extensions = (*session.rules.extensions, Extension(at=moment, minutes=minutes))
    rules = session.rules.model_copy(update={"extensions": extensions})
    changes: dict[str, Any] = {"rules": rules.to_json()}
    if session.closes_at is not None:
        changes["closes_at"] = max(session.closes_at, moment) + timedelta(minutes=minutes)
        if session.status == "closed":
            changes["status"] = "open"
    row = store.update_session_row(session.id, **changes)
    moved = store.extend_open_attempts(session.id, minutes)
    return Session(row, rules), moved


__all__ = [
    "Session",
    "close_session",
    "create_session",
    "extend_session",
    "find_session",
    "list_sessions",
]
