"""The clock of a sitting: deadlines are stored with the attempt and checked against the clock.

An attempt's deadline is fixed when it starts: start + duration, but never later than the end of the
window it was started in (the session's ``closes_at``, or the 补考 window's). It is stored with the
attempt, so restarting the kernel does not reset the clock, and a trainer's 延时 moves the stored value.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime, timedelta

from quizkit.records import Attempt, utc_now
from quizkit.sessions.manage import Session

Clock = Callable[[], datetime]
SYSTEM_CLOCK: Clock = utc_now


def deadline_for(session: Session, started: datetime, *, makeup: bool) -> datetime | None:
    """The deadline of an attempt started at ``started`` (None: no time limit at all)."""
    rules = session.rules
    window = rules.makeup if makeup else None
    duration = (window.duration_minutes if window else None) or rules.duration_minutes
    closes = window.closes_at if window else session.closes_at
    limits = [moment for moment in (closes,) if moment is not None]
    if duration is not None:
        limits.append(started + timedelta(minutes=duration))
    return min(limits) if limits else None


def time_left(attempt: Attempt, now: datetime) -> timedelta | None:
    """What remains of the attempt's time (never negative); None when it has no deadline."""
    if attempt.deadline_at is None:
        return None
    return max(attempt.deadline_at - now, timedelta(0))


def is_overdue(attempt: Attempt, now: datetime) -> bool:
    return attempt.deadline_at is not None and now >= attempt.deadline_at


def clock_text(left: timedelta) -> str:
    """01:05:09 or 05:09, for the countdown."""
    seconds = max(int(left.total_seconds()), 0)
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes:02d}:{seconds:02d}"


def local_text(moment: datetime | None) -> str:
    """A moment as the machine's local time, the way a notice prints it: 2026-12-01 09:00."""
    return "—" if moment is None else moment.astimezone().strftime("%Y-%m-%d %H:%M")


__all__ = [
    "SYSTEM_CLOCK",
    "Clock",
    "clock_text",
    "deadline_for",
    "is_overdue",
    "local_text",
    "time_left",
]
