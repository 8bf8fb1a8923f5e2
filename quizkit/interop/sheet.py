"""Tables from spreadsheets and CSV: find the header row, map headers to fields, read the rows.

Trainers' files have title rows above the header ("城关镇干部名单", merged across the page), blank rows,
and merged cells. A cell merged down one column (one 单位 for several people) is read as that value in every
row, where the column allows it; any other merge inside the table is reported with its range, since it
hides which row a value belongs to.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from openpyxl.utils import get_column_letter

from quizkit.csvsafe import restore
from quizkit.errors import ImportFormatError
from quizkit.interop.source import (
    SourceProblem,
    Where,
    cell_text,
    control_character,
    control_message,
)

HEADER_SEARCH_ROWS = 20


@dataclass(frozen=True)
class Merge:
    """A merged range, 1-based and inclusive."""

    min_row: int
    min_col: int
    max_row: int
    max_col: int

    def __str__(self) -> str:
        start = f"{get_column_letter(self.min_col)}{self.min_row}"
        return f"{start}:{get_column_letter(self.max_col)}{self.max_row}"


@dataclass
class Row:
    number: int
    values: dict[str, Any]
    where: Where


@dataclass
class Table:
    file: str
    sheet: str | None
    header_row: int
    columns: dict[str, int] = field(default_factory=dict)  # field → 1-based column
    headers: dict[str, str] = field(default_factory=dict)  # field → header text
    unknown: list[str] = field(default_factory=list)
    rows: list[Row] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)
    bad_rows: set[int] = field(default_factory=set)  # rows inside a reported merge

    def where(self, row: int, name: str | None = None) -> Where:
        column = None
        if name is not None and name in self.columns:
            column = f"{get_column_letter(self.columns[name])} ({self.headers[name]})"
        return Where(self.file, sheet=self.sheet, row=row, column=column)


def _header_row(grid: Sequence[Sequence[Any]], resolve: Callable[[str], str | None]) -> int | None:
    for index, values in enumerate(grid[:HEADER_SEARCH_ROWS]):
        if sum(1 for value in values if resolve(cell_text(value))) >= 2:
            return index
    return None


def read_table(
    grid: Sequence[Sequence[Any]],
    *,
    file: str,
    sheet: str | None,
    resolve: Callable[[str], str | None],
    fill_down: Collection[str] = (),
    merges: Sequence[Merge] = (),
) -> Table:
    """Rows below the header as {field: value}; ``resolve`` maps a header text to a field (or None)."""
    found = _header_row(grid, resolve)
    if found is None:
        place = f"sheet {sheet}" if sheet else "the file"
        raise ImportFormatError(
            f"no header row found in the first {HEADER_SEARCH_ROWS} rows of {place}",
            file=file,
            hint="the table needs a header row naming its columns (e.g. 姓名, 单位 / 题型, 题干); "
            "map other headers with --map",
        )
    table = Table(file, sheet, found + 1)
    for column, value in enumerate(grid[found], start=1):
        header = cell_text(value)
        name = resolve(header)
        if name and name not in table.columns:
            table.columns[name], table.headers[name] = column, header
        elif header:
            table.unknown.append(header)
    filled = _apply_merges(grid, table, merges, fill_down)
    for index in range(found + 1, len(grid)):
        own = {name: _at(grid[index], column) for name, column in table.columns.items()}
        if not any(cell_text(value) for value in own.values()):
            continue  # a blank row (a value merged down into it does not count)
        values = {
            name: filled.get((index + 1, column), own[name])
            for name, column in table.columns.items()
        }
        _refuse_controls(table, index + 1, values)
        table.rows.append(Row(index + 1, values, table.where(index + 1)))
    return table


def _refuse_controls(table: Table, row: int, values: dict[str, Any]) -> None:
    """A control character (which the .xlsx export cannot write) makes the row bad, at its cell."""
    for name, value in values.items():
        char = control_character(value) if isinstance(value, str) else None
        if char is not None:
            message = control_message(table.headers[name], char)
            table.problems.append(SourceProblem(table.where(row, name), None, message))
            table.bad_rows.add(row)


def _at(values: Sequence[Any], column: int) -> Any:
    return values[column - 1] if column - 1 < len(values) else None


def _apply_merges(
    grid: Sequence[Sequence[Any]], table: Table, merges: Sequence[Merge], fill_down: Collection[str]
) -> dict[tuple[int, int], Any]:
    """Values to copy into merged cells; problems for merges that hide which row a value is for."""
    by_column = {column: name for name, column in table.columns.items()}
    filled: dict[tuple[int, int], Any] = {}
    for merge in merges:
        if merge.max_row <= table.header_row:
            continue
        names = [by_column[c] for c in range(merge.min_col, merge.max_col + 1) if c in by_column]
        if not names:
            continue
        if merge.min_col == merge.max_col and names[0] in fill_down:
            value = _at(grid[merge.min_row - 1], merge.min_col)
            for row in range(merge.min_row, merge.max_row + 1):
                filled[(row, merge.min_col)] = value
            continue
        table.bad_rows.update(range(merge.min_row, merge.max_row + 1))
        headers = "、".join(table.headers[name] for name in names)
        what = "spans several columns" if len(names) > 1 else "covers several rows"
        table.problems.append(
            SourceProblem(
                table.where(merge.min_row, names[0]),
                None,
                f"merged cells {merge} ({headers}) {what}: unmerge them and fill in every row",
            )
        )
    return filled


def load_xlsx(path: Path) -> Any:
    """The workbook (values of formulas as Excel last computed them)."""
    from openpyxl import load_workbook

    try:
        return load_workbook(path, data_only=True)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise ImportFormatError(
            f"cannot open the workbook: {error}",
            file=path.as_posix(),
            hint="save it from Excel or WPS as .xlsx (Excel 2007 or newer), then try again",
        ) from error


def pick_sheet(workbook: Any, path: Path, sheet: str | None) -> Any:
    """The named worksheet, else the first."""
    if sheet is None:
        return workbook.worksheets[0]
    if sheet not in workbook.sheetnames:
        raise ImportFormatError(
            f"no sheet named '{sheet}'",
            file=path.as_posix(),
            hint=f"the workbook has: {', '.join(workbook.sheetnames)}",
        )
    return workbook[sheet]


def sheet_grid(worksheet: Any) -> tuple[list[list[Any]], list[Merge]]:
    """(cell values row by row, merged ranges) of a worksheet."""
    grid = [list(row) for row in worksheet.iter_rows(values_only=True)]
    merges = [
        Merge(r.min_row, r.min_col, r.max_row, r.max_col) for r in worksheet.merged_cells.ranges
    ]
    return grid, merges


def csv_grid(text: str) -> list[list[str]]:
    """Rows of a CSV text. The delimiter (comma, tab or semicolon) is the one the header line uses most;
    quoting is always Excel's (``"`` doubled inside quotes): a header line has no quotes to learn it from,
    and guessing it from there read ``"张""三"`` as ``张""三``, doubling the quote on every round trip."""
    first = text.split("\n", 1)[0]
    delimiter = max(",\t;", key=first.count) if any(d in first for d in ",\t;") else ","
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    return [[restore(cell) for cell in row] for row in rows]  # our exports' ' before =, +, -, @
