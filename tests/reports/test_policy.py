"""ReportPolicy defaults and knobs, make-up windows, paper totals (pure unit tests)."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import pytest

from quizkit.errors import SessionError
from quizkit.grading import GradeBand
from quizkit.reports import MakeupCounting, MakeupWindow, ReportPolicy, counted_results
from quizkit.reports.scoring import paper_points


def test_defaults_are_the_common_rule() -> None:
    policy = ReportPolicy()
    assert (policy.counting, policy.include_makeup, policy.denominator) == (
        "highest",
        True,
        "taken",
    )
    assert (
        policy.band(89.99) == "良好" and policy.band(90) == "优秀" and policy.band(59.5) == "不合格"
    )
    assert policy.describe() == (
        "计分：最高分；含补考（补考与原成绩取较高分）；合格率分母：实考人数；合格线 60 分，优秀线 90 分"
    )
    assert policy.makeup_counting == "higher"


def test_rules_then_settings_then_overrides() -> None:
    rules = {"counting": "first", "pass_mark": 80, "bands": {"优": 95, "合格": 80, "不合格": 0}}
    policy = ReportPolicy.from_rules(rules, pass_mark=60, denominator="expected")
    assert policy.counting == "first" and policy.pass_mark == 80
    assert policy.excellent_mark == 95  # the top band's minimum
    assert policy.band(96) == "优" and policy.denominator == "expected"
    bands = (GradeBand(name="好", minimum=85), GradeBand(name="差", minimum=0))
    assert ReportPolicy.from_rules({}, bands=bands).excellent_mark == 85


def test_a_bad_knob_is_a_session_error() -> None:
    with pytest.raises(SessionError, match="counting"):
        ReportPolicy.from_rules({"counting": "average"})


def test_makeup_window_from_rules_in_local_time() -> None:
    opens = datetime(2026, 3, 1, 1, 0, tzinfo=UTC)
    policy = ReportPolicy.from_rules({"makeup": {"opens_at": opens.isoformat()}})
    assert isinstance(policy.makeup_window, MakeupWindow)
    start, end = policy.makeup_window.local_bounds()
    assert start == opens.astimezone().replace(tzinfo=None) and end is None


@pytest.mark.parametrize(
    ("paper", "total"),
    [
        ({"total_points": 100}, 100.0),
        ({"questions": [{"id": "a", "points": 2}, {"id": "b", "points": 3}]}, 5.0),
        ([{"id": "a", "points": 1.5}], 1.5),
        ({"questions": ["a", "b"]}, None),
        (None, None),
    ],
)
def test_paper_points(paper: object, total: float | None) -> None:
    assert paper_points(paper) == total


def _scores(rows: list[tuple[str, float, bool, int]]) -> pd.DataFrame:
    return pd.DataFrame(
        [
            {
                "cadre_id": cadre,
                "session_id": "s",
                "attempt_id": f"{cadre}-{minute}",
                "started_at": pd.Timestamp(2026, 5, 1, 9, minute),
                "score": score,
                "makeup": makeup,
            }
            for cadre, score, makeup, minute in rows
        ]
    )


def test_makeup_replaces_only_a_failed_or_missing_result() -> None:
    scores = _scores(
        [
            ("a", 50, False, 0),
            ("a", 70, True, 30),
            ("b", 65, False, 0),
            ("b", 90, True, 30),
            ("c", 80, True, 30),
        ]
    )
    counted = counted_results(scores, ReportPolicy()).set_index("cadre_id")
    assert counted.loc["a", "score"] == 70 and counted.loc["a", "makeup"]
    assert counted.loc["b", "score"] == 65 and not counted.loc["b", "makeup"]
    assert counted.loc["c", "score"] == 80
    assert counted.loc["a", "attempts"] == 2
    without = counted_results(scores, ReportPolicy(include_makeup=False)).set_index("cadre_id")
    assert without.loc["a", "score"] == 50 and "c" not in without.index


def test_a_lower_makeup_result_counts_only_when_the_policy_says_it_replaces() -> None:
    """Pass mark 60. Worked by hand:

    cadre  regular  补考   higher (default)     replace
    a      50       40     50 (regular)         40 (补考)
    b      50       55     55 (补考)            55 (补考)
    c      50       50     50 (regular)         50 (补考)
    d      70       30     70 (passed: kept)    70 (passed: kept)
    e      —        20     20 (补考)            20 (补考)
    """
    scores = _scores(
        [
            ("a", 50, False, 0),
            ("a", 40, True, 30),
            ("b", 50, False, 0),
            ("b", 55, True, 30),
            ("c", 50, False, 0),
            ("c", 50, True, 30),
            ("d", 70, False, 0),
            ("d", 30, True, 30),
            ("e", 20, True, 30),
        ]
    )
    higher = counted_results(scores, ReportPolicy()).set_index("cadre_id")
    assert higher["score"].to_dict() == {"a": 50, "b": 55, "c": 50, "d": 70, "e": 20}
    assert higher["makeup"].to_dict() == {"a": False, "b": True, "c": False, "d": False, "e": True}
    replace = ReportPolicy(makeup_counting=MakeupCounting.REPLACE)
    replaced = counted_results(scores, replace).set_index("cadre_id")
    assert replaced["score"].to_dict() == {"a": 40, "b": 55, "c": 50, "d": 70, "e": 20}
    assert replaced["makeup"].to_dict() == {"a": True, "b": True, "c": True, "d": False, "e": True}
    assert (higher["attempts"] == replaced["attempts"]).all() and higher.loc["a", "attempts"] == 2
    assert "补考成绩替代原成绩" in replace.describe()


def test_makeup_counting_from_settings_then_rules_then_overrides() -> None:
    def chosen(rules: dict[str, str], setting: str | None, override: str | None) -> str:
        policy = ReportPolicy.from_rules(
            rules, default_makeup_counting=setting, makeup_counting=override
        )
        return policy.makeup_counting

    assert chosen({}, None, None) == "higher"
    assert chosen({}, "replace", None) == "replace"
    assert chosen({"makeup_counting": "higher"}, "replace", None) == "higher"
    assert chosen({"makeup_counting": "higher"}, "replace", "replace") == "replace"
    with pytest.raises(SessionError, match="makeup_counting"):
        ReportPolicy.from_rules({"makeup_counting": "lower"})
