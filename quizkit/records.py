"""The records the store reads and writes: plain frozen dataclasses, no database types.

Times are timezone-aware UTC on the way out; on the way in a naive datetime is read as local time
(Python's ``astimezone`` rule), so a trainer's "09:00" typed on the machine means 09:00 there.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, NamedTuple

from quizkit.question_types import Response

ATTEMPT_KINDS = ("practice", "exam", "retry", "makeup")  # makeup: a 补考 attempt (quizkit.sessions)
ATTEMPT_STATUSES = ("open", "submitted", "expired")
FINISHED_STATUSES = ("submitted", "expired")  # an attempt handed in or closed at its deadline
STUDY_KINDS = (
    "practice",
    "retry",
)  # attempts that are study: lessons, self-tests, 错题重练, 今日复习


def utc_now() -> datetime:
    return datetime.now(UTC)


def as_utc(value: datetime) -> datetime:
    """An aware UTC datetime; naive values are taken as local time."""
    return value.astimezone(UTC)


@dataclass(frozen=True)
class CadreRecord:
    """One cadre on the roster (单位 = unit, 职务 = position; exempt reasons such as 退休/长期病假/挂职)."""

    id: str
    name: str
    unit: str
    position: str = ""
    phone: str = ""
    exempt: bool = False
    exempt_reason: str = ""
    login: str | None = None
    active: bool = True
    track: str | None = (
        None  # 学习路径 (a track id of courses/course.yaml); None: the unit's default
    )


@dataclass(frozen=True)
class Attempt:
    """One sitting of one quiz by one cadre. kind: practice|exam|retry|makeup (补考); status:
    open|submitted|expired."""

    id: str
    cadre_id: str
    quiz_id: str
    lesson: str | None
    session_id: str | None
    kind: str
    started_at: datetime
    deadline_at: datetime | None
    finished_at: datetime | None
    status: str


@dataclass(frozen=True)
class AnswerRecord:
    """An answer as the widget submits it; ``submission_id`` makes a resend harmless."""

    submission_id: str
    attempt_id: str
    question_id: str
    question_hash: str
    response: Response
    score: float
    points: float
    correct: bool
    time_taken_ms: int | None = None
    answered_at: datetime | None = None


@dataclass(frozen=True)
class StoredAnswer:
    """An answer row as stored: the AnswerRecord fields plus the row id and a definite answered_at."""

    id: int
    submission_id: str
    attempt_id: str
    question_id: str
    question_hash: str
    response: Response
    score: float
    points: float
    correct: bool
    time_taken_ms: int | None
    answered_at: datetime


@dataclass(frozen=True)
class SessionRow:
    """A practice or exam session as stored; ``rules`` is free-form JSON owned by quizkit.sessions."""

    id: str
    code: str
    title: str
    kind: str
    rules: dict[str, Any] = field(default_factory=dict)
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    status: str = "draft"
    created_at: datetime | None = None


@dataclass(frozen=True)
class CertificateRecord:
    """An issued certificate (合格证书); ``verification_code`` is what a reader types to check it."""

    id: int
    number: str
    cadre_id: str
    session_id: str | None
    course: str
    issued_at: datetime
    verification_code: str
    payload: dict[str, Any] = field(default_factory=dict)


class ReviewAnswer(NamedTuple):
    """An answer as the spaced-review schedule reads it (quizkit.spaced_review): who, which question,
    right or not, when, and the attempt's kind and session (exam answers may be left out)."""

    cadre_id: str
    question_id: str
    correct: bool
    answered_at: datetime
    kind: str
    session_id: str | None
