"""The Excel template: written, filled in by a trainer (merged cells, blank rows, every answer form), read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from openpyxl import Workbook, load_workbook

from quizkit.errors import ImportFormatError
from quizkit.interop import write_template
from quizkit.interop.bank_import import import_bank
from quizkit.interop.xlsx_columns import parse_answer
from tests.conftest import LAWS_DIR

HEADERS = [
    "题型",
    "题干",
    "A",
    "B",
    "C",
    "D",
    "正确答案",
    "解析",
    "法律",
    "条款",
    "依据原文",
    "难度",
]


def _row(
    kind: str, stem: str, options: list[str], answer: str, quote: str = "二十日内"
) -> list[Any]:
    padded = ([*options, "", "", "", ""])[:4]
    return [kind, stem, *padded, answer, "一般为二十日。", "行政许可法", "42", quote, 2]


def _trainer_workbook(path: Path) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "题目"
    sheet.append(["2026年学法考试题库（行政许可法）"])
    sheet.merge_cells("A1:L1")  # a title row above the header
    sheet.append(HEADERS)
    rows = [
        _row("单选", "一般期限是多少日？", ["十日", "十五日", "二十日", "三十日"], "C"),
        _row("多选题", "下列哪些说法正确？（一）", ["甲", "乙", "丙", "丁"], "ABD"),
        _row("", "下列哪些说法正确？（二）", ["甲", "乙", "丙", "丁"], "A,B,D"),
        _row("多选", "下列哪些说法正确？（三）", ["甲", "乙", "丙", "丁"], "A、C"),
        [None],  # a blank row
        _row("判断", "期限一般为二十日。（一）", [], "对"),
        _row("判断题", "期限一般为三十日。（二）", [], "×"),
        _row("", "期限一般为二十日。（三）", [], "√"),
        _row("判断", "期限一般为三十日。（四）", [], "错误"),
        _row("判断", "期限一般为二十日。（五）", [], "正确"),
        _row("单选", "答案不在选项中的题", ["十日", "二十日"], "E"),
        _row("单选", "原文对不上的题", ["十日", "二十日"], "B", quote="三十日内"),
    ]
    for row in rows:
        sheet.append(row or [])
    for row in range(3, len(rows) + 3):  # 法律 typed once, merged down the whole block
        if row != 3:
            sheet.cell(row=row, column=9).value = None
    sheet.merge_cells(f"I3:I{len(rows) + 2}")
    workbook.save(path)
    return path


def test_template_has_the_documented_columns(tmp_path: Path) -> None:
    path = write_template(tmp_path / "template.xlsx")
    workbook = load_workbook(path)
    assert workbook.sheetnames == ["题目", "案例", "测验", "说明"]
    headers = [cell.value for cell in workbook["题目"][1]]
    for name in ["题型", "题干", *[f"选项{x}" for x in "ABCDEF"], "答案", "解析", "法律", "条款"]:
        assert name in headers
    for name in ["依据原文", "难度", "标签"]:
        assert name in headers
    lists = [v.formula1 for v in workbook["题目"].data_validations.dataValidation]
    assert '"单选,多选,判断,填空"' in lists
    assert '"1,2,3"' in lists
    with pytest.raises(ImportFormatError, match="no questions found"):
        import_bank(path, law="administrative-licensing")


def test_trainer_workbook_with_merged_cells_and_every_answer_form(tmp_path: Path) -> None:
    laws = LAWS_DIR if (LAWS_DIR / "index.yaml").is_file() else None
    result = import_bank(_trainer_workbook(tmp_path / "bank.xlsx"), laws_dir=laws)
    assert result.law == "administrative-licensing"  # from the merged 法律 cells
    questions = yaml.safe_load(result.text)["questions"]
    assert [(q["type"], q["answer"]) for q in questions] == [
        ("single", "C"),
        ("multiple", ["A", "B", "D"]),
        ("multiple", ["A", "B", "D"]),
        ("multiple", ["A", "C"]),
        ("judge", True),
        ("judge", False),
        ("judge", True),
        ("judge", False),
        ("judge", True),
        ("single", "E"),
        ("single", "B"),
    ]
    assert all(q["cite"]["article"] == 42 for q in questions)
    assert all(q["id"].startswith("imp-") for q in questions)
    places = [(str(p.where), p.message) for p in result.problems]
    sheet = f"{(tmp_path / 'bank.xlsx').as_posix()}, sheet 题目"
    assert (
        f"{sheet}, row 13, column G (正确答案)",
        "answer 'E' is not among the options (A, B)",
    ) in places
    if laws is not None:
        assert any(
            w == f"{sheet}, row 14, column K (依据原文)" and "三十日内" in m for w, m in places
        )
    assert len(places) == (2 if laws else 1), places


def test_same_file_gives_the_same_ids_and_avoids_existing_ones(tmp_path: Path) -> None:
    path = _trainer_workbook(tmp_path / "bank.xlsx")
    first = yaml.safe_load(import_bank(path).text)["questions"]
    again = yaml.safe_load(import_bank(path).text)["questions"]
    assert [q["id"] for q in first] == [q["id"] for q in again]
    taken = {q["id"] for q in first}
    moved = yaml.safe_load(import_bank(path, existing_ids=taken).text)["questions"]
    assert not taken & {q["id"] for q in moved}


def test_horizontal_merge_inside_the_table_is_reported(tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADERS)
    sheet.append(_row("单选", "题干", ["甲", "乙"], "A"))
    sheet.merge_cells("B2:C2")
    workbook.save(tmp_path / "m.xlsx")
    result = import_bank(tmp_path / "m.xlsx")
    assert any(
        "merged cells B2:C2 (题干、A) spans several columns" in str(p)
        and "row 2, column B" in str(p)
        for p in result.problems
    ), [str(p) for p in result.problems]


@pytest.mark.parametrize(
    ("typed", "kind", "has_options", "expected"),
    [
        ("B", None, True, ("B", "single")),
        ("ABD", None, True, (["A", "B", "D"], "multiple")),
        ("A,B,D", "multiple", True, (["A", "B", "D"], "multiple")),
        ("Ａ，Ｃ", None, True, (["A", "C"], "multiple")),
        ("对", None, False, (True, "judge")),
        ("错", None, False, (False, "judge")),
        ("√", None, False, (True, "judge")),
        ("×", None, False, (False, "judge")),
        ("正确", "judge", False, (True, "judge")),
        ("错误", "judge", False, (False, "judge")),
        ("F", None, True, ("F", "single")),  # F is an option label when the row has options
        ("F", None, False, (False, "judge")),
        ("AB", "single", True, ("AB", "multiple")),  # kept as typed: the checker names the problem
        ("也许", None, True, ("也许", None)),
    ],
)
def test_answer_forms(typed: str, kind: str | None, has_options: bool, expected: Any) -> None:
    assert parse_answer(typed, kind, has_options) == expected


def test_case_groups_from_the_case_sheet(tmp_path: Path) -> None:
    path = write_template(tmp_path / "cases.xlsx")
    workbook = load_workbook(path)
    questions, cases = workbook["题目"], workbook["案例"]
    headers = [cell.value for cell in questions[1]]

    def put(values: dict[str, Any]) -> None:
        questions.append([values.get(header) for header in headers])

    cases.append(["wc-1", "窗口", "某镇便民服务中心窗口收到一份申请。", "案例、受理", "启用"])
    cases.append(["wc-2", None, "没有小题的案例。", None, None])
    base = {"题型": "判断", "答案": "对", "解析": "说明。", "法律": "行政许可法", "条款": 42}
    put({**base, "编号": "题一", "题干": "第一小题。", "案例编号": "wc-1", "依据原文": "二十日内"})
    put({**base, "题干": "第二小题。", "案例编号": "wc-1", "依据原文": "二十日内"})
    put({**base, "题干": "找不到案例的小题。", "案例编号": "wc-9", "依据原文": "二十日内"})
    workbook.save(path)
    result = import_bank(path)
    (case,) = yaml.safe_load(result.text)["questions"]
    assert (case["id"], case["title"], case["tags"]) == ("wc-1", "窗口", ["案例", "受理"])
    assert [q["stem"] for q in case["questions"]] == ["第一小题。", "第二小题。"]
    assert any("id '题一' is not a valid id; imported as imp-" in w for w in result.warnings)
    places = {str(p) for p in result.problems}
    sheet = path.as_posix()
    assert any(
        p.startswith(f"{sheet}, sheet 题目, row 4, column S (案例编号)") and "wc-9" in p
        for p in places
    ), places
    assert any(p.startswith(f"{sheet}, sheet 案例, row 3: wc-2: no question") for p in places)


def test_a_fill_row_is_read_from_the_template(tmp_path: Path, laws_dir: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "题目"
    sheet.append(HEADERS)
    stem = "应当自受理之日起____日内作出决定；经批准可以延长____日。"
    sheet.append(_row("填空", stem, [], "二十；十/十日"))
    sheet.append(_row("填空题", "应当自受理之日起____日内作出决定。", [], "20"))
    path = tmp_path / "fill.xlsx"
    workbook.save(path)
    result = import_bank(path, law="administrative-licensing", laws_dir=laws_dir)
    questions = yaml.safe_load(result.text)["questions"]
    assert [(q["type"], q["answer"]) for q in questions] == [
        ("fill", [["二十"], ["十", "十日"]]),
        ("fill", [["20"]]),
    ]
    # the checker asks for the article's own words: 20 is not how 第四十二条 writes it
    (problem,) = result.problems
    assert (problem.where.row, problem.where.column) == (3, "G (正确答案)")
    assert "accepted answer '20' does not appear" in problem.message


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("五日", [["五日"]]),
        ("五日；听证/听证会", [["五日"], ["听证", "听证会"]]),
        ("五日\n七日", [["五日"], ["七日"]]),
        (" 二十 ｜ 20 ", [["二十", "20"]]),
    ],
)
def test_fill_answers_as_trainers_type_them(typed: str, expected: list[list[str]]) -> None:
    assert parse_answer(typed, "fill", False) == (expected, "fill")
