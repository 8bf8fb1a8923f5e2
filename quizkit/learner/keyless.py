"""Questions a kernel is sent without their keys, and feedback it is sent after answering.

On a hub the kernel cannot read ``question_bank/``; the grading service sends each question as shown
(stem, options, points — no answer, explanation or citation) and, once an answer is committed and the
rules allow it, the feedback (right or wrong, the accepted answer, explanation, citation). Here the
two are turned back into the ``Question`` and ``Feedback`` the views already draw, and
``PracticeKeys`` is what a lesson quiz asks of such a backend (``ServiceBackend``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import fields
from typing import Any, Protocol, runtime_checkable

from quizkit.bank.models import CaseGroup, Citation, Question
from quizkit.bank.selection import QuizBlock, QuizSpec
from quizkit.errors import StoreError
from quizkit.learner.feedback import Feedback
from quizkit.question_types import QUESTION_TYPES
from quizkit.question_types.fill import blank_count

BAD_QUESTION = "成绩服务发来的题目格式不正确，请刷新页面后重试"


@runtime_checkable
class PracticeKeys(Protocol):
    """A backend that holds the keys for the kernel (the grading service's client)."""

    def quiz_questions(self, **request: Any) -> dict[str, Any]:
        """A lesson quiz (named, by ids or by a selection) as shown, without keys."""
        ...

    def practice_feedback(
        self, quiz_id: str, question_ids: list[str] | None = None
    ) -> dict[str, dict[str, Any]]:
        """Feedback on the caller's own latest committed answer per question of the quiz."""
        ...


# what stands in for the key in a question sent without one: the right shape, never right
_PLACEHOLDER: dict[str, Callable[[str], Any]] = {
    "radio": lambda _stem: "",
    "checkboxes": lambda _stem: [],
    "judge": lambda _stem: False,
    "blanks": lambda stem: [[] for _ in range(blank_count(stem))],
}


def keyless_question(entry: Mapping[str, Any]) -> Question:
    """A question as the service shows it (display labels) with a placeholder for its key."""
    kind, stem = entry.get("type"), entry.get("stem")
    options = entry.get("options")
    if kind not in QUESTION_TYPES or not isinstance(stem, str):
        raise StoreError(BAD_QUESTION)
    if options is not None and not (
        isinstance(options, dict) and all(isinstance(v, str) for v in options.values())
    ):
        raise StoreError(BAD_QUESTION)
    return Question.model_construct(
        id=str(entry.get("question_id")),
        type=kind,
        stem=stem,
        options=options,
        answer=_PLACEHOLDER[QUESTION_TYPES[kind].input](stem),
        points=float(entry.get("points") or 0) or None,
        explanation="",
        cite=Citation.model_construct(law="", article=None, part=None, quote=None),
        difficulty=1,
        tags=[],
        status="active",
        review_reason=None,
    )


_FEEDBACK_FIELDS = {f.name for f in fields(Feedback)}


def feedback_to_json(feedback: Feedback) -> dict[str, Any]:
    return {name: getattr(feedback, name) for name in sorted(_FEEDBACK_FIELDS)}


def feedback_from_json(entry: object) -> Feedback:
    """The service's feedback for one question, checked field by field (it crossed a network)."""
    if not isinstance(entry, dict) or set(entry) != _FEEDBACK_FIELDS:
        raise StoreError("成绩服务发来的解析格式不正确")
    texts = ("question_id", "response_text", "answer_text", "explanation", "citation")
    if not all(isinstance(entry[name], str) for name in texts):
        raise StoreError("成绩服务发来的解析格式不正确")
    quote = entry["quote"]
    return Feedback(
        question_id=entry["question_id"],
        correct=bool(entry["correct"]),
        score=float(entry["score"]),
        points=float(entry["points"]),
        response_text=entry["response_text"],
        answer_text=entry["answer_text"],
        explanation=entry["explanation"],
        citation=entry["citation"],
        quote=quote if isinstance(quote, str) else None,
    )


def keyless_spec(sent: object) -> QuizSpec:
    """A lesson quiz as the service sends it (``Desk.quiz_questions``), its questions keyless."""
    if not isinstance(sent, dict) or not isinstance(sent.get("blocks"), list):
        raise StoreError(BAD_QUESTION)
    blocks = []
    for block in sent["blocks"]:
        if not isinstance(block, dict) or not isinstance(block.get("questions"), list):
            raise StoreError(BAD_QUESTION)
        questions = tuple(keyless_question(q) for q in block["questions"])
        case = block.get("case")
        group = None
        if isinstance(case, dict):
            group = CaseGroup.model_construct(
                id=str(case.get("id")),
                type="case",
                title=case.get("title") if isinstance(case.get("title"), str) else None,
                scenario=str(case.get("scenario") or ""),
                questions=list(questions),
                tags=[],
                status="active",
            )
        blocks.append(QuizBlock(questions, group))
    law = sent.get("law")
    return QuizSpec(
        str(sent.get("id")),
        str(sent.get("title") or ""),
        law if isinstance(law, str) else None,
        tuple(blocks),
    )


def shown_question(question: Question) -> dict[str, Any]:
    """What a kernel is sent of a question: no answer, explanation or citation."""
    return {
        "question_id": question.id,
        "type": question.type,
        "stem": question.stem,
        "options": question.options,
        "points": question.points,
    }


def shown_spec(spec: QuizSpec) -> dict[str, Any]:
    """A lesson quiz as a kernel on the hub is sent it (``keyless_spec`` reads it back)."""
    blocks = []
    for block in spec.blocks:
        case = block.case
        blocks.append(
            {
                "case": None
                if case is None
                else {"id": case.id, "title": case.title, "scenario": case.scenario},
                "questions": [shown_question(q) for q in block.questions],
            }
        )
    return {"id": spec.id, "title": spec.title, "law": spec.law, "blocks": blocks}


__all__ = [
    "BAD_QUESTION",
    "PracticeKeys",
    "feedback_from_json",
    "feedback_to_json",
    "keyless_question",
    "keyless_spec",
    "shown_question",
    "shown_spec",
]
