"""The workbook's table body, written as one block of sheet XML, reads back cell for cell."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import openpyxl
import pandas as pd

from quizkit.export.workbook import HEADER_ROW, SheetSpec, WorkbookWriter


def test_block_cells_read_back_with_their_formats_and_blanks(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "姓名": ["张三", None, 'A&B <"引号">', "𠈌"],
            "成绩": [86.5, math.nan, 0.1 + 0.2, 1e-7],
            "合格": pd.array([True, False, None, True], dtype="boolean"),
            "练习正确率": [0.875, 1.0, math.nan, 0.0],
            "考试次数": pd.array([1, 2, None, 3], dtype="Int64"),
        }
    )
    writer = WorkbookWriter(tmp_path / "t.xlsx", "课程")
    writer.add_sheet(SheetSpec("人员", frame, signature=True, note="说明"), f"{date(2026, 1, 1)}")
    writer.close()
    sheet = openpyxl.load_workbook(tmp_path / "t.xlsx")["人员"]
    first = HEADER_ROW + 2  # 1-based row of the first body row
    body = [
        [cell.value for cell in row]
        for row in sheet.iter_rows(min_row=first, max_row=first + 3, max_col=5)
    ]
    assert body == [
        ["张三", 86.5, "是", 0.875, 1],
        [None, None, "否", 1.0, 2],
        ['A&B <"引号">', 0.3, None, None, None],  # 16 significant digits, as XlsxWriter writes
        ["𠈌", 1e-7, "是", 0.0, 3],
    ]
    assert sheet.cell(first, 2).number_format == "0.0"
    assert sheet.cell(first + 1, 2).number_format == "0.0"  # a blank keeps its column's format
    assert sheet.cell(first, 4).number_format == "0.0%"
    assert sheet.cell(first, 5).number_format == "0"
    assert sheet.cell(first, 1).border.left.style == "thin"
    assert sheet.freeze_panes == f"A{HEADER_ROW + 2}"
    assert sheet.cell(first + 5, 1).value == "说明"  # the note and the signature block follow
    assert sheet.cell(first + 7, 1).value == "单位负责人签字："
    assert sheet.max_row == first + 7


def test_shared_strings_are_the_bytes_xlsxwriter_writes() -> None:
    """The one-join writer of plain strings, mixed with strings that need escaping, whitespace kept
    or control characters, gives XlsxWriter's own sharedStrings.xml."""
    import io

    from xlsxwriter.sharedstrings import SharedStrings, SharedStringTable

    from quizkit.export.workbook import _Strings

    table = SharedStringTable()
    texts = [
        "张三",
        " 前空格",
        "后空格 ",
        "A&B",
        "<r>x</r>",
        'q"',
        "a\nb",
        "_x0041_",
        "\x01",
        "李四",
    ]
    for text in [*texts, "张三"]:
        table._get_shared_string_index(text)
    table._sort_string_data()
    written = []
    for kind in (SharedStrings, _Strings):
        strings = kind()
        strings.string_table = table
        buffer = io.StringIO()
        strings._set_xml_writer(buffer)
        strings._assemble_xml_file()
        written.append(buffer.getvalue())
    assert written[0] == written[1]


def test_numbers_written_once_per_value_keep_their_text(tmp_path: Path) -> None:
    """Numbers formatted per distinct value read back as written cell by cell, -0.0 included."""
    frame = pd.DataFrame({"成绩": [1.0, 0.5, 1.0, -0.0, math.nan, 0.1 + 0.2, 0.5]})
    writer = WorkbookWriter(tmp_path / "n.xlsx", "课程")
    writer.add_sheet(SheetSpec("人员", frame), "副标题")
    writer.close()
    sheet = openpyxl.load_workbook(tmp_path / "n.xlsx")["人员"]
    first = HEADER_ROW + 2
    values = [sheet.cell(first + k, 1).value for k in range(len(frame))]
    assert values == [1, 0.5, 1, 0, None, 0.3, 0.5]
