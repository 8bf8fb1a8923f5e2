"""ReportPolicy defaults and knobs, make-up windows, paper totals (pure unit tests)."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import pytest

from quizkit.errors import SessionError
from quizkit.grading import GradeBand
from quizkit.reports import MakeupWindow, ReportPolicy, counted_results
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
        "计分：最高分；含补考；合格率分母：实考人数；合格线 60 分，优秀线 90 分"
    )


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
