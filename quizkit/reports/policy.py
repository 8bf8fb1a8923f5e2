"""How an exam result is counted: the knobs the office argues about, in one explicit object.

Defaults come from the exam session's rules (owned by ``quizkit.sessions``) and then from the project
settings, so a report shows what the session promised unless the caller overrides a knob:

- ``counting``: which of a cadre's attempts counts — ``highest`` (the common rule), ``last`` or ``first``
  (:class:`quizkit.counting.Counting`, shared with the session rules);
- ``include_makeup``: whether 补考 results count (replacing a failed or missing regular result);
- ``makeup_counting``: when a 补考 result meets a failed regular one, ``higher`` (default) keeps the
  higher of the two, ``replace`` lets the 补考 result stand even when it is lower;
- ``denominator``: 合格率 = 合格 / 实考 (``taken``, the usual rule) or 合格 / 应考 (``expected``);
- ``pass_mark``, ``excellent_mark`` and ``bands``: 合格 and 优秀 thresholds, grade band names.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from quizkit.counting import COUNTING_LABELS, Counting
from quizkit.errors import SessionError
from quizkit.grading import DEFAULT_BANDS, GradeBand, grade_band


class Denominator(StrEnum):
    TAKEN = "taken"  # 实考
    EXPECTED = "expected"  # 应考


class MakeupCounting(StrEnum):
    HIGHER = "higher"  # the higher of the failed regular result and the 补考 result counts
    REPLACE = "replace"  # the 补考 result replaces a failed regular result, even when lower


DENOMINATOR_LABELS = {Denominator.TAKEN: "实考", Denominator.EXPECTED: "应考"}
MAKEUP_COUNTING_LABELS = {
    MakeupCounting.HIGHER: "补考与原成绩取较高分",
    MakeupCounting.REPLACE: "补考成绩替代原成绩",
}


class MakeupWindow(BaseModel):
    """The 补考 window: attempts started inside it are make-up attempts."""

    model_config = ConfigDict(frozen=True)
    opens_at: datetime | None = None
    closes_at: datetime | None = None

    def local_bounds(self) -> tuple[datetime | None, datetime | None]:
        """The bounds as naive local times (aware values are converted; naive ones are local)."""
        return _local(self.opens_at), _local(self.closes_at)


def _local(moment: datetime | None) -> datetime | None:
    if moment is None or moment.tzinfo is None:
        return moment
    return moment.astimezone().replace(tzinfo=None)


class ReportPolicy(BaseModel):
    """The counting rules of one report; every knob is explicit and printed on the score sheet."""

    model_config = ConfigDict(frozen=True)
    counting: Counting = Counting.HIGHEST
    include_makeup: bool = True
    makeup_counting: MakeupCounting = MakeupCounting.HIGHER
    denominator: Denominator = Denominator.TAKEN
    pass_mark: float = Field(default=60.0, ge=0, le=100)
    excellent_mark: float = Field(default=90.0, ge=0, le=100)
    bands: tuple[GradeBand, ...] = DEFAULT_BANDS
    makeup_window: MakeupWindow | None = None

    def band(self, percent: float) -> str:
        return grade_band(percent, self.bands)

    def passed(self, percent: float) -> bool:
        return percent >= self.pass_mark

    def describe(self) -> str:
        """One line for the score sheet, so a reader knows how the figures were counted."""
        makeup = (
            f"含补考（{MAKEUP_COUNTING_LABELS[self.makeup_counting]}）"
            if self.include_makeup
            else "不含补考"
        )
        return (
            f"计分：{COUNTING_LABELS[self.counting]}；{makeup}；"
            f"合格率分母：{DENOMINATOR_LABELS[self.denominator]}人数；"
            f"合格线 {self.pass_mark:g} 分，优秀线 {self.excellent_mark:g} 分"
        )

    @classmethod
    def from_rules(
        cls,
        rules: Mapping[str, Any] | None = None,
        *,
        pass_mark: float | None = None,
        bands: tuple[GradeBand, ...] | None = None,
        default_makeup_counting: str | None = None,
        **overrides: Any,
    ) -> ReportPolicy:
        """The settings (``pass_mark``, ``bands``, ``default_makeup_counting``), then session rules, then
        explicit overrides (None = unset)."""
        values: dict[str, Any] = {}
        if default_makeup_counting is not None:
            values["makeup_counting"] = default_makeup_counting
        if pass_mark is not None:
            values["pass_mark"] = pass_mark
        if bands is not None:
            values["bands"] = bands
        values.update(_from_session_rules(rules or {}))
        values.update({key: value for key, value in overrides.items() if value is not None})
        if "excellent_mark" not in values and "bands" in values:
            values["excellent_mark"] = _top_band_minimum(values["bands"])
        try:
            return cls.model_validate(values)
        except ValidationError as error:
            first = error.errors()[0]
            field = ".".join(str(part) for part in first["loc"])
            raise SessionError(
                f"report policy '{field}' is not valid: {first['msg']}",
                hint="counting is highest|last|first, denominator is taken (实考) or expected (应考),"
                " makeup_counting is higher|replace",
            ) from error


_RULE_KEYS = {
    "counting": ("counting", "count", "counts", "attempt_counts"),
    "pass_mark": ("pass_mark",),
    "excellent_mark": ("excellent_mark",),
    "bands": ("bands", "grade_bands"),
    "denominator": ("denominator", "pass_rate_denominator"),
    "include_makeup": ("include_makeup",),
    "makeup_counting": ("makeup_counting",),
}


def _from_session_rules(rules: Mapping[str, Any]) -> dict[str, Any]:
    """Pick the knobs a session's rules set (tolerant of the few spellings sessions may use)."""
    found: dict[str, Any] = {}
    for knob, keys in _RULE_KEYS.items():
        for key in keys:
            if rules.get(key) is not None:
                found[knob] = rules[key]
                break
    window = rules.get("makeup") or rules.get("makeup_window")
    if isinstance(window, Mapping):
        found["makeup_window"] = MakeupWindow(
            opens_at=window.get("opens_at") or window.get("opens"),
            closes_at=window.get("closes_at") or window.get("closes"),
        )
    if isinstance(found.get("bands"), Mapping):
        found["bands"] = tuple(
            GradeBand(name=name, minimum=minimum) for name, minimum in found["bands"].items()
        )
    return found


def _top_band_minimum(bands: tuple[GradeBand, ...] | list[Any]) -> float:
    minima = [
        band.minimum if isinstance(band, GradeBand) else float(band["minimum"]) for band in bands
    ]
    return max(minima) if minima else 90.0


__all__ = [
    "COUNTING_LABELS",
    "DENOMINATOR_LABELS",
    "MAKEUP_COUNTING_LABELS",
    "Counting",
    "Denominator",
    "MakeupCounting",
    "MakeupWindow",
    "ReportPolicy",
]
