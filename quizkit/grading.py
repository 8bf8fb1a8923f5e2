"""The grading core: pure functions, no I/O.

A response is what the learner gave (:data:`~quizkit.question_types.Response`): a label (single), the
sorted labels ticked (multiple), a bool (judge), the text of each blank (fill), or None. Each type's scorer
lives in its row of :data:`~quizkit.question_types.QUESTION_TYPES`; this module applies the policies.
Scores always lie in [0, points]; a correct response always earns full points; the order in which boxes
were ticked never matters.

Partial-credit policies (``MultiPolicy``), for 多选:
- ``all-or-nothing`` — full points only for exactly the correct set (未全部选出或多选、错选均不得分);
- ``partial`` — 少选得分: each correct option ticked earns its share, any wrong tick scores 0;
- ``moodle`` — sum of per-option fractions: each correct option +1/k, each wrong option −1/(n−k), clamped to
  [0, 1] (Moodle's multichoice with equal positive and negative weights).

For 填空 the same setting decides: ``all-or-nothing`` — full points only when every blank is right;
``partial`` and ``moodle`` — each right blank earns its share (1/blanks), a wrong blank costs nothing.
A blank is right when it matches an accepted answer ignoring full-/half-width, spaces and 。，punctuation
(:func:`quizkit.question_types.fill.match_key`).
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field

from quizkit.question_types import (
    QUESTION_TYPES,
    Gradable,
    MultiPolicy,
    Response,
    correct_labels,
    default_points,
)


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
    points: dict[str, float] = Field(default_factory=default_points)
    multi_policy: MultiPolicy = MultiPolicy.ALL_OR_NOTHING
    pass_mark: float = Field(default=60.0, ge=0, le=100)
    bands: tuple[GradeBand, ...] = DEFAULT_BANDS

    def points_for(self, question: Gradable) -> float:
        if question.points is not None:
            return question.points
        return self.points.get(question.type, QUESTION_TYPES[question.type].default_points)


def fraction(
    question: Gradable, response: Response, policy: MultiPolicy = MultiPolicy.ALL_OR_NOTHING
) -> float:
    """The share of the question's points a response earns, in [0, 1]."""
    return QUESTION_TYPES[question.type].score(question, response, policy)


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


def band_clash(pass_mark: float, bands: Iterable[GradeBand]) -> str | None:
    """What reads wrong when bands named 合格 / 不合格 disagree with the pass mark (None: nothing):
    with 及格线 70 and 合格 from 60, a 65 reads "等级：合格　不合格". 百分制 scores have two decimals,
    so the score just below the pass mark is 0.01 lower. Bands with other names (及格, 差…) are
    labels of their own."""
    bands = tuple(bands)
    at_mark = grade_band(pass_mark, bands)
    if at_mark == "不合格":
        return f"{pass_mark:g} 分显示等级“不合格”"
    if pass_mark > 0 and grade_band(round(pass_mark - 0.01, 2), bands) == "合格":
        return "低于及格线的分数显示等级“合格”"
    return None


def passed(percent: float, rules: ScoringRules | None = None) -> bool:
    return percent >= (rules or ScoringRules()).pass_mark


__all__ = [
    "DEFAULT_BANDS",
    "Gradable",
    "GradeBand",
    "MultiPolicy",
    "Response",
    "ScoringRules",
    "band_clash",
    "correct_labels",
    "fraction",
    "grade_band",
    "is_correct",
    "passed",
    "percentage",
    "score",
]
