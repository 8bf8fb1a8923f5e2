"""`bank import` places each checker problem on its own row and column, from the problem's field."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook

from quizkit.bank.rules import MAX_QUOTE_CHARS
from quizkit.interop.bank_import import import_bank

HEADERS = {  # template column → letter in the workbook these tests write
    "编号": "A",
    "题型": "B",
    "题干": "C",
    "选项A": "D",
    "选项B": "E",
    "选项C": "F",
    "选项D": "G",
    "答案": "H",
    "解析": "I",
    "法律": "J",
    "条款": "K",
    "依据原文": "L",
    "难度": "M",
    "分值": "N",
    "案例编号": "O",
}
GOOD = {
    "题型": "单选",
    "题干": "行政许可决定的一般期限是多少日？",
    "选项A": "十日",
    "选项B": "二十日",
    "选项C": "三十日",
    "答案": "B",
    "解析": "一般为二十日。",
    "法律": "行政许可法",
    "条款": "42",
    "依据原文": "二十日内",
    "难度": 2,
}


def _workbook(path: Path, rows: list[dict[str, Any]], cases: list[list[str]] | None = None) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "题目"
    sheet.append(list(HEADERS))
    for row in rows:
        sheet.append([row.get(header) for header in HEADERS])
    if cases:
        case_sheet = workbook.create_sheet("案例")
        case_sheet.append(["案例编号", "标题", "案例材料"])
        for case in cases:
            case_sheet.append(case)
    workbook.save(path)
    return path


@pytest.mark.parametrize(
    ("bad", "column", "message"),
    [
        ({"答案": "E"}, "答案", "answer 'E' is not among the options"),
        ({"选项B": "行政 许可"}, "选项B", "a space or line break between Chinese characters"),
        ({"选项C": "行政 许可"}, "选项C", "a space or line break between Chinese characters"),
        ({"选项B": None, "答案": "A"}, "选项A", "options must be labelled A, B in order"),
        ({"条款": "84"}, "条款", "article 84 is beyond 行政许可法's 83 articles"),
        ({"依据原文": None}, "依据原文", "cite.quote is missing"),
        ({"依据原文": "期" * (MAX_QUOTE_CHARS + 1)}, "依据原文", "quote a short phrase"),
        ({"解析": None}, "解析", "the explanation is empty"),
        ({"分值": "很多"}, "分值", "points: Input should be a valid number"),
    ],
)
def test_problem_lands_on_its_row_and_column(
    tmp_path: Path, bad: dict[str, Any], column: str, message: str
) -> None:
    rows = [GOOD, {**GOOD, "题干": "第二题：期限？"}, {**GOOD, "题干": "第三题：期限？", **bad}]
    path = _workbook(tmp_path / "bank.xlsx", rows)
    result = import_bank(path)
    (problem,) = result.problems
    expected = f"{path.as_posix()}, sheet 题目, row 4, column {HEADERS[column]} ({column})"
    assert str(problem.where) == expected
    assert message in problem.message
    assert problem.item is not None and problem.item.startswith("imp-")


def test_quote_not_in_the_article_lands_on_its_cell(tmp_path: Path, laws_dir: Path) -> None:
    rows = [{**GOOD, "编号": "xk-1"}, {**GOOD, "编号": "xk-2", "依据原文": "三十日内"}]
    path = _workbook(tmp_path / "bank.xlsx", rows)
    (problem,) = import_bank(path, laws_dir=laws_dir).problems
    assert (problem.item, problem.where.row, problem.where.column) == ("xk-2", 3, "L (依据原文)")
    assert "三十日内" in problem.message


def test_case_sub_question_problem_lands_on_its_own_row(tmp_path: Path) -> None:
    rows = [
        {**GOOD, "编号": "wc-1-a", "案例编号": "wc-1"},
        {**GOOD, "编号": "wc-1-b", "案例编号": "wc-1", "难度": None, "答案": "F"},
    ]
    path = _workbook(tmp_path / "bank.xlsx", rows, cases=[["wc-1", "窗口", "某镇窗口收到申请。"]])
    (problem,) = import_bank(path).problems
    assert (problem.item, problem.where.row, problem.where.column) == ("wc-1-b", 3, "H (答案)")
