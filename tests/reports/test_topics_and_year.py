"""Accuracy per law and per tag, and the year view (学法档案), on the known store."""

from __future__ import annotations

import pandas as pd
import pytest

from quizkit.bank import Bank, Course
from quizkit.reports import (
    YEAR_REPORT_COLUMNS,
    ReportPolicy,
    law_report,
    lesson_plan,
    question_index,
    tag_report,
    year_report,
)
from tests.reports.conftest import Known


def test_law_accuracy_of_practice(known: Known, bank: Bank) -> None:
    table = law_report(known.data(), question_index(bank), kinds=("practice",))
    assert list(table.columns) == [
        "法律",
        "题数",
        "作答人数",
        "作答次数",
        "答对次数",
        "正确率",
        "得分率",
    ]
    rows = table.set_index("法律")
    assert list(rows.index) == ["行政许可法", "行政处罚法"]  # weakest first
    assert tuple(rows.loc["行政许可法", ["题数", "作答人数", "作答次数", "答对次数"]]) == (
        2,
        2,
        3,
        2,
    )
    assert rows.loc["行政许可法", "正确率"] == pytest.approx(2 / 3)
    assert rows.loc["行政许可法", "得分率"] == pytest.approx(2 / 3)
    assert tuple(rows.loc["行政处罚法", ["题数", "作答人数", "作答次数", "答对次数"]]) == (
        1,
        1,
        1,
        1,
    )


def test_law_accuracy_of_exams(known: Known, bank: Bank) -> None:
    """2026 exam attempts (10 full papers incl. 补考, and c06's six answers, latest rows only).

    Each paper's scores run 10, 10, … down the list xk-1…xk-5, cf-1…cf-5 (see known.spread), so 行政许可法
    is missed only by the 40; 行政处罚法 earns each score above 50.
    """
    table = law_report(known.data(), question_index(bank), kinds=("exam",))
    assert list(table["法律"]) == ["行政处罚法", "行政许可法"]  # weakest first
    rows = table.set_index("法律")
    assert tuple(rows.loc["行政许可法", ["题数", "作答人数", "作答次数", "答对次数"]]) == (
        5,
        8,
        55,
        54,
    )
    assert rows.loc["行政许可法", "得分率"] == pytest.approx(540 / 550)
    assert tuple(rows.loc["行政处罚法", ["题数", "作答人数", "作答次数", "答对次数"]]) == (
        5,
        8,
        51,
        27,
    )
    assert rows.loc["行政处罚法", "正确率"] == pytest.approx(27 / 51)
    assert rows.loc["行政处罚法", "得分率"] == pytest.approx(293 / 510)


def test_tag_accuracy(known: Known, bank: Bank) -> None:
    table = tag_report(known.data(), question_index(bank), kinds=("practice",)).set_index("标签")
    assert table.loc["期限", "正确率"] == pytest.approx(2 / 3)
    assert table.loc["程序", "正确率"] == pytest.approx(1.0)


def test_unknown_questions_are_grouped(known: Known) -> None:
    empty = pd.DataFrame(columns=["question_id", "law", "tags"])
    table = law_report(known.data(), empty, kinds=("practice",))
    assert list(table["法律"]) == ["未知"]
    assert table.iloc[0]["作答次数"] == 4


def test_year_view(known: Known, bank: Bank, course: Course) -> None:
    table = year_report(
        known.data(session=None),
        ReportPolicy(),
        plan=lesson_plan(course, bank),
        hours=course.hours,
    )
    assert list(table.columns) == YEAR_REPORT_COLUMNS
    years = sorted(set(table["年度"]))
    assert years[0] == 2025 and len(years) == 2  # 2025-exam, and this year's activity
    old = table[table["年度"] == 2025].set_index("编号")
    assert len(old) == 10  # every cadre on the roster, every year
    assert old.loc["c01", "成绩"] == 55.0 and old.loc["c01", "等级"] == "不合格"
    assert old.loc["c01", "学时"] == 0.0
    assert old.loc["c02", "考试状态"] == "未参考"
    assert old.loc["c05", "考试状态"] == "免考"
    new = table[table["年度"] == years[1]].set_index("编号")
    assert new.loc["c01", "成绩"] == 95.0 and new.loc["c01", "学时"] == 4.0
    assert new.loc["c01", "完成课程"] == 3
