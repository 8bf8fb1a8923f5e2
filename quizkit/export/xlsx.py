"""The one Excel writer for plain tables: the trainers' bank template and the roster (XlsxWriter).

quizkit writes every .xlsx with XlsxWriter (this module, and the report workbook in ``workbook.py``);
openpyxl is used only to *read* workbooks (``quizkit.interop.sheet``), because XlsxWriter cannot read.
``.importlinter`` states it: only ``quizkit.export`` imports xlsxwriter, only ``quizkit.interop.sheet``
imports openpyxl.

Callers hand plain data: a sheet's headers (text, width, a note shown on hover), its rows, and drop-down
lists by column. Text is always written as text — a cell starting with ``=`` stays what was typed, never
a formula — and the file is written whole through a temporary file (``quizkit.atomicfile``).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import xlsxwriter

from quizkit.atomicfile import write_bytes
from quizkit.errors import QuizkitError

MAX_CELL = 32767  # Excel's limit for the text of one cell
MAX_LIST = 255  # Excel's limit for an inline drop-down list ("a,b,c")
HEADER_FILL = "#DDEBF7"


@dataclass(frozen=True)
class Header:
    text: str
    width: float = 12
    note: str = ""


@dataclass(frozen=True)
class DropDown:
    """A drop-down list on one column (0-based), from the second row down to ``last_row`` (1-based)."""

    column: int
    values: tuple[str, ...]
    last_row: int = 2000
    error: str = "请从下拉列表中选择"


@dataclass(frozen=True)
class PlainSheet:
    name: str
    headers: Sequence[Header] = ()
    rows: Sequence[Sequence[Any]] = ()
    drop_downs: Sequence[DropDown] = ()
    as_text: bool = False  # every value written as text (ids such as 001 stay 001)


def list_fits(values: Sequence[str]) -> bool:
    """Whether a drop-down list is short enough to be written inline."""
    return len(",".join(values)) <= MAX_LIST


def _cell(
    sheet: Any, row: int, column: int, value: Any, formats: dict[str, Any], text: bool
) -> None:
    if value is None or value == "":
        return
    if isinstance(value, int | float) and not isinstance(value, bool) and not text:
        sheet.write_number(row, column, value)
        return
    shown = str(value)
    if len(shown) > MAX_CELL:
        raise QuizkitError(
            f"sheet {sheet.name}, row {row + 1}, column {column + 1}: {len(shown)} characters; "
            f"an Excel cell holds at most {MAX_CELL}",
            hint="shorten the text, or export to YAML instead",
        )
    wrap = formats["wrap"] if "\n" in shown else None
    sheet.write_string(row, column, shown, wrap)


def _sheet(book: Any, spec: PlainSheet, formats: dict[str, Any]) -> None:
    sheet = book.add_worksheet(spec.name)
    for column, header in enumerate(spec.headers):
        sheet.write_string(0, column, header.text, formats["header"])
        sheet.set_column(column, column, header.width)
        if header.note:
            sheet.write_comment(0, column, header.note, {"author": "quizkit"})
    if spec.headers:
        sheet.freeze_panes(1, 0)
    start = 1 if spec.headers else 0
    for number, values in enumerate(spec.rows, start=start):
        for column, value in enumerate(values):
            _cell(sheet, number, column, value, formats, spec.as_text)
    for down in spec.drop_downs:
        if not list_fits(down.values):
            raise QuizkitError(
                f"sheet {spec.name}: drop-down list longer than {MAX_LIST} characters"
            )
        sheet.data_validation(
            1,
            down.column,
            down.last_row - 1,
            down.column,
            {"validate": "list", "source": list(down.values), "error_message": down.error},
        )


def write_plain_workbook(path: Path, sheets: Sequence[PlainSheet]) -> Path:
    """Write ``sheets`` (in order) to ``path``, whole or not at all."""
    buffer = io.BytesIO()
    book = xlsxwriter.Workbook(buffer, {"in_memory": True, "strings_to_formulas": False})
    formats = {
        "header": book.add_format({"bold": True, "bg_color": HEADER_FILL}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
    }
    for spec in sheets:
        _sheet(book, spec, formats)
    book.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_bytes(path, buffer.getvalue())


__all__ = ["DropDown", "Header", "PlainSheet", "list_fits", "write_plain_workbook"]
