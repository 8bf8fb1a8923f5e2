"""A session's rules: one pydantic model, stored as JSON in the sessions table's ``rules`` column.

Other parts read it (the reports count results by ``counting``, ``pass_mark``, ``bands`` and the
``makeup`` window; 补考 attempts are stored with attempt kind ``makeup``). Keys, in brief:

- ``paper``: a fixed list of question ids, or a ``blueprint`` of cells; ``shuffle_questions``;
- ``duration_minutes`` per attempt (None: until the session closes); ``attempts_allowed``;
- ``counting``: which attempt counts — highest | last | first;
- ``pass_mark`` (百分制) and grade ``bands``; ``multi_policy`` for 多选; ``shuffle_options``;
- ``units`` / ``cadres``: who may take it (empty: everyone; a unit admits its sub-units too);
- ``makeup``: the 补考 window, who may sit it (failed and/or absent) and how often;
- ``review``: what a cadre sees after 交卷 (none | score | answers), ``review_from`` submit | close;
  the default (score, from submit) gives no key away; ``answers`` from ``submit`` shows the keys to
  whoever hands in while others still sit (docs/trust-model.md) — for exams use ``close``;
- ``analysis_attempts``: which attempts feed item analysis (first by default);
- ``seed``: makes every cadre's paper reproducible; ``year``: the appraisal year it belongs to;
- ``feeds_review``: the answers of an exam session enter the cadre's spaced-review schedule
  (quizkit.spaced_review); off by default, so an exam is only a measurement. Practice always feeds it.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from quizkit.counting import Counting
from quizkit.errors import SessionError
from quizkit.grading import DEFAULT_BANDS, GradeBand, MultiPolicy, ScoringRules, band_clash
from quizkit.question_types import default_points
from quizkit.sessions.blueprint import BlueprintCell, total_points

Review = Literal["none", "score", "answers"]
ReviewFrom = Literal["submit", "close"]
AnalysisAttempts = Literal["first", "last", "all"]
MakeupWho = Literal["failed_or_absent", "failed", "absent"]
SESSION_KINDS = ("practice", "exam")

_FROZEN = ConfigDict(extra="forbid", frozen=True)

# A moment in UTC; a naive value is the local time of this machine (as the store reads it).
Moment = Annotated[datetime, AfterValidator(lambda value: value.astimezone(UTC))]


class PaperRules(BaseModel):
    """What every cadre's paper holds: fixed ``questions`` (ids; a case id brings its sub-questions)
    with points per type, or a ``blueprint`` drawn per cadre."""

    model_config = _FROZEN
    questions: tuple[str, ...] = ()
    blueprint: tuple[BlueprintCell, ...] = ()
    points: dict[str, float] = Field(
        default_factory=default_points
    )  # per type; missing: the default
    shuffle_questions: bool = False

    @model_validator(mode="after")
    def _one_source(self) -> PaperRules:
        if bool(self.questions) == bool(self.blueprint):
            raise ValueError("give either a fixed list of questions or a blueprint, not both")
        return self

    @property
    def fixed(self) -> bool:
        return bool(self.questions)

    def describe(self) -> str:
        if self.fixed:
            return f"固定试卷，{len(self.questions)} 个题目编号"
        cells = " + ".join(f"{c.label()}" for c in self.blueprint)
        return f"按蓝图抽题（卷卷不同）：{cells} = {total_points(self.blueprint):g} 分"


class MakeupRules(BaseModel):
    """The 补考 window: who may sit it (failed, absent, or both), how many times, for how long."""

    model_config = _FROZEN
    opens_at: Moment
    closes_at: Moment
    who: MakeupWho = "failed_or_absent"
    attempts_allowed: int = Field(default=1, ge=1)
    duration_minutes: int | None = Field(default=None, gt=0)

    @model_validator(mode="after")
    def _ordered(self) -> MakeupRules:
        if self.closes_at <= self.opens_at:
            raise ValueError("the 补考 window must close after it opens")
        return self


class Extension(BaseModel):
    """A trainer's 延时: when, and by how many minutes (kept for the record)."""

    model_config = _FROZEN
    at: Moment
    minutes: int


class SessionRules(BaseModel):
    """Everything that governs a session besides its title, kind, code and time window."""

    model_config = _FROZEN
    paper: PaperRules
    duration_minutes: int | None = Field(default=None, gt=0)
    attempts_allowed: int = Field(default=1, ge=1)
    counting: Counting = Counting.HIGHEST
    pass_mark: float = Field(default=60.0, ge=0, le=100)
    bands: tuple[GradeBand, ...] = DEFAULT_BANDS
    multi_policy: MultiPolicy = MultiPolicy.ALL_OR_NOTHING
    shuffle_options: bool = False
    units: tuple[str, ...] = ()
    cadres: tuple[str, ...] = ()
    makeup: MakeupRules | None = None
    review: Review = "score"
    review_from: ReviewFrom = "submit"
    analysis_attempts: AnalysisAttempts = "first"
    seed: str = ""
    year: int | None = None
    extensions: tuple[Extension, ...] = ()
    feeds_review: bool = False

    @property
    def scoring(self) -> ScoringRules:
        """The grading core's rules (points come from each paper, not from here)."""
        return ScoringRules(
            points=dict(self.paper.points),
            multi_policy=self.multi_policy,
            pass_mark=self.pass_mark,
            bands=self.bands,
        )

    def to_json(self) -> dict[str, Any]:
        return self.model_dump(mode="json")

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> SessionRules:
        """Rules as stored; SessionError names the first bad field."""
        try:
            return cls.model_validate(dict(data))
        except ValidationError as error:
            raise rules_error(error) from error


def check_bands(rules: SessionRules) -> None:
    """Refuse a session whose bands named 合格 / 不合格 disagree with its pass mark
    (``quizkit.grading.band_clash``): the two are fixed together for the session's whole life."""
    clash = band_clash(rules.pass_mark, rules.bands)
    if clash is not None:
        mark = rules.pass_mark
        raise SessionError(
            f"及格线（pass_mark）{mark:g} 分与等级（bands）不一致：{clash}",
            hint=f"把 bands 中“合格”的下限改为 {mark:g}（“不合格”从 0 起），或改动 pass_mark",
        )


def rules_error(error: ValidationError) -> SessionError:
    first = error.errors()[0]
    field = ".".join(str(part) for part in first["loc"]) or "rules"
    return SessionError(
        f"考试规则 {field} 不正确：{first['msg']}",
        hint="see quizkit.sessions.rules.SessionRules for every rule and its allowed values",
    )


__all__ = [
    "SESSION_KINDS",
    "AnalysisAttempts",
    "Counting",
    "Extension",
    "MakeupRules",
    "MakeupWho",
    "PaperRules",
    "Review",
    "ReviewFrom",
    "SessionRules",
    "check_bands",
    "rules_error",
]
