"""The question types, defined once: each row of :data:`QUESTION_TYPES` says everything about one type.

Every layer reads this table instead of spelling out the types: the bank's schema and checker, grading,
feedback, settings and session points, blueprints, imports and exports, reports and the views (which map
``input`` to a widget). Adding a type is a new row (a module like :mod:`quizkit.question_types.fill`)
plus whatever its answer shape needs in the bank schema, the views and the outside formats.
"""

from __future__ import annotations

from quizkit.question_types.base import (
    Answer,
    Checkable,
    Gradable,
    JsonResponse,
    MultiPolicy,
    QuestionType,
    Response,
    response_from_json,
    response_to_json,
    sorted_labels,
)
from quizkit.question_types.choice import (
    JUDGE,
    JUDGE_LABELS,
    MULTIPLE,
    NO_ANSWER,
    OPTION_LABELS,
    SINGLE,
    correct_labels,
    option_text,
)
from quizkit.question_types.fill import FILL

QUESTION_TYPES: dict[str, QuestionType] = {
    kind.name: kind for kind in (SINGLE, MULTIPLE, JUDGE, FILL)
}
TYPE_NAMES: dict[str, str] = {name: kind.chinese for name, kind in QUESTION_TYPES.items()}
CASE = "case"  # 案例分析: a group of ordinary questions, not a type of its own


def question_type(name: str) -> QuestionType:
    """The row for ``name``; KeyError names the known types."""
    try:
        return QUESTION_TYPES[name]
    except KeyError:
        raise KeyError(
            f"unknown question type {name!r}; known: {', '.join(QUESTION_TYPES)}"
        ) from None


def type_for_word(word: str) -> str | None:
    """The type a word names (单选, 单选题, single, 填空…), case-insensitive; None when none does."""
    key = word.strip().lower()
    for kind in QUESTION_TYPES.values():
        if key in (spelling.lower() for spelling in kind.words):
            return kind.name
    return None


def default_points() -> dict[str, float]:
    return {name: kind.default_points for name, kind in QUESTION_TYPES.items()}


__all__ = [
    "CASE",
    "JUDGE_LABELS",
    "NO_ANSWER",
    "OPTION_LABELS",
    "QUESTION_TYPES",
    "TYPE_NAMES",
    "Answer",
    "Checkable",
    "Gradable",
    "JsonResponse",
    "MultiPolicy",
    "QuestionType",
    "Response",
    "correct_labels",
    "default_points",
    "option_text",
    "question_type",
    "response_from_json",
    "response_to_json",
    "sorted_labels",
    "type_for_word",
]
