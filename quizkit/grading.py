"""The grading core: pure functions, no I/O.

A response is what the learner chose: a label (single), a set of labels (multiple), a bool (judge), or
None when nothing was chosen. Scores always lie in [0, points]; a correct response always earns full points;
the order in which boxes were ticked never matters.

Multiple-choice policies (``MultiPolicy``):
- ``all-or-nothing`` — full points only for exactly the correct set (未全部选出或多选、错选均不得分);
- ``partial`` — 少选得分: each correct option ticked earns its share, any wrong tick scores 0;
- ``moodle`` — sum of per-option fractions: each correct option +1/k, each wrong option −1/(n−k), clamped to
  [0, 1] (Moodle's multichoice with equal positive and negative weights).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from enum import StrEnum
from typing import Protocol

from pydantic import BaseModel, ConfigDict, Field

Response = str | frozenset[str] | bool | None


class MultiPolicy(StrEnum):
    ALL_OR_NOTHING = "all-or-nothing"
    PARTIAL = "partial"
    MOODLE = "moodle"


class Gradable(Protocol):
    """What grading needs to know of a question (the bank's Question satisfies it)."""

    @property
    def type(self) -> str: ...
    @property
    def options(self) -> Mapping[str, str] | None: ...
    @property
    def answer(self) -> str | list[str] | bool: ...
    @property
    def points(self) -> float | None: ...


class GradeBand(BaseModel):
    """A named band: a percentage at or above ``minimum`` earns ``name``."""

    model_config = ConfigDict(frozen=True)
    name: str
    minimum: float = Field(ge=0, le=100)


DEFAULT_BANDS: tuple[GradeBand, ...] = (
    GradeBand(name="优秀", minimum=90),
    GradeBand(name="良好", minimum=80),
    GradeBand(name="合格", minimum=60),
    GradeBand(name="不合格", minimum=0),
)


class ScoringRules(BaseModel):
    """How a quiz or exam scores: default points per type, 多选 policy, pass mark and grade bands."""

    model_config = ConfigDict(frozen=True)
    points: dict[str, float] = Field(
        default_factory=lambda: {"single": 2.0, "multiple": 2.0, "judge": 2.0}
    )
    multi_policy: MultiPolicy = MultiPolicy.ALL_OR_NOTHING
    pass_mark: float = Field(default=60.0, ge=0, le=100)
    bands: tuple[GradeBand, ...] = DEFAULT_BANDS

    def points_for(self, question: Gradable) -> float:
        return question.points if question.points is not None else self.points[question.type]


def correct_labels(question: Gradable) -> frozenset[str]:
    answer = question.answer
    if isinstance(answer, bool):
        return frozenset()
    return frozenset([answer] if isinstance(answer, str) else answer)


def _score_single(question: Gradable, response: Response, policy: MultiPolicy) -> float:
    return 1.0 if isinstance(response, str) and response == question.answer else 0.0


def _score_judge(question: Gradable, response: Response, policy: MultiPolicy) -> float:
    return 1.0 if isinstance(response, bool) and response is question.answer else 0.0


def _score_multiple(question: Gradable, response: Response, policy: MultiPolicy) -> float:
    if not isinstance(response, frozenset) or not response:
        return 0.0
    right = correct_labels(question)
    ticked_right = len(response & right)
    ticked_wrong = len(response - right)
    if policy is MultiPolicy.ALL_OR_NOTHING:
        return 1.0 if response == right else 0.0
    if policy is MultiPolicy.PARTIAL:
        return 0.0 if ticked_wrong else ticked_right / len(right)
    n_options = len(question.options or {})
    wrong_total = max(n_options - len(right), 1)
    fraction = ticked_right / len(right) - ticked_wrong / wrong_total
    return min(1.0, max(0.0, fraction))


_SCORERS: dict[str, Callable[[Gradable, Response, MultiPolicy], float]] = {
    "single": _score_single,
    "multiple": _score_multiple,
    "judge": _score_judge,
}


def normalize_response(raw: str | bool | Iterable[str] | None) -> Response:
    """Turn widget or stored values into a Response (lists become frozensets)."""
    if raw is None or isinstance(raw, (str, bool)):
        return raw
    return frozenset(raw)


def fraction(
    question: Gradable, response: Response, policy: MultiPolicy = MultiPolicy.ALL_OR_NOTHING
) -> float:
    """The share of the question's points a response earns, in [0, 1]."""
    return _SCORERS[question.type](question, response, policy)


def score(question: Gradable, response: Response, rules: ScoringRules | None = None) -> float:
    """Points earned, in [0, points]."""
    rules = rules or ScoringRules()
    return fraction(question, response, rules.multi_policy) * rules.points_for(question)


def is_correct(question: Gradable, response: Response) -> bool:
    """Fully correct, whatever the partial-credit policy."""
    return fraction(question, response, MultiPolicy.ALL_OR_NOTHING) == 1.0


def percentage(earned: float, possible: float) -> float:
    return 0.0 if possible <= 0 else round(100.0 * earned / possible, 2)


def grade_band(percent: float, bands: Iterable[GradeBand] = DEFAULT_BANDS) -> str:
    """The name of the highest band whose minimum the percentage reaches."""
    ordered = sorted(bands, key=lambda band: band.minimum, reverse=True)
    for band in ordered:
        if percent >= band.minimum:
            return band.name
    return ordered[-1].name


def passed(percent: float, rules: ScoringRules | None = None) -> bool:
    return percent >= (rules or ScoringRules()).pass_mark
