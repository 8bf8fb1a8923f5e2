"""Who may sit a session now, and as what: a new attempt, the open one resumed, or a 补考.

In order: the cadre must be admitted by the session's units/cadres; an open attempt still in time is
resumed (one past its deadline is closed as expired with what was saved); inside the regular window a
new attempt is allowed while attempts remain; inside the 补考 window only those who failed or were
absent (as the rules say) may sit, with their own number of attempts. Every refusal is a SessionError
that tells the cadre why, in words a cadre reads.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from quizkit.errors import SessionError
from quizkit.learner.backend import SittingLog
from quizkit.records import FINISHED_STATUSES, Attempt, CadreRecord
from quizkit.sessions.manage import Session
from quizkit.sessions.papers import Paper
from quizkit.sessions.scoring import counted_percent, score_attempt
from quizkit.sessions.timing import is_overdue, local_text
from quizkit.units import cadre_admitted, unit_admitted

REGULAR_KINDS = ("exam", "practice")


@dataclass(frozen=True)
class Admission:
    """What the cadre may do: resume ``attempt``, or start attempt number ``number`` of ``kind``."""

    kind: str
    number: int
    attempt: Attempt | None = None


def check_admitted(store: SittingLog, session: Session, cadre: CadreRecord) -> None:
    rules = session.rules
    if not rules.units and not rules.cadres:
        return
    parents = store.unit_parents()
    if cadre_admitted(
        cadre.id, cadre.unit, units=rules.units, cadres=rules.cadres, parents=parents
    ):
        return
    raise SessionError(
        f"{cadre.name}（{cadre.unit}）不在《{session.title}》的参考范围内",
        hint="如有疑问，请联系培训老师",
    )


def _percent(store: SittingLog, attempt: Attempt) -> float:
    paper = Paper.from_json(store.attempt_paper(attempt.id) or {})
    return score_attempt(store.answers_for_attempt(attempt.id), paper).percent


def _makeup_admission(
    store: SittingLog, session: Session, attempts: list[Attempt], now: datetime
) -> Admission:
    window = session.rules.makeup
    assert window is not None
    regular = [a for a in attempts if a.kind in REGULAR_KINDS and a.status in FINISHED_STATUSES]
    result = counted_percent(
        [(a.started_at, _percent(store, a)) for a in regular], session.rules.counting
    )
    absent, failed = result is None, result is not None and result < session.rules.pass_mark
    allowed = {"failed_or_absent": absent or failed, "failed": failed, "absent": absent}
    if not allowed[window.who]:
        who = {"failed_or_absent": "未参考或未合格", "failed": "未合格", "absent": "未参考"}
        raise SessionError(f"补考只面向{who[window.who]}的学员，你无需参加补考")
    used = [a for a in attempts if a.kind == "makeup"]
    if len(used) >= window.attempts_allowed:
        raise SessionError(f"你已用完 {window.attempts_allowed} 次补考机会")
    return Admission("makeup", len(attempts) + 1)


def admit(store: SittingLog, session: Session, cadre: CadreRecord, now: datetime) -> Admission:
    """Decide, or raise SessionError with the reason."""
    check_admitted(store, session, cadre)
    attempts = store.attempts_for(cadre.id, session_id=session.id)
    for attempt in attempts:
        if attempt.status != "open":
            continue
        if not is_overdue(attempt, now):
            return Admission(attempt.kind, attempts.index(attempt) + 1, attempt)
        store.finish_attempt(attempt.id, status="expired")
    attempts = store.attempts_for(cadre.id, session_id=session.id)
    if session.opens_at is not None and now < session.opens_at:
        raise SessionError(f"《{session.title}》尚未开始，开始时间：{local_text(session.opens_at)}")
    window = session.rules.makeup
    if not session.is_closed(now):
        used = [a for a in attempts if a.kind in REGULAR_KINDS]
        if len(used) >= session.rules.attempts_allowed:
            raise SessionError(
                f"你已用完《{session.title}》的 {session.rules.attempts_allowed} 次作答机会"
            )
        return Admission(session.kind, len(attempts) + 1)
    if window is not None and window.opens_at <= now < window.closes_at:
        return _makeup_admission(store, session, attempts, now)
    if window is not None and now < window.opens_at:
        raise SessionError(
            f"《{session.title}》已结束；补考开始时间：{local_text(window.opens_at)}"
        )
    raise SessionError(f"《{session.title}》已结束", hint="如有疑问，请联系培训老师")


__all__ = ["Admission", "admit", "check_admitted", "unit_admitted"]
