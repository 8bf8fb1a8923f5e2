"""The appraisal workbook (.xlsx, XlsxWriter): one sheet per report, optionally one per unit.

Every sheet has a title row (course, scope, date), a frozen header row, columns fitted to their
contents, number formats for rates (0.0%) and scores (0.0), and yes/no as 是/否. Unit sheets end with
the signature block the office signs and stamps (单位负责人签字 / 盖章 / 日期).

Speed (the appraisal workbook of 20,000 cadres): XlsxWriter writes titles, headers, formats, widths,
frozen panes, print setup and the signature block; the table body is rendered column by column as one
block of sheet XML with numpy/pandas string operations (:class:`BlockSheet`) instead of one
``write_*`` call and one XML element written per cell — the same cells, formats (XlsxWriter's own
style indexes) and shared strings, measured in benchmarks/export.py. XlsxWriter's constant-memory
mode measured slower than this, and slower than its default mode, on these repetitive columns.
Every figure is formatted once per distinct value of its column (a column of 20,000 scores has a few
dozen), widths come from those distinct values, and the shared strings (20,000 names and ids) are
written in one pass where they need no escaping (:class:`_Strings`) — the same bytes as XlsxWriter's.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import xlsxwriter
from xlsxwriter.packager import Packager
from xlsxwriter.sharedstrings import SharedStrings
from xlsxwriter.utility import xl_col_to_name
from xlsxwriter.worksheet import Worksheet

from quizkit.atomicfile import write_bytes
from quizkit.export.formatting import is_missing, plain_date
from quizkit.reports import ReportSet

RATE_COLUMNS = {"参考率", "合格率", "优秀率", "练习正确率", "正确率", "得分率"}
DECIMAL_COLUMNS = {"成绩", "平均分", "最高分", "最低分", "学时"}
YES_NO_COLUMNS = {"合格", "补考", "是否合格"}
SIGNATURE = ("单位负责人签字：", "盖章：", "日期：")
HEADER_ROW = 2
PAPER_A4 = 9  # XlsxWriter's paper index for A4
PAGE_FOOTER = "&C第 &P 页 共 &N 页"
MAX_WIDTH = 48


@dataclass(frozen=True)
class SheetSpec:
    name: str
    frame: pd.DataFrame
    signature: bool = False
    note: str | None = None


def sheet_name(text: str, used: set[str]) -> str:
    """An Excel-safe, unique sheet name (≤ 31 characters, no []:*?/\\)."""
    base = re.sub(r"[\[\]:*?/\\]", "_", text).strip("'") or "Sheet"
    name, counter = base[:31], 2
    while name.lower() in used:
        suffix = f"_{counter}"
        name, counter = base[: 31 - len(suffix)] + suffix, counter + 1
    used.add(name.lower())
    return name


def display_width(value: Any) -> int:
    text = "" if is_missing(value) else str(value)
    return sum(2 if ord(char) > 0x2E7F else 1 for char in text)


def _display_widths(texts: list[str]) -> np.ndarray:
    """:func:`display_width` of many texts at once: characters, plus one for each wide one."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    if not texts:
        return lengths
    points = np.array(texts, dtype=str)  # fixed-width UTF-32; padding is 0, never wide
    wide = (points.view(np.uint32).reshape(len(texts), -1) > 0x2E7F).sum(axis=1)
    widths: np.ndarray = lengths + wide
    return widths


@dataclass(frozen=True)
class Column:
    """One column of a table body: numbers (float64, NaN where missing) or texts (factorised: codes
    into ``texts``, -1 where missing). Numbers are factorised too (``codes`` into ``distinct``)."""

    numbers: np.ndarray | None
    codes: np.ndarray
    texts: list[str]
    distinct: np.ndarray | None = None

    @property
    def missing(self) -> np.ndarray:
        return self.codes < 0


