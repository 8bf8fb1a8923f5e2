"""A sitting on a backend that decides for itself: the paper and deadline it stores are the ones shown.

The grading service draws the paper and sets the deadline on its side and ignores what the kernel
proposes; the sitting must show and grade what the backend stored, not what it drew locally.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from quizkit.bank import Bank
from quizkit.records import Attempt
from quizkit.sessions import ExamSitting
from quizkit.store import Store
from tests.sessions.conftest import FakeClock
from tests.sessions.factories import add_cadres
from tests.sessions.helpers import exam, right


class DecidingBackend:
    """The real store, except that start_attempt stores its own paper (reversed) and deadline."""

    def __init__(self, real: Store) -> None:
        self.real = real

    def start_attempt(self, cadre_id: str, **fields: Any) -> Attempt:
        paper = dict(fields["paper"])
        paper["questions"] = list(reversed(paper["questions"]))
        deadline: datetime = fields["deadline_at"] + timedelta(minutes=5)
        return self.real.start_attempt(
            cadre_id, **{**fields, "paper": paper, "deadline_at": deadline}
        )

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


def test_the_paper_and_deadline_the_backend_stored_are_the_ones_shown(
    sqlite_store: Store, bank: Bank, clock: FakeClock
) -> None:
    add_cadres(sqlite_store, 1)
    session = exam(sqlite_store, bank, duration_minutes=30)
    sitting = ExamSitting.join(DecidingBackend(sqlite_store), bank, session, "c001", clock=clock)  # type: ignore[arg-type]
    stored = sqlite_store.attempt_paper(sitting.attempt.id)
    assert stored is not None
    shown = [pq.item.question_id for pq in sitting.questions]
    assert shown == [item["id"] for item in stored["questions"]]
    assert shown == ["cf-single-01", "xk-judge-01", "xk-multiple-01", "xk-single-01"]
    left = sitting.time_left()
    assert left is not None and 34 * 60 < left.total_seconds() <= 35 * 60
    assert sitting.save("cf-single-01", right(sitting, "cf-single-01"))
    assert sitting.score().earned > 0
