"""The review schedule of one cadre, replayed from answers with FSRS (the ``fsrs`` package). Pure.

Policy, in the domain's words:

- every counted answer is one FSRS review of that question: right → ``Good``, wrong → ``Again``
  (a partly right 多选 is wrong, as in the 错题本);
- a wrong answer comes back the next day, a right one after an interval that grows each time it
  is right again (about 2, 6, 16 … days with FSRS's default weights, aiming at 90 % recall);
- no minute-long learning steps: a cadre studies an hour at a time, so the smallest unit is a day;
- no fuzzing: the same answers always give the same dates, so replaying the log after a restart (or
  in another process) gives exactly the schedule before it. There is no stored schedule to drift.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from functools import lru_cache

from fsrs import Card, Rating, Scheduler

DESIRED_RETENTION = 0.9


@lru_cache(maxsize=1)
def scheduler() -> Scheduler:
    """The one scheduler every replay uses (its settings are this module's policy)."""
    return Scheduler(
        desired_retention=DESIRED_RETENTION,
        learning_steps=(),
        relearning_steps=(),
        enable_fuzzing=False,
    )


def rating(correct: bool) -> Rating:
    return Rating.Good if correct else Rating.Again


def replay(answers: Iterable[tuple[str, bool, datetime]]) -> dict[str, Card]:
    """(question id, correct, answered at) in answered order → each question's card after them."""
    review = scheduler().review_card
    cards: dict[str, Card] = {}
    for question_id, correct, answered_at in answers:
        card = cards.get(question_id)
        if card is None:  # an explicit id: fsrs would otherwise sleep 1 ms to make one up
            card = Card(card_id=len(cards) + 1)
        cards[question_id], _ = review(card, rating(correct), answered_at)
    return cards


def due_by(cards: dict[str, Card], until: datetime) -> list[tuple[str, datetime]]:
    """(question id, due) of every card due at or before ``until``, most overdue first."""
    due = [(question_id, card.due) for question_id, card in cards.items() if card.due <= until]
    return sorted(due, key=lambda item: (item[1], item[0]))


__all__ = ["DESIRED_RETENTION", "due_by", "rating", "replay", "scheduler"]
