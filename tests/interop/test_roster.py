"""Reading rosters: Chinese headers, merged cells and blank rows in .xlsx, GBK and UTF-8 CSV, bad rows."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter
from openpyxl import Workbook

from quizkit.errors import ImportFormatError
from quizkit.interop.roster import parse_mapping, read_roster, write_roster
from quizkit.store import CadreRecord


def _xlsx(path: Path, rows: list[list[object]], merges: list[str] = ()) -> Path:  # type: ignore[assignment]
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "花名册"
    for row in rows:
        sheet.append(row)
    for cells in merges:
        sheet.merge_cells(cells)
    workbook.save(path)
    return path


def test_xlsx_with_title_row_vertical_merges_and_blank_rows(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "r.xlsx",
        [
            ["城关镇干部学法考试名单"],
            ["工号", "姓名", "所在单位", "职级", "手机", "是否免考", "免考原因"],
            [1001, "张三", "城关镇", "副镇长", 13800138000, "否", None],
            ["1002", "李四", None, "科员", None, "是", "长期病假"],
            [None, None, None, None, None, None, None],
            ["1003", "王五", "河西村", "村支书", "13900000000", "", ""],
        ],
        merges=["A1:G1", "C3:C4"],
    )
    roster = read_roster(path)
    assert roster.problems == []
    assert roster.sheet == "花名册"
    assert [(e.record.id, e.record.unit, e.row) for e in roster.entries] == [
        ("1001", "城关镇", 3),
        ("1002", "城关镇", 4),
        ("1003", "河西村", 6),
    ]
    first, second, _ = (e.record for e in roster.entries)
    assert first.phone == "13800138000"
    assert (first.exempt, second.exempt, second.exempt_reason) == (False, True, "长期病假")
    assert roster.columns == {"id", "name", "unit", "position", "phone", "exempt", "exempt_reason"}


def test_bad_rows_are_located_by_sheet_row_and_column(tmp_path: Path) -> None:
    path = _xlsx(
        tmp_path / "bad.xlsx",
        [
            ["编号", "姓名", "单位", "职务"],
            ["1", "", "城关镇", "科员"],  # missing name
            ["2", "李四", "城关镇", "科员"],
            ["2", "李四二", "城关镇", "科员"],  # duplicate id
            ["3", "王五", "外星镇", "科员"],  # unknown unit when units are fixed
            ["4", "赵六", "城关镇", "科员"],  # name merged with unit: a mess
            ["5", "钱七", "城关镇", "科员"],
        ],
        merges=["B6:C6"],
    )
    roster = read_roster(path, known_units={"城关镇"})
    file = f"{path.as_posix()}, sheet 花名册"
    messages = {str(p) for p in roster.problems}
    assert f"{file}, row 2, column B (姓名): 1: missing 姓名" in messages
    assert f"{file}, row 4, column A (编号): 2: 工号 '2' is also on row 3" in messages
    assert f"{file}, row 5, column C (单位): 3: unknown unit '外星镇' (units are fixed)" in messages
    assert any(
        m.startswith(f"{file}, row 6, column B (姓名): merged cells B6:C6") for m in messages
    )
    assert roster.bad_rows == [2, 3, 4, 5, 6]
    assert [e.record.id for e in roster.entries] == ["5"]


def test_gbk_csv_without_bom_is_detected_and_said(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    text = '编号,姓名,工作单位,职务职级,联系电话\r\n7,张三,城关镇,科员,138\r\n8,李四,"河西村,二组",主任,\r\n'
    path.write_bytes(text.encode("gbk"))
    roster = read_roster(path)
    assert roster.encoding == "GBK/GB18030"
    assert [(e.record.name, e.record.unit) for e in roster.entries] == [
        ("张三", "城关镇"),
        ("李四", "河西村,二组"),
    ]
    assert roster.sheet is None


@pytest.mark.parametrize(("codec", "name"), [("utf-8-sig", "UTF-8 (with BOM)"), ("utf-8", "UTF-8")])
def test_utf8_csv_with_or_without_bom(tmp_path: Path, codec: str, name: str) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes("工号,姓名,单位\n9,孙八,城关镇\n".encode(codec))
    roster = read_roster(path)
    assert roster.encoding == name
    assert roster.entries[0].record.id == "9"  # the BOM is not part of the first header


def test_map_option_and_missing_columns(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("人员编码\t名字\t科室\n11\t周九\t综治办\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="no header row found"):
        read_roster(path)  # only 名字 is a header we know
    no_id = tmp_path / "no_id.csv"
    no_id.write_text("姓名,单位\n周九,综治办\n", encoding="utf-8")
    with pytest.raises(ImportFormatError, match="no 工号 column"):
        read_roster(no_id)
    roster = read_roster(path, mapping=parse_mapping(["人员编码=工号", "科室=unit"]))
    assert (roster.entries[0].record.id, roster.entries[0].record.unit) == ("11", "综治办")
    with pytest.raises(ImportFormatError, match="is not 源列=目标列"):
        parse_mapping(["人员编码=年龄"])


def test_undecodable_csv_names_the_byte(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes("工号,姓名\n".encode() + b"\x81\x20\xff\n")
    with pytest.raises(ImportFormatError, match="not valid there") as caught:
        read_roster(path)
    assert caught.value.line == 2


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_reads_back(tmp_path: Path, suffix: str) -> None:
    cadres = [
        CadreRecord("001", "张三", "城关镇", "副镇长", "13800138000", False, "", "zhangsan"),
        CadreRecord("002", "李四", "河西村", "主任", "", True, "挂职", None, active=False),
    ]
    path = write_roster(cadres, {"河西村": "城关镇"}, tmp_path / f"out{suffix}")
    roster = read_roster(path)
    assert [e.record for e in roster.entries] == cadres
    assert [e.parent for e in roster.entries] == [None, "城关镇"]


def test_gbk_that_also_decodes_as_utf8_is_read_as_gbk(tmp_path: Path) -> None:
    """卢伟 in GBK is C2 AC CE B0, which is also valid UTF-8 (¬ΰ): the detector must pick GBK."""
    raw = "id,name,unit\n1,卢伟,x\n2,卢伟伟,y\n".encode("gbk")
    assert raw.decode("utf-8")  # the trap: strict UTF-8 succeeds
    path = tmp_path / "roster.csv"
    path.write_bytes(raw)
    roster = read_roster(path)
    assert roster.encoding == "GBK/GB18030"
    assert [e.record.name for e in roster.entries] == ["卢伟", "卢伟伟"]


def test_utf8_that_also_decodes_as_gbk_stays_utf8(tmp_path: Path) -> None:
    path = tmp_path / "roster.csv"
    path.write_bytes("id,name,unit\n1,卢伟,城关镇\n".encode())
    assert [e.record.name for e in read_roster(path).entries] == ["卢伟"]


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_control_characters_are_refused_with_their_place(tmp_path: Path, suffix: str) -> None:
    """A control character would crash the .xlsx export later; Excel stores one as _x0007_."""
    rows = [["工号", "姓名", "单位"], ["1", "张\x07三", "城关镇"], ["2", "李四", "城关镇"]]
    path = tmp_path / f"r{suffix}"
    if suffix == ".csv":
        path.write_text("\n".join(",".join(row) for row in rows), encoding="utf-8")
    else:
        book = xlsxwriter.Workbook(str(path))  # writes it as _x0007_, as Excel does
        sheet = book.add_worksheet("花名册")
        for number, row in enumerate(rows):
            sheet.write_row(number, 0, row)
        book.close()
    roster = read_roster(path)
    assert [p.message for p in roster.problems] == [
        "姓名 has the control character U+0007 (invisible; delete it)"
    ]
    assert "row 2, column B (姓名)" in str(roster.problems[0])
    assert roster.bad_rows == [2] and [e.record.id for e in roster.entries] == ["2"]
