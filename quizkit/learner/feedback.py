"""What a learner is told after answering: verdict, the right answer, the explanation and the law cited.

Pure data built from a bank Question and the grading core; views turn it into HTML, exports could turn it
into text. No I/O, no widgets.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from quizkit.bank.models import Question
from quizkit.grading import Response, ScoringRules, is_correct, normalize_response, score
from quizkit.laws import LAWS

JUDGE_LABELS: dict[bool, str] = {True: "对", False: "错"}
TYPE_NAMES: dict[str, str] = {"single": "单选题", "multiple": "多选题", "judge": "判断题"}
NO_ANSWER = "未作答"

RawResponse = str | bool | Iterable[str] | None


@dataclass(frozen=True)
class Feedback:
    """The graded answer to one question, in the words a learner reads."""

    question_id: str
    correct: bool
    score: float
    points: float
    response_text: str
    answer_text: str
    explanation: str
    citation: str
    quote: str | None

    @property
    def partial(self) -> bool:
        return not self.correct and self.score > 0

    @property
    def verdict(self) -> str:
        if self.correct:
            return f"回答正确（得 {format_points(self.score)} 分）"
        earned = f"得 {format_points(self.score)} 分，满分 {format_points(self.points)} 分"
        return f"部分正确（{earned}）" if self.partial else f"回答错误（{earned}）"


def format_points(value: float) -> str:
    """2.0 → "2", 1.5 → "1.5", 0.6667 → "0.67"."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def option_text(question: Question, label: str) -> str:
    text = (question.options or {}).get(label, "")
    return f"{label}．{text}" if text else label


def describe(question: Question, response: Response) -> str:
    """A response as the learner would say it: "C．二十日", "A．甲；C．丙", "对", or 未作答."""
    if response is None or response == frozenset():
        return NO_ANSWER
    if isinstance(response, bool):
        return JUDGE_LABELS[response]
    labels = [response] if isinstance(response, str) else sorted(response)
    return "；".join(option_text(question, label) for label in labels)


def citation_text(question: Question) -> str:
    """《行政许可法》第四十二条 (or the part of an outline)."""
    cite = question.cite
    law = LAWS.get(cite.law)
    if law is None:
        return cite.law
    return law.citation(cite.article, cite.part)


def feedback_for(question: Question, raw: RawResponse, rules: ScoringRules) -> Feedback:
    """Grade ``raw`` with the grading core and describe the result."""
    response = normalize_response(raw)
    return Feedback(
        question_id=question.id,
        correct=is_correct(question, response),
        score=score(question, response, rules),
        points=rules.points_for(question),
        response_text=describe(question, response),
        answer_text=describe(question, normalize_response(question.answer)),
        explanation=question.explanation,
        citation=citation_text(question),
        quote=question.cite.quote,
    )


__all__ = [
    "JUDGE_LABELS",
    "NO_ANSWER",
    "TYPE_NAMES",
    "Feedback",
    "RawResponse",
    "citation_text",
    "describe",
    "feedback_for",
    "format_points",
    "option_text",
]
