"""Where a sitting's question texts come from: the bank in the kernel, or the grading service.

On a single machine the kernel reads the bank (``BankQuestions``): it draws the paper it proposes,
shows the questions and, when the review policy allows, explains the answers itself. On a hub the
kernel cannot read ``question_bank/`` (``ServiceQuestions``): the grading service draws the paper when
the attempt starts, sends the questions as shown without keys (``paper_questions``) and, after 交卷 and
only as far as the session's review policy allows, the explanations (``paper_feedback``). The exam
view does not know which one it has: it reads ``ExamSitting.questions`` and ``ExamResult`` either way.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from quizkit.bank.loader import Bank
from quizkit.bank.models import Question
from quizkit.errors import StoreError
from quizkit.grading import ScoringRules
from quizkit.learner.feedback import Feedback, feedback_for
from quizkit.learner.keyless import feedback_from_json, feedback_to_json, keyless_question
from quizkit.question_types import Response
from quizkit.sessions.papers import Paper, PaperItem, displayed, draw_paper, paper_questions
from quizkit.sessions.rules import SessionRules


@dataclass(frozen=True)
class PaperQuestion:
    """A question as this paper shows it: display labels and the paper's points.

    ``keyed`` is False when the kernel was sent the question without its key (on a hub): then
    ``question`` and ``shown`` carry a placeholder answer, nothing in the kernel can grade it, and
    the score is the grading service's."""

    number: int
    item: PaperItem
    question: Question  # the bank's question (bank labels): answers are stored against it
    shown: Question  # relabelled as displayed, with the paper's points
    case_text: str | None = None
    keyed: bool = True


class QuestionSource(Protocol):
    """What a sitting asks of wherever its questions come from."""

    def draw(self, rules: SessionRules, cadre_id: str, number: int) -> Paper | None:
        """The paper to propose for a new attempt (None: the backend draws it)."""
        ...

    def questions(self, attempt_id: str, paper: Paper) -> list[PaperQuestion]:
        """The attempt's paper as shown, in order."""
        ...

    def review(
        self,
        attempt_id: str,
        questions: Sequence[PaperQuestion],
        responses: Mapping[str, Response],
        rules: ScoringRules,
    ) -> tuple[Feedback, ...]:
        """Per question: the verdict, the right answer, explanation and citation (call it only when
        the review policy shows answers; ``responses`` are in display labels)."""
        ...


class BankQuestions:
    """The bank in the kernel (single machine): draws, shows and explains."""

    def __init__(self, bank: Bank) -> None:
        self.bank = bank

    def draw(self, rules: SessionRules, cadre_id: str, number: int) -> Paper | None:
        return draw_paper(self.bank, rules, cadre_id, number)

    def questions(self, attempt_id: str, paper: Paper) -> list[PaperQuestion]:
        bank, found = self.bank, []
        for number, (item, question) in enumerate(
            zip(paper.items, paper_questions(bank, paper), strict=True), 1
        ):
            shown = displayed(question, item.options).model_copy(update={"points": item.points})
            case = bank.cases[item.case].scenario if item.case and item.case in bank.cases else None
            found.append(PaperQuestion(number, item, question, shown, case))
        return found

    def review(
        self,
        attempt_id: str,
        questions: Sequence[PaperQuestion],
        responses: Mapping[str, Response],
        rules: ScoringRules,
    ) -> tuple[Feedback, ...]:
        return tuple(
            feedback_for(pq.shown, responses.get(pq.item.question_id), rules) for pq in questions
        )


@runtime_checkable
class PaperService(Protocol):
    """The grading service's paper calls (``quizkit.service_client.ServiceBackend``)."""

    def paper_questions(self, attempt_id: str) -> list[dict[str, Any]]: ...
    def paper_feedback(self, attempt_id: str) -> list[dict[str, Any]]: ...


class ServiceQuestions:
    """The grading service (hub): it draws, the kernel shows what it is sent, without keys."""

    def __init__(self, service: PaperService) -> None:
        self.service = service

    def draw(self, rules: SessionRules, cadre_id: str, number: int) -> Paper | None:
        return None  # the service draws the paper when the attempt starts

    def questions(self, attempt_id: str, paper: Paper) -> list[PaperQuestion]:
        sent = self.service.paper_questions(attempt_id)
        if len(sent) != len(paper.items):
            raise StoreError("成绩服务发来的试卷与本次作答不符，请刷新页面后重试")
        found = []
        for number, (item, entry) in enumerate(zip(paper.items, sent, strict=True), 1):
            if entry.get("question_id") != item.question_id:
                raise StoreError("成绩服务发来的试卷与本次作答不符，请刷新页面后重试")
            question = keyless_question(entry)
            case = entry.get("case_text")
            shown = question.model_copy(update={"points": item.points})
            found.append(
                PaperQuestion(
                    number, item, question, shown, case if isinstance(case, str) else None, False
                )
            )
        return found

    def review(
        self,
        attempt_id: str,
        questions: Sequence[PaperQuestion],
        responses: Mapping[str, Response],
        rules: ScoringRules,
    ) -> tuple[Feedback, ...]:
        return tuple(feedback_from_json(entry) for entry in self.service.paper_feedback(attempt_id))


def question_source(backend: object, bank: Callable[[], Bank]) -> QuestionSource:
    """The service's questions when the backend is the grading service, else the kernel's bank
    (``bank`` is called only then: on a hub the kernel cannot read it)."""
    if isinstance(backend, PaperService):
        return ServiceQuestions(backend)
    return BankQuestions(bank())


def as_source(found: Bank | QuestionSource) -> QuestionSource:
    return BankQuestions(found) if isinstance(found, Bank) else found


__all__ = [
    "BankQuestions",
    "PaperQuestion",
    "PaperService",
    "QuestionSource",
    "ServiceQuestions",
    "as_source",
    "feedback_from_json",
    "feedback_to_json",
    "keyless_question",
    "question_source",
]
