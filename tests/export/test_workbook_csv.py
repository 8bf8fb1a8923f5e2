"""The appraisal workbook opened with openpyxl, and the CSV files read back with pandas."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from quizkit.export.csvfiles import write_report_csvs
from quizkit.export.workbook import write_workbook
from quizkit.reports import CADRE_REPORT_COLUMNS, UNIT_REPORT_COLUMNS
from tests.export.conftest import COURSE_TITLE, ISSUER, Project


@pytest.fixture(scope="module")
def workbook(project: Project, tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    path = tmp_path_factory.mktemp("xlsx") / "汇总.xlsx"
    reports = project.reports()
    write_workbook(reports, path, units=reports.unit_names())
    return openpyxl.load_workbook(path)


def _rows(sheet: object) -> dict[str, dict[str, object]]:
    """Data rows by first cell: from the header on row 3 down to the first empty row."""
    header = [cell.value for cell in sheet[3]]  # type: ignore[index]
    rows = {}
    for cells in sheet.iter_rows(min_row=4, values_only=True):  # type: ignore[attr-defined]
        if cells[0] is None:
            break
        rows[str(cells[0])] = dict(zip(header, cells, strict=False))
    return rows


def test_sheets_titles_and_headers(workbook: openpyxl.Workbook) -> None:
    names = workbook.sheetnames
    assert names[:6] == [
        "单位汇总",
        "人员成绩",
        "未参考人员",
        "不合格人员",
        "法律正确率",
        "标签正确率",
    ]
    assert names[6:] == ["城关镇", "城关镇司法所", "河口乡"]  # one sheet per unit
    units = workbook["单位汇总"]
    assert units["A1"].value == f"{COURSE_TITLE}　单位汇总"
    assert "2026年度学法考试" in units["A2"].value and ISSUER in units["A2"].value
    assert [cell.value for cell in units[3]] == UNIT_REPORT_COLUMNS
    assert [cell.value for cell in workbook["人员成绩"][3]] == CADRE_REPORT_COLUMNS


def test_values_and_number_formats(workbook: openpyxl.Workbook) -> None:
    units = workbook["单位汇总"]
    rows = _rows(units)
    town = rows["城关镇"]
    assert (town["应考人数"], town["实考人数"], town["合格人数"], town["排名"]) == (4, 3, 3, 2)
    assert town["参考率"] == pytest.approx(0.75) and town["平均分"] == pytest.approx(86.0)
    assert rows["合计"]["合格率"] == pytest.approx(6 / 7) and rows["合计"]["排名"] is None
    header = [cell.value for cell in units[3]]
    data_row = next(r for r in units.iter_rows(min_row=4) if r[0].value == "城关镇")
    formats = {header[i]: cell.number_format for i, cell in enumerate(data_row)}
    assert formats["参考率"] == formats["合格率"] == formats["优秀率"] == "0.0%"
    assert formats["平均分"] == formats["最高分"] == "0.0"
    assert formats["应考人数"] == "0"
    people = _rows(workbook["人员成绩"])
    assert people["c03"]["补考"] == "是" and people["c03"]["合格"] == "是"
    assert people["c09"]["合格"] == "否" and people["c09"]["等级"] == "不合格"
    assert people["c04"]["成绩"] is None and people["c04"]["考试状态"] == "未参考"


def test_frozen_header_and_fitting_widths(workbook: openpyxl.Workbook) -> None:
    for name in ("单位汇总", "人员成绩", "城关镇"):
        sheet = workbook[name]
        assert sheet.freeze_panes == "A4"
        header = [cell.value for cell in sheet[3]]
        for index, title in enumerate(header, start=1):
            letter = openpyxl.utils.get_column_letter(index)
            assert sheet.column_dimensions[letter].width >= 2 * len(str(title)), (name, title)


def test_signature_block_on_unit_sheets(workbook: openpyxl.Workbook) -> None:
    for name in ("单位汇总", "城关镇", "河口乡"):
        texts = [c for row in workbook[name].iter_rows(values_only=True) for c in row if c]
        for label in ("单位负责人签字：", "盖章：", "日期："):
            assert label in texts, (name, label)
    town = _rows(workbook["城关镇"])
    assert set(town) == {"c01", "c02", "c03", "c04", "c05"}
    assert "单位负责人签字：" not in [
        c for row in workbook["人员成绩"].iter_rows(values_only=True) for c in row
    ]


def test_every_sheet_prints_on_a4_landscape_one_page_wide(workbook: openpyxl.Workbook) -> None:
    """Read back the print setup: A4 landscape, fit to one page wide (any height), title and header
    rows on every page, 第 N 页 共 M 页 in the footer, and the print area ending with the signature."""
    for sheet in workbook.worksheets:
        setup = sheet.page_setup
        assert setup.orientation == "landscape" and str(setup.paperSize) == sheet.PAPERSIZE_A4
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        fit = [
            1 if value is None else int(value) for value in (setup.fitToWidth, setup.fitToHeight)
        ]
        assert fit == [1, 0]  # an absent attribute is the OOXML default, 1
        assert sheet.print_title_rows == "$1:$3"
        assert sheet.oddFooter.center.text == "第 &P 页 共 &N 页"
        area = sheet.print_area[0] if isinstance(sheet.print_area, list) else sheet.print_area
        last_row = int(area.rsplit("$", 1)[1])
        texts = [c for row in sheet.iter_rows(values_only=True) for c in row if c]
        if "单位负责人签字：" in texts:
            sign_row = next(
                cell.row
                for row in sheet.iter_rows()
                for cell in row
                if cell.value == "单位负责人签字："
            )
            assert last_row == sign_row, sheet.title  # the block ends the last printed page
        assert last_row == sheet.max_row, sheet.title


def test_csv_has_a_bom_and_reads_back(project: Project, tmp_path: Path) -> None:
    reports = project.reports()
    paths = write_report_csvs(reports, tmp_path)
    assert {path.name for path in paths} >= {"单位汇总.csv", "人员成绩.csv", "法律正确率.csv"}
    units_csv = tmp_path / "单位汇总.csv"
    raw = units_csv.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf") and b"\r\n" in raw
    back = pd.read_csv(units_csv, encoding="utf-8-sig")
    assert list(back.columns) == UNIT_REPORT_COLUMNS
    total = back.set_index("单位").loc["合计"]
    assert (total["应考人数"], total["实考人数"], total["合格人数"]) == (8, 7, 6)
    assert total["合格率"] == pytest.approx(6 / 7)
    people = pd.read_csv(tmp_path / "人员成绩.csv", encoding="utf-8-sig", dtype={"编号": str})
    row = people.set_index("编号").loc["c01"]
    assert (row["姓名"], row["单位"], row["合格"], row["成绩"]) == ("张伟", "城关镇", "是", 95.0)


def test_year_view_sheet_and_csv_for_all_records(project: Project, tmp_path: Path) -> None:
    reports = project.reports(session=None)
    write_workbook(reports, tmp_path / "all.xlsx")
    book = openpyxl.load_workbook(tmp_path / "all.xlsx")
    assert book.sheetnames[-1] == "学法档案"
    header = [cell.value for cell in book["学法档案"][3]]
    assert header[:3] == ["年度", "编号", "姓名"]
    write_report_csvs(reports, tmp_path / "csv")
    archive = pd.read_csv(tmp_path / "csv" / "学法档案.csv", encoding="utf-8-sig")
    old = archive[(archive["年度"] == 2025) & (archive["编号"] == "c01")].iloc[0]
    assert (old["成绩"], old["合格"]) == (55.0, "否")
