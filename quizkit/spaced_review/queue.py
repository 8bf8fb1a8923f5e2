"""今日复习 queues and the trainer's keep-up figures, from the answer log through the store.

Which answers count: every answer of a practice attempt (lessons, self-tests, 错题重练, 今日复习
itself, practice sessions: attempt kinds ``practice`` and ``retry``); exam and 补考 answers only when
their session's rules say ``feeds_review: true``. The queue reads, never writes: a score is never
touched. "Today" and "this week" end at local midnight (the machine's time zone); a cadre keeps up
when no review is more than ``GRACE_DAYS`` overdue.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from quizkit.bank.loader import Bank
from quizkit.learner.backend import ReviewSource
from quizkit.learner.catalogue import QuestionCatalogue
from quizkit.records import STUDY_KINDS, ReviewAnswer, utc_now
from quizkit.spaced_review.schedule import due_by, replay

GRACE_DAYS = 3
WEEK_DAYS = 7


@dataclass(frozen=True)
class ReviewQueue:
    """One cadre's reviews: the ids due by tonight (most overdue first), and how many this week."""

    cadre_id: str
    today: tuple[str, ...]
    this_week: int
    scheduled: int


@dataclass(frozen=True)
class UnitReviewStatus:
    """Per unit: cadres with a schedule, how many keep up, how many fell behind, who has none."""

    unit: str
    cadres: int
    scheduled: int
    keeping_up: int
    behind: int
    due_today: int


def feeding_sessions(store: ReviewSource) -> frozenset[str]:
    """Ids of the sessions whose rules let exam answers into the schedule."""
    rows = store.list_session_rows()
    return frozenset(row.id for row in rows if row.rules.get("feeds_review") is True)


def counts(answer: ReviewAnswer, feeding: frozenset[str]) -> bool:
    return answer.kind in STUDY_KINDS or answer.session_id in feeding


def end_of_day(now: datetime, days: int = 1) -> datetime:
    """Local midnight ``days`` days after ``now``'s local date."""
    local = now.astimezone()
    return datetime.combine(local.date() + timedelta(days=days), time.min, tzinfo=local.tzinfo)


def _usable(bank: Bank | None) -> set[str] | None:
    if bank is None:
        return None
    return {qid for qid, entry in bank.entries.items() if entry.question.active}


def queue_from(
    cadre_id: str,
    answers: Iterable[ReviewAnswer],
    feeding: frozenset[str],
    now: datetime,
    usable: set[str] | None = None,
) -> ReviewQueue:
    """The queue from one cadre's answers (already read, in answered order)."""
    cards = replay((a.question_id, a.correct, a.answered_at) for a in answers if counts(a, feeding))
    if usable is not None:
        cards = {qid: card for qid, card in cards.items() if qid in usable}
    today = [qid for qid, _ in due_by(cards, end_of_day(now))]
    week = len(due_by(cards, end_of_day(now, WEEK_DAYS)))
    return ReviewQueue(cadre_id, tuple(today), week, len(cards))


def cadre_queue(
    store: ReviewSource,
    cadre_id: str,
    *,
    now: datetime | None = None,
    bank: Bank | QuestionCatalogue | None = None,
) -> ReviewQueue:
    """Today's 今日复习 for one cadre; with a bank (or the grading service's catalogue on a hub),
    only questions still active in it."""
    answers = store.review_answers([cadre_id])
    usable = _usable(bank) if isinstance(bank, Bank) else _active(bank, answers)
    return queue_from(cadre_id, answers, feeding_sessions(store), now or utc_now(), usable)


def _active(catalogue: QuestionCatalogue | None, answers: list[ReviewAnswer]) -> set[str] | None:
    """Of the questions answered, those still active in the catalogue (one call for all)."""
    if catalogue is None:
        return None
    answered = sorted({answer.question_id for answer in answers})
    stems = catalogue.question_stems(answered) if answered else {}
    return {qid for qid, shown in stems.items() if shown.get("active")}


def review_status(
    store: ReviewSource, *, now: datetime | None = None, grace_days: int = GRACE_DAYS
) -> list[UnitReviewStatus]:
    """Per unit (active cadres only), sorted by unit: who keeps up with their reviews."""
    moment = now or utc_now()
    feeding = feeding_sessions(store)
    by_cadre: dict[str, list[ReviewAnswer]] = defaultdict(list)
    for answer in store.review_answers():
        by_cadre[answer.cadre_id].append(answer)
    late = moment - timedelta(days=grace_days)
    tally: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])
    for cadre in store.find_cadres():
        if not cadre.active:
            continue
        row = tally[cadre.unit]
        row[0] += 1
        answers = by_cadre.get(cadre.id, [])
        cards = replay(
            (a.question_id, a.correct, a.answered_at) for a in answers if counts(a, feeding)
        )
        if not cards:
            continue
        row[1] += 1
        behind = any(card.due < late for card in cards.values())
        row[2 if not behind else 3] += 1
        row[4] += len(due_by(cards, end_of_day(moment)))
    return [UnitReviewStatus(unit, *values) for unit, values in sorted(tally.items())]


__all__ = [
    "GRACE_DAYS",
    "ReviewQueue",
    "UnitReviewStatus",
    "cadre_queue",
    "end_of_day",
    "feeding_sessions",
    "queue_from",
    "review_status",
]
