"""The one Excel writer for plain tables (templates, rosters): written with XlsxWriter, read back here
with openpyxl as a trainer's Excel or WPS would see it."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from quizkit.errors import QuizkitError
from quizkit.export.xlsx import MAX_CELL, DropDown, Header, PlainSheet, write_plain_workbook


def test_text_stays_text_numbers_stay_numbers_notes_and_lists_are_there(tmp_path: Path) -> None:
    sheet = PlainSheet(
        "题目",
        [Header("编号", 20, "可不填"), Header("题干", 50), Header("难度", 6, "1 易 / 2 中 / 3 难")],
        [["=SUM(A1:A2)", "第一行\n第二行", 2], ["001", "+86 138", 2.5], [None, "", None]],
        [DropDown(2, ("1", "2", "3"), last_row=50)],
    )
    path = write_plain_workbook(tmp_path / "out" / "t.xlsx", [sheet, PlainSheet("说明")])
    book = load_workbook(path)
    assert book.sheetnames == ["题目", "说明"]
    rows = list(book["题目"].iter_rows(values_only=True))
    assert rows == [
        ("编号", "题干", "难度"),
        ("=SUM(A1:A2)", "第一行\n第二行", 2),
        ("001", "+86 138", 2.5),
    ]
    first = book["题目"]["A2"]
    assert first.data_type == "s"  # a string cell, not a formula
    assert book["题目"]["B2"].alignment.wrap_text
    assert book["题目"]["A1"].comment.text == "可不填" and book["题目"]["B1"].comment is None
    assert book["题目"].freeze_panes == "A2"
    assert book["题目"].column_dimensions["B"].width == pytest.approx(50, abs=1)
    (validation,) = book["题目"].data_validations.dataValidation
    assert validation.formula1 == '"1,2,3"' and str(validation.sqref) == "C2:C50"


def test_as_text_keeps_ids_as_typed(tmp_path: Path) -> None:
    path = write_plain_workbook(
        tmp_path / "r.xlsx", [PlainSheet("花名册", [Header("编号")], [[7], ["007"]], as_text=True)]
    )
    cells = [row[0] for row in load_workbook(path)["花名册"].iter_rows(min_row=2)]
    assert [(c.value, c.data_type) for c in cells] == [("7", "s"), ("007", "s")]


def test_a_cell_too_long_for_excel_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    path = tmp_path / "kept.xlsx"
    write_plain_workbook(path, [PlainSheet("a", [Header("x")], [["old"]])])
    before = path.read_bytes()
    too_long = PlainSheet("a", [Header("x")], [["ok"], ["字" * (MAX_CELL + 1)]])
    with pytest.raises(QuizkitError, match=r"sheet a, row 3, column 1: 32768 characters"):
        write_plain_workbook(path, [too_long])
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.xlsx"]
