"""Every figure of the per-unit table of the known store, under each policy knob."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import pytest

from quizkit.reports import (
    UNIT_REPORT_COLUMNS,
    ReportPolicy,
    absent_list,
    cadre_report,
    failed_list,
    unit_report,
)
from tests.reports.conftest import Known

NAN = float("nan")
# 单位: 在册, 免考, 应考, 实考, 参考率, 合格, 合格率, 优秀, 优秀率, 平均分, 最高分, 最低分, 排名
DEFAULT = {
    "城关镇司法所": (2, 1, 1, 1, 1.0, 1, 1.0, 0, 0.0, 60.0, 60.0, 60.0, 1),
    "城关镇": (5, 1, 4, 3, 0.75, 3, 1.0, 1, 1 / 3, 86.0, 95.0, 75.0, 2),
    "河口乡": (3, 0, 3, 3, 1.0, 2, 2 / 3, 1, 1 / 3, 73.33, 100.0, 40.0, 3),
    "合计": (10, 2, 8, 7, 0.875, 6, 6 / 7, 2, 2 / 7, 76.86, 100.0, 40.0, None),
}
EXPECTED_DENOMINATOR = {
    "城关镇司法所": (2, 1, 1, 1, 1.0, 1, 1.0, 0, 0.0, 60.0, 60.0, 60.0, 1),
    "城关镇": (5, 1, 4, 3, 0.75, 3, 0.75, 1, 0.25, 86.0, 95.0, 75.0, 2),
    "河口乡": (3, 0, 3, 3, 1.0, 2, 2 / 3, 1, 1 / 3, 73.33, 100.0, 40.0, 3),
    "合计": (10, 2, 8, 7, 0.875, 6, 0.75, 2, 0.25, 76.86, 100.0, 40.0, None),
}
WITHOUT_MAKEUP = {
    "城关镇司法所": (2, 1, 1, 1, 1.0, 1, 1.0, 0, 0.0, 60.0, 60.0, 60.0, 1),
    "城关镇": (5, 1, 4, 3, 0.75, 2, 2 / 3, 1, 1 / 3, 77.67, 95.0, 50.0, 2),
    "河口乡": (3, 0, 3, 2, 2 / 3, 1, 0.5, 1, 0.5, 70.0, 100.0, 40.0, 3),
    "合计": (10, 2, 8, 6, 0.75, 4, 4 / 6, 2, 2 / 6, 72.17, 100.0, 40.0, None),
}
TOP_UNITS = {
    "城关镇": (7, 2, 5, 4, 0.8, 4, 1.0, 1, 0.25, 79.5, 95.0, 60.0, 1),
    "河口乡": (3, 0, 3, 3, 1.0, 2, 2 / 3, 1, 1 / 3, 73.33, 100.0, 40.0, 2),
    "合计": (10, 2, 8, 7, 0.875, 6, 6 / 7, 2, 2 / 7, 76.86, 100.0, 40.0, None),
}


def assert_units(table: pd.DataFrame, expected: dict[str, tuple[Any, ...]]) -> None:
    assert list(table.columns) == UNIT_REPORT_COLUMNS
    assert list(table["单位"]) == list(expected)  # ranked order, 合计 last
    for _, row in table.iterrows():
        for column, want in zip(UNIT_REPORT_COLUMNS[1:], expected[row["单位"]], strict=True):
            got = row[column]
            if want is None or (isinstance(want, float) and math.isnan(want)):
                assert pd.isna(got), (row["单位"], column)
            else:
                assert got == pytest.approx(want, abs=0.005), (row["单位"], column, got, want)


def _units(known: Known, **knobs: Any) -> pd.DataFrame:
    policy = ReportPolicy.from_rules({"counting": "highest"}, **knobs)
    return unit_report(cadre_report(known.data(), policy), policy)


def test_unit_table_default_policy(known: Known) -> None:
    assert_units(_units(known), DEFAULT)


def test_pass_rate_over_expected(known: Known) -> None:
    assert_units(_units(known, denominator="expected"), EXPECTED_DENOMINATOR)


def test_without_makeup(known: Known) -> None:
    assert_units(_units(known, include_makeup=False), WITHOUT_MAKEUP)


def test_top_units_roll_up(known: Known) -> None:
    policy = ReportPolicy()
    data = known.data()
    table = unit_report(cadre_report(data, policy), policy, parents=data.unit_parents())
    assert_units(table, TOP_UNITS)


@pytest.mark.parametrize(
    ("counting", "scores", "excellent"),
    [("highest", [95, 88, 75], 1), ("last", [85, 88, 75], 0), ("first", [95, 70, 75], 1)],
)
def test_counting_rules(known: Known, counting: str, scores: list[float], excellent: int) -> None:
    policy = ReportPolicy.from_rules({}, counting=counting)
    cadres = cadre_report(known.data(), policy)
    town = cadres[(cadres["单位"] == "城关镇") & (cadres["考试状态"] == "已参考")]
    assert sorted(town["成绩"]) == sorted(scores)
    row = unit_report(cadres, policy).set_index("单位").loc["城关镇"]
    assert row["优秀人数"] == excellent
    assert row["平均分"] == pytest.approx(round(sum(scores) / 3, 2))
    assert (row["最高分"], row["最低分"]) == (max(scores), min(scores))


def test_session_rules_set_the_default_counting(known: Known) -> None:
    last = ReportPolicy.from_rules({"counting": "last", "pass_mark": 80})
    assert last.counting == "last" and last.pass_mark == 80
    overridden = ReportPolicy.from_rules({"counting": "last"}, counting="first")
    assert overridden.counting == "first"


def test_absent_and_failed_lists(known: Known) -> None:
    with_makeup = cadre_report(known.data(), ReportPolicy())
    assert list(absent_list(with_makeup)["编号"]) == ["c04"]
    assert list(failed_list(with_makeup)["编号"]) == ["c09"]
    without = cadre_report(known.data(), ReportPolicy(include_makeup=False))
    assert sorted(absent_list(without)["编号"]) == ["c04", "c10"]
    failed = failed_list(without)
    assert list(failed["编号"]) == ["c03", "c09"]
    assert list(failed["成绩"]) == [50.0, 40.0]


def test_one_unit_read_alone_has_the_figures_of_the_whole_report(known: Known) -> None:
    """ReportScope(unit=…) reads only that unit and its sub-units (a unit's report at county scale),
    and every figure of those cadres is the one the whole report gives them."""
    from quizkit.reports import ReportScope, build_reports

    session = known.sessions["2026-exam"]
    whole = build_reports(known.store, known.settings, ReportScope(session_id=session))
    alone = build_reports(
        known.store, known.settings, ReportScope(session_id=session, unit="城关镇")
    )
    assert set(alone.cadres["单位"]) == {"城关镇", "城关镇司法所"}
    expected = whole.cadres[whole.cadres["单位"].isin(["城关镇", "城关镇司法所"])]
    columns = [c for c in expected.columns if c != "总排名"]  # ranks over the county differ
    pd.testing.assert_frame_equal(
        alone.cadres[columns].reset_index(drop=True), expected[columns].reset_index(drop=True)
    )
    rows = whole.units.set_index("单位").loc[["城关镇", "城关镇司法所"]].drop(columns="排名")
    pd.testing.assert_frame_equal(
        alone.units.set_index("单位").loc[["城关镇", "城关镇司法所"]].drop(columns="排名"), rows
    )
    assert alone.scope.label().endswith("（城关镇）")