def column_cells(name: str, values: pd.Series) -> Column:
    """A frame column as the workbook shows it: 是/否 for yes/no columns, numbers, or text."""
    missing = values.isna().to_numpy()
    if name in YES_NO_COLUMNS or pd.api.types.is_bool_dtype(values):
        yes = values.fillna(False).astype(bool).to_numpy()
        return Column(None, np.where(missing, -1, np.where(yes, 0, 1)), ["是", "否"])
    if pd.api.types.is_numeric_dtype(values):
        numbers = values.astype("float64").to_numpy(na_value=np.nan)
        codes, distinct = pd.factorize(numbers, use_na_sentinel=True)
        return Column(numbers, codes, [], np.asarray(distinct, dtype=np.float64))
    if pd.api.types.is_string_dtype(values) and not pd.api.types.is_object_dtype(values):
        codes, uniques = pd.factorize(values, use_na_sentinel=True)  # texts already
        return Column(None, codes, [str(value) for value in uniques.tolist()])
    texts = values.astype(object).where(~missing, None).map(str, na_action="ignore")
    codes, uniques = pd.factorize(texts, use_na_sentinel=True)
    return Column(None, codes, [str(text) for text in uniques])


def _width(title: str, column: Column) -> int:
    if column.distinct is not None:
        shown = [len("%.1f" % value) for value in column.distinct]  # noqa: UP031 - as np.char.mod
        longest = max(shown, default=0)
    else:
        used = np.unique(column.codes[column.codes >= 0])
        texts = [column.texts[code] for code in used]
        longest = int(_display_widths(texts).max()) if texts else 0
    return max(display_width(title), longest)


def _cell_tails(sheet: Worksheet, column: Column, xf: int) -> np.ndarray:
    """What follows each cell's reference in its ``<c>`` element (object array): the style and
    the value, or the style alone for a blank; built once per distinct value. Numbers are written
    as XlsxWriter writes them (``%.16G``); a -0.0, which factorising merges with 0.0, cell by cell."""
    blank = f'" s="{xf}"/>'
    if column.numbers is not None and bool(
        np.any((column.numbers == 0) & np.signbit(column.numbers))
    ):
        values = np.char.mod("%.16G", np.nan_to_num(column.numbers)).astype(object)
        tails: np.ndarray = np.where(column.missing, blank, f'" s="{xf}"><v>' + values + "</v></c>")
        return tails
    if column.distinct is not None:
        shown = ["%.16G" % value for value in column.distinct]  # noqa: UP031 - as np.char.mod
        distinct = [f'" s="{xf}"><v>{text}</v></c>' for text in shown]
    else:
        shared = [sheet.str_table._get_shared_string_index(text) for text in column.texts]
        distinct = [f'" s="{xf}" t="s"><v>{index}</v></c>' for index in shared]
    found: np.ndarray = np.array([*distinct, blank], dtype=object)[column.codes]  # -1: blank
    return found


class BlockSheet(Worksheet):  # type: ignore[misc]
    """A worksheet whose table body is one pre-rendered block of ``<row>`` elements (see the module
    docstring); XlsxWriter writes every other row, and everything else, as usual."""

    def __init__(self) -> None:
        super().__init__()
        self.block: tuple[int, int, str] | None = None  # first row, last row (0-based), XML

    def write_block(
        self, first_row: int, columns: Sequence[Column], formats: Sequence[Any]
    ) -> None:
        """Cells of ``columns`` from ``first_row`` down, each column with its format."""
        count = len(columns[0].codes)
        if count == 0:
            return
        tails = [
            _cell_tails(self, column, fmt._get_xf_index())
            for column, fmt in zip(columns, formats, strict=True)
        ]
        # one template per row: <row r="N"><c r="AN…tail…<c r="BN…tail…</row>
        cells = "".join(f'<c r="{xl_col_to_name(k)}{{0}}{{{k + 1}}}' for k in range(len(columns)))
        template = '<row r="{0}">' + cells + "</row>"
        numbers = range(first_row + 1, first_row + count + 1)
        self.block = (
            first_row,
            first_row + count - 1,
            "".join(map(template.format, numbers, *tails)),
        )
        self._check_dimensions(first_row + count - 1, len(columns) - 1)

    def _write_rows(self) -> None:
        if self.block is None:
            super()._write_rows()
            return
        first, last, xml = self.block
        low: int = getattr(self, "dim_rowmin")  # noqa: B009 - XlsxWriter leaves them untyped
        high: int = getattr(self, "dim_rowmax")  # noqa: B009
        try:
            self.dim_rowmax = first - 1
            if first > low:
                super()._write_rows()
            self.fh.write(xml)
            if last < high:
                self.dim_rowmin, self.dim_rowmax = last + 1, high
                super()._write_rows()
        finally:
            self.dim_rowmin, self.dim_rowmax = low, high


