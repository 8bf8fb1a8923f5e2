"""Where a sitting's questions come from: the kernel's bank, or a service that sends them keyless."""

from __future__ import annotations

from typing import Any

import pytest

from quizkit.bank import Bank
from quizkit.errors import StoreError
from quizkit.sessions import ExamSitting, Paper, draw_paper
from quizkit.sessions.sources import (
    BankQuestions,
    ServiceQuestions,
    question_source,
)
from quizkit.store import Store
from tests.sessions.conftest import FakeClock
from tests.sessions.factories import add_cadres
from tests.sessions.helpers import exam


class PaperDesk:
    """A stand-in for the service's paper calls (unit test): the bank's questions as it would send."""

    def __init__(self, sent: list[dict[str, Any]] | None = None) -> None:
        self.sent = sent or []

    def paper_questions(self, attempt_id: str) -> list[dict[str, Any]]:
        return self.sent

    def paper_feedback(self, attempt_id: str) -> list[dict[str, Any]]:
        return []


def test_the_source_is_the_service_only_when_the_backend_has_its_paper_calls(
    sqlite_store: Store, bank: Bank
) -> None:
    def no_bank() -> Bank:
        raise AssertionError("read the bank")

    assert isinstance(question_source(PaperDesk(), no_bank), ServiceQuestions)
    local = question_source(sqlite_store, lambda: bank)
    assert isinstance(local, BankQuestions) and local.bank is bank


def test_the_bank_source_draws_the_paper_the_rules_give(bank: Bank, sqlite_store: Store) -> None:
    session = exam(sqlite_store, bank)
    drawn = BankQuestions(bank).draw(session.rules, "c001", 1)
    assert drawn == draw_paper(bank, session.rules, "c001", 1)
    assert ServiceQuestions(PaperDesk()).draw(session.rules, "c001", 1) is None


def test_a_paper_the_service_sends_that_does_not_match_the_attempt_is_refused(
    sqlite_store: Store, bank: Bank, clock: FakeClock
) -> None:
    add_cadres(sqlite_store, 1)
    session = exam(sqlite_store, bank, duration_minutes=30)
    sitting = ExamSitting.join(sqlite_store, bank, session, "c001", clock=clock)
    paper: Paper = sitting.paper
    sent = [
        {"question_id": pq.item.question_id, "type": pq.shown.type, "stem": pq.shown.stem,
         "options": pq.shown.options, "points": pq.item.points, "case_text": pq.case_text}
        for pq in sitting.questions
    ]  # fmt: skip
    desk = PaperDesk(sent)
    shown = ServiceQuestions(desk).questions(sitting.attempt.id, paper)
    assert [pq.shown.stem for pq in shown] == [pq.shown.stem for pq in sitting.questions]
    assert not any(pq.keyed for pq in shown)
    desk.sent = list(reversed(sent))
    with pytest.raises(StoreError, match="试卷与本次作答不符"):
        ServiceQuestions(desk).questions(sitting.attempt.id, paper)
    desk.sent = sent[:-1]
    with pytest.raises(StoreError, match="试卷与本次作答不符"):
        ServiceQuestions(desk).questions(sitting.attempt.id, paper)
