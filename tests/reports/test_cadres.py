"""The per-cadre table of the known store: study, practice, counted result, band, ranks."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

from quizkit.bank import Bank, Course
from quizkit.reports import CADRE_REPORT_COLUMNS, ReportPolicy, cadre_report, lesson_plan
from tests.reports.conftest import Known

# 编号: 完成课程, 学时, 练习题数, 练习正确率, 考试次数, 成绩, 等级, 合格, 补考, 考试状态, 免考原因, 单位排名, 总排名
EXPECTED: dict[str, tuple[Any, ...]] = {
    "c01": (3, 4.0, 3, 2 / 3, 2, 95.0, "优秀", True, False, "已参考", "", 1, 2),
    "c02": (1, 2.0, 1, 1.0, 2, 88.0, "良好", True, False, "已参考", "", 2, 3),
    "c03": (0, 0.0, 0, None, 2, 75.0, "合格", True, True, "已参考", "", 3, 5),
    "c04": (0, 0.0, 0, None, 0, None, None, None, False, "未参考", "", None, None),
    "c05": (0, 0.0, 0, None, 0, None, None, None, False, "免考", "退休", None, None),
    "c06": (0, 0.0, 0, None, 1, 60.0, "合格", True, False, "已参考", "", 1, 6),
    "c07": (0, 0.0, 0, None, 1, 90.0, "优秀", True, False, "免考", "长期病假", None, None),
    "c08": (0, 0.0, 0, None, 1, 100.0, "优秀", True, False, "已参考", "", 1, 1),
    "c09": (0, 0.0, 0, None, 1, 40.0, "不合格", False, False, "已参考", "", 3, 7),
    "c10": (0, 0.0, 0, None, 1, 80.0, "良好", True, True, "已参考", "", 2, 4),
}
TRACK_COLUMNS = ["学习路径", "必修已修学时", "必修应修学时"]  # tests/reports/test_tracks.py
FIGURES = [column for column in CADRE_REPORT_COLUMNS[4:] if column not in TRACK_COLUMNS]


def _same(got: Any, want: Any) -> bool:
    if want is None:
        return bool(pd.isna(got))
    if isinstance(want, float):
        return not pd.isna(got) and math.isclose(float(got), want, abs_tol=1e-9)
    return bool(got == want)


def test_every_figure_of_every_cadre(known: Known, bank: Bank, course: Course) -> None:
    table = cadre_report(
        known.data(), ReportPolicy(), plan=lesson_plan(course, bank), hours=course.hours
    )
    assert list(table.columns) == CADRE_REPORT_COLUMNS
    assert sorted(table["编号"]) == sorted(EXPECTED)  # c11 (inactive, no exam) is not listed
    for _, row in table.iterrows():
        for column, want in zip(FIGURES, EXPECTED[row["编号"]], strict=True):
            assert _same(row[column], want), (row["编号"], column, row[column], want)


def test_names_units_positions_and_order(known: Known) -> None:
    table = cadre_report(known.data(), ReportPolicy())
    first = table.iloc[0]
    assert (first["编号"], first["姓名"], first["单位"], first["职务"]) == (
        "c01",
        "张伟",
        "城关镇",
        "镇长",
    )
    town = table[table["单位"] == "城关镇"]["编号"].tolist()
    assert town[:3] == ["c01", "c02", "c03"]  # ranked first, then those without a rank


def test_without_course_no_lessons_are_counted(known: Known) -> None:
    table = cadre_report(known.data(), ReportPolicy()).set_index("编号")
    assert table.loc["c01", "完成课程"] == 0
    assert table.loc["c01", "学时"] == 0.0


def test_pass_mark_from_policy_moves_bands_and_passes(known: Known) -> None:
    strict = ReportPolicy(pass_mark=80)
    table = cadre_report(known.data(), strict).set_index("编号")
    assert not table.loc["c03", "合格"]  # 75 < 80
    assert table.loc["c10", "合格"]  # 80 ≥ 80


def test_unfinished_attempt_past_its_deadline_counts(known: Known) -> None:
    data = known.data()
    attempts = data.attempts.copy()
    open_row = (attempts["cadre_id"] == "c04") & (attempts["status"] == "open")
    attempts.loc[open_row, "deadline_at"] = pd.Timestamp("2000-01-01", tz="UTC")
    table = cadre_report(
        type(data)(data.cadres, data.units, attempts, data.answers, data.sessions), ReportPolicy()
    ).set_index("编号")
    assert table.loc["c04", "考试状态"] == "已参考"
    assert table.loc["c04", "成绩"] == 0.0  # time ran out with nothing saved
