"""The printable score sheet's content (成绩汇总表): rows of text cells built from a ReportSet.

The template only lays the cells out; everything a reader sees is decided here, once, so the HTML,
the PDF and the workbook agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from quizkit.export.formatting import number, percent, plain_date, yes_no
from quizkit.reports import ReportSet
from quizkit.reports.cadres import STATUS_ABSENT, STATUS_EXEMPT
from quizkit.reports.units import TOTAL_LABEL

SHEET_COLUMNS = ["序号", "姓名", "职务", "学时", "成绩", "等级", "是否合格", "单位排名", "备注"]
RESULT_COLUMN = 5  # 1-based position of 成绩, highlighted when failed
RATE_COLUMNS = ("参考率", "合格率", "优秀率")
SCORE_COLUMNS = ("平均分", "最高分", "最低分")


@dataclass(frozen=True)
class SheetRow:
    cells: list[str]
    failed: bool


@dataclass(frozen=True)
class UnitSheet:
    unit: str
    figures: list[tuple[str, str]]
    columns: list[str]
    rows: list[SheetRow]
    result_column: int = RESULT_COLUMN


@dataclass(frozen=True)
class Table:
    columns: list[str]
    rows: list[list[str]]


def _remark(row: pd.Series) -> str:
    if row["考试状态"] == STATUS_EXEMPT:
        return f"免考（{row['免考原因']}）" if row["免考原因"] else "免考"
    if row["考试状态"] == STATUS_ABSENT:
        return "未参考"
    return "补考" if bool(row["补考"]) else ""


def _sheet_rows(cadres: pd.DataFrame) -> list[SheetRow]:
    rows = []
    for position, (_, row) in enumerate(cadres.iterrows(), start=1):
        passed = row["合格"]
        failed = not pd.isna(passed) and not bool(passed)
        rank = "" if pd.isna(row["单位排名"]) else str(int(row["单位排名"]))
        cells = [
            str(position),
            str(row["姓名"]),
            str(row["职务"]),
            number(row["学时"]),
            number(row["成绩"]),
            "" if pd.isna(row["等级"]) else str(row["等级"]),
            yes_no(passed),
            rank,
            _remark(row),
        ]
        rows.append(SheetRow(cells, failed))
    return rows


def format_cell(column: str, value: Any) -> str:
    """A unit-table value as printed: rates as %, scores without .0, counts as integers."""
    if column in RATE_COLUMNS:
        return percent(value)
    if column in SCORE_COLUMNS:
        return number(value)
    if column == "排名":
        return "" if pd.isna(value) else str(int(value))
    return str(value) if not isinstance(value, float) else number(value)


def _figures(unit_row: pd.Series) -> list[tuple[str, str]]:
    names = ["应考人数", "实考人数", "参考率", "合格人数", "合格率", "优秀率", "平均分", "排名"]
    return [(name, format_cell(name, unit_row[name])) for name in names]


def unit_sheet(reports: ReportSet, unit: str) -> UnitSheet:
    units = reports.units.set_index("单位")
    figures = _figures(units.loc[[unit]].iloc[0]) if unit in units.index else []
    return UnitSheet(unit, figures, SHEET_COLUMNS, _sheet_rows(reports.for_unit(unit)))


def summary_table(reports: ReportSet) -> Table:
    rows = [
        [format_cell(column, row[column]) for column in reports.units.columns]
        for _, row in reports.units.iterrows()
    ]
    return Table(list(reports.units.columns), rows)


def scoresheet_context(
    reports: ReportSet, units: list[str] | None = None, *, summary: bool | None = None
) -> dict[str, Any]:
    """The template data for the sheets of ``units`` (all units by default, with a summary page)."""
    chosen = units if units is not None else reports.unit_names()
    chosen = [unit for unit in chosen if unit != TOTAL_LABEL]
    with_summary = summary if summary is not None else units is None
    return {
        "title": f"{reports.title}考试参考人员成绩汇总表",
        "scope": reports.scope.label(),
        "issuing_body": reports.issuing_body,
        "generated_on": reports.generated_on,
        "generated_text": plain_date(reports.generated_on),
        "policy": reports.policy.describe(),
        "summary": summary_table(reports) if with_summary else None,
        "sheets": [unit_sheet(reports, unit) for unit in chosen],
    }


__all__ = ["SHEET_COLUMNS", "SheetRow", "Table", "UnitSheet", "format_cell", "scoresheet_context"]
