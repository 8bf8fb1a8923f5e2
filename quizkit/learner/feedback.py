"""What a learner is told after answering: verdict, the right answer, the explanation and the law cited.

Pure data built from a bank Question and the grading core; views turn it into HTML, exports could turn it
into text. No I/O, no widgets.
"""

from __future__ import annotations

from dataclasses import dataclass

from quizkit.bank.models import Question
from quizkit.grading import ScoringRules, is_correct, score
from quizkit.laws import LAWS
from quizkit.question_types import (
    JUDGE_LABELS,
    NO_ANSWER,
    QUESTION_TYPES,
    TYPE_NAMES,
    Response,
    option_text,
)


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


def describe(question: Question, response: Response) -> str:
    """A response as the learner would say it: "C．二十日", "A．甲；C．丙", "对", "听证", or 未作答."""
    return QUESTION_TYPES[question.type].describe(question, response)


def citation_text(question: Question) -> str:
    """《行政许可法》第四十二条 (or the part of an outline)."""
    cite = question.cite
    law = LAWS.get(cite.law)
    if law is None:
        return cite.law
    return law.citation(cite.article, cite.part)


def feedback_for(question: Question, response: Response, rules: ScoringRules) -> Feedback:
    """Grade ``response`` with the grading core and describe the result."""
    return Feedback(
        question_id=question.id,
        correct=is_correct(question, response),
        score=score(question, response, rules),
        points=rules.points_for(question),
        response_text=describe(question, response),
        answer_text=QUESTION_TYPES[question.type].answer_text(question),
        explanation=question.explanation,
        citation=citation_text(question),
        quote=question.cite.quote,
    )


__all__ = [
    "JUDGE_LABELS",
    "NO_ANSWER",
    "TYPE_NAMES",
    "Feedback",
    "citation_text",
    "describe",
    "feedback_for",
    "format_points",
    "option_text",
]