_NEEDS_ESCAPING = re.compile(r'["&<>\n\x00-\x08\x0b-\x1f\ufffe\uffff]|_x[0-9a-fA-F]{4}_|^\s|\s$')


class _Strings(SharedStrings):  # type: ignore[misc]
    """sharedStrings.xml as XlsxWriter writes it, with the strings that need no escaping, no
    whitespace attribute and no rich text (all of a roster's names and ids) written in one join
    instead of one escaping pass each."""

    def _write_sst_strings(self) -> None:
        pending: list[str] = []
        for string in self.string_table.string_array:
            if _NEEDS_ESCAPING.search(string) is None:
                pending.append(string)
                continue
            self.fh.write("".join(f"<si><t>{text}</t></si>" for text in pending))
            pending.clear()
            self._write_si(string)
        self.fh.write("".join(f"<si><t>{text}</t></si>" for text in pending))


class _Packager(Packager):  # type: ignore[misc]
    def _write_shared_strings_file(self) -> None:
        if not self.workbook.str_table.count:
            return
        strings = _Strings()
        strings.string_table = self.workbook.str_table
        strings._set_xml_writer(self._filename("xl/sharedStrings.xml"))
        strings._assemble_xml_file()


class _Book(xlsxwriter.Workbook):  # type: ignore[misc]
    def _get_packager(self) -> Packager:
        return _Packager()


def print_setup(sheet: Any, *, last_row: int, last_column: int) -> None:
    """Printed, signed and stamped: A4 landscape, one page wide, the title and header rows on every
    page, 第 N 页 共 M 页 in the footer, and a print area that ends with the signature block, so the
    block is the end of the last page (never a page of its own before the table ends)."""
    sheet.set_paper(PAPER_A4)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)  # one page wide, as many pages tall as the rows need
    sheet.repeat_rows(0, HEADER_ROW)
    sheet.set_footer(PAGE_FOOTER)
    sheet.print_area(0, 0, max(last_row, HEADER_ROW), last_column)


class WorkbookWriter:
    """Writes sheets into one .xlsx file with the shared formats."""

    def __init__(self, path: Path, title: str) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path, self._buffer = path, io.BytesIO()  # written whole on close (atomicfile)
        self.book = _Book(self._buffer, {"in_memory": True})
        self.title = title
        self.used: set[str] = set()
        add = self.book.add_format
        base = {"font_name": "宋体", "font_size": 11, "valign": "vcenter"}
        self.formats = {
            "title": add({**base, "bold": True, "font_size": 14}),
            "header": add(
                {**base, "bold": True, "bg_color": "#E7E6E6", "border": 1, "align": "center"}
            ),
            "text": add({**base, "border": 1}),
            "rate": add({**base, "border": 1, "num_format": "0.0%"}),
            "decimal": add({**base, "border": 1, "num_format": "0.0"}),
            "integer": add({**base, "border": 1, "num_format": "0"}),
            "note": add({**base, "font_size": 9, "font_color": "#555555"}),
            "sign": add({**base, "font_size": 12}),
        }

    def _format(self, column: str, values: pd.Series) -> Any:
        if column in RATE_COLUMNS:
            return self.formats["rate"]
        if column in DECIMAL_COLUMNS:
            return self.formats["decimal"]
        if pd.api.types.is_integer_dtype(values) and not pd.api.types.is_bool_dtype(values):
            return self.formats["integer"]
        return self.formats["text"]

    def add_sheet(self, spec: SheetSpec, subtitle: str) -> str:
        name = sheet_name(spec.name, self.used)
        sheet = self.book.add_worksheet(name, worksheet_class=BlockSheet)
        frame = spec.frame
        columns = [str(column) for column in frame.columns]
        sheet.write(0, 0, f"{self.title}　{spec.name}", self.formats["title"])
        sheet.write(1, 0, subtitle, self.formats["note"])
        sheet.write_row(HEADER_ROW, 0, columns, self.formats["header"])
        formats = [self._format(column, frame[column]) for column in columns]
        prepared = [
            column_cells(column, values)
            for column, values in zip(
                columns, (frame.iloc[:, i] for i in range(len(columns))), strict=True
            )
        ]
        widths = [_width(column, cells) for column, cells in zip(columns, prepared, strict=True)]
        if columns:
            sheet.write_block(HEADER_ROW + 1, prepared, formats)
        for index, width in enumerate(widths):
            sheet.set_column(index, index, min(width + 2, MAX_WIDTH))
        sheet.freeze_panes(HEADER_ROW + 1, 0)
        last = self._footer(sheet, spec, HEADER_ROW + len(frame) + 2)
        last_column = max(len(columns) - 1, 3 * (len(SIGNATURE) - 1) if spec.signature else 0)
        print_setup(sheet, last_row=last, last_column=last_column)
        return name

    def _footer(self, sheet: Any, spec: SheetSpec, row: int) -> int:
        """The policy note and signature block below the table; returns the last row used."""
        last = row - 2  # the table's last row
        if spec.note:
            sheet.write(row, 0, spec.note, self.formats["note"])
            last, row = row, row + 2
        if spec.signature:
            for index, label in enumerate(SIGNATURE):
                sheet.write(row, index * 3, label, self.formats["sign"])
            sheet.set_row(row, 30)
            last = row
        return last

    def close(self) -> None:
        self.book.close()
        write_bytes(self.path, self._buffer.getvalue())


def report_sheets(reports: ReportSet) -> list[SheetSpec]:
    """The sheets of the appraisal workbook, in reading order."""
    note = reports.policy.describe()
    sheets = [
        SheetSpec("单位汇总", reports.units, signature=True, note=note),
        SheetSpec("人员成绩", reports.cadres, note=note),
        SheetSpec("未参考人员", reports.absent),
        SheetSpec("不合格人员", reports.failed),
        SheetSpec("法律正确率", reports.laws),
        SheetSpec("标签正确率", reports.tags),
    ]
    if not reports.years.empty:
        sheets.append(SheetSpec("学法档案", reports.years))
    return sheets


def unit_sheet(reports: ReportSet, unit: str) -> SheetSpec:
    return SheetSpec(unit, reports.for_unit(unit), signature=True, note=reports.policy.describe())


def write_workbook(
    reports: ReportSet,
    path: Path,
    *,
    sheets: Sequence[SheetSpec] | None = None,
    units: Iterable[str] = (),
) -> Path:
    """Write ``sheets`` (default: every report) and one sheet per unit in ``units``."""
    writer = WorkbookWriter(path, reports.title)
    subtitle = f"{reports.scope.label()}　{reports.issuing_body}　制表日期：{plain_date(reports.generated_on)}"
    try:
        for spec in sheets if sheets is not None else report_sheets(reports):
            writer.add_sheet(spec, subtitle)
        for unit in units:
            writer.add_sheet(unit_sheet(reports, unit), subtitle)
    finally:
        writer.close()
    return path


__all__ = [
    "BlockSheet",
    "Column",
    "SheetSpec",
    "WorkbookWriter",
    "column_cells",
    "report_sheets",
    "sheet_name",
    "unit_sheet",
    "write_workbook",
]
