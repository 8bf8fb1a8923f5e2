"""Writing the trainers' Excel template, empty (``quizkit bank template``) or filled with the bank.

The template has the sheets 题目 (one row per question), 案例 (case scenarios), 测验 (named quizzes) and
说明 (how to fill it in), with drop-down lists for 题型, 难度, 法律 and 状态 and a note on every header.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation

from quizkit.atomicfile import replacing
from quizkit.bank.models import CaseGroup, NamedQuiz, Question
from quizkit.interop.citation import cite_place
from quizkit.interop.xlsx_columns import (
    CASE_COLUMNS,
    CASE_SHEET,
    HELP_SHEET,
    JUDGE_NAMES,
    QUESTION_COLUMNS,
    QUESTION_SHEET,
    QUIZ_COLUMNS,
    QUIZ_SHEET,
    STATUS_NAMES,
    TYPE_NAMES,
    Column,
    fill_answer_text,
)
from quizkit.laws import LAWS

MAX_ROWS = 2000
HELP = (
    "quizkit 题库导入模板 —— 填好“题目”表（案例分析另填“案例”表），然后运行：",
    "    quizkit bank import 本文件.xlsx --law 法律 -o question_bank/新题.yaml",
    "",
    "每行一道题。题型：单选 / 多选 / 判断 / 填空；判断题、填空题不填选项。",
    "答案：单选写 B；多选写 ABD 或 A,B,D；判断写 对/错、√/× 或 正确/错误。",
    "填空题：题干中每个空写 ____（三个以上下划线）；答案按空的顺序写，空与空之间用 ； 分隔，",
    "    一空可接受多个答案时用 / 分隔，如 五日；听证/听证会。每个答案都须是所引条文中的原话。",
    "法律：如 行政许可法；条款：如 第四十二条（或 42、42,43）；两部实施纲要写部分，如 三、（十）。",
    "依据原文：从该条中逐字摘一小段（60 字以内），导入时会与法律原文核对。",
    "难度：1 易、2 中、3 难。标签：多个用 、 分隔。编号可不填，导入时按题干自动生成。",
    "案例分析：在“案例”表写案例编号和案例材料，小题在“题目”表的“案例编号”列填同一编号。",
    "测验：在“测验”表写测验编号、标题和题目编号（用 、 分隔），课程中可按编号引用。",
)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def _put(sheet: Any, row: int, column: int, value: Any) -> None:
    cell = sheet.cell(row=row, column=column, value=value)
    if isinstance(value, str):
        cell.data_type = "s"  # never a formula, even when the text starts with "="
        if "\n" in value:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def _header(sheet: Any, columns: Sequence[Column]) -> None:
    for index, column in enumerate(columns, start=1):
        _put(sheet, 1, index, column.header)
        cell = sheet.cell(row=1, column=index)
        cell.font, cell.fill = Font(bold=True), _HEADER_FILL
        if column.note:
            cell.comment = Comment(column.note, "quizkit")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "A2"


def _choices(sheet: Any, columns: Sequence[Column], field: str, values: Sequence[str]) -> None:
    index = next(i for i, column in enumerate(columns, start=1) if column.field == field)
    letter = get_column_letter(index)
    validation = DataValidation(
        type="list", formula1='"' + ",".join(values) + '"', allow_blank=True
    )
    validation.error = "请从下拉列表中选择"
    sheet.add_data_validation(validation)
    validation.add(f"{letter}2:{letter}{MAX_ROWS}")


def _workbook() -> tuple[Workbook, dict[str, Any]]:
    workbook = Workbook()
    questions = workbook.active
    questions.title = QUESTION_SHEET
    sheets = {QUESTION_SHEET: questions}
    for name in (CASE_SHEET, QUIZ_SHEET, HELP_SHEET):
        sheets[name] = workbook.create_sheet(name)
    for name, columns in (
        (QUESTION_SHEET, QUESTION_COLUMNS),
        (CASE_SHEET, CASE_COLUMNS),
        (QUIZ_SHEET, QUIZ_COLUMNS),
    ):
        _header(sheets[name], columns)
    _choices(questions, QUESTION_COLUMNS, "type", list(TYPE_NAMES.values()))
    _choices(questions, QUESTION_COLUMNS, "difficulty", ["1", "2", "3"])
    _choices(questions, QUESTION_COLUMNS, "status", list(STATUS_NAMES.values()))
    law_names = [law.short_title for law in LAWS.values()]
    if len(",".join(law_names)) < 250:  # Excel's limit for an inline list
        _choices(questions, QUESTION_COLUMNS, "cite.law", law_names)
    for row, line in enumerate(HELP, start=1):
        _put(sheets[HELP_SHEET], row, 1, line)
    sheets[HELP_SHEET].column_dimensions["A"].width = 110
    return workbook, sheets


def write_template(path: Path) -> Path:
    """An empty template for trainers to fill in."""
    workbook, _ = _workbook()
    with replacing(path) as temporary:
        workbook.save(temporary)
    return path


def _answer_text(question: Question) -> str:
    answer = question.answer
    if isinstance(answer, bool):
        return JUDGE_NAMES[answer]
    if isinstance(answer, str):
        return answer
    blanks = [blank for blank in answer if isinstance(blank, list)]
    if blanks:
        return fill_answer_text(blanks)
    return "".join(label for label in answer if isinstance(label, str))


def _question_row(question: Question, case_id: str | None) -> dict[str, Any]:
    cite = question.cite
    law = LAWS.get(cite.law)
    row: dict[str, Any] = {
        "id": question.id,
        "type": TYPE_NAMES[question.type],
        "stem": question.stem,
        "answer": _answer_text(question),
        "explanation": question.explanation,
        "cite.law": law.short_title if law else cite.law,
        "cite.place": cite_place(cite.model_dump()),
        "cite.quote": cite.quote,
        "difficulty": question.difficulty,
        "tags": "、".join(question.tags),
        "points": question.points,
        "status": STATUS_NAMES[question.status],
        "case": case_id,
    }
    for label, text in (question.options or {}).items():
        row[f"options.{label}"] = text
    return row


def _fill(sheet: Any, columns: Sequence[Column], rows: Sequence[dict[str, Any]]) -> None:
    for number, values in enumerate(rows, start=2):
        for index, column in enumerate(columns, start=1):
            value = values.get(column.field)
            if value is not None and value != "":
                _put(sheet, number, index, value)


def write_xlsx_bank(
    items: Sequence[tuple[str, Question | CaseGroup]], quizzes: Sequence[NamedQuiz], path: Path
) -> None:
    """The bank in the template's layout; ``quizkit bank import`` reads it back unchanged."""
    workbook, sheets = _workbook()
    question_rows, case_rows = [], []
    for _law, item in items:
        if isinstance(item, CaseGroup):
            case_rows.append(
                {
                    "id": item.id,
                    "title": item.title,
                    "scenario": item.scenario,
                    "tags": "、".join(item.tags),
                    "status": STATUS_NAMES[item.status],
                }
            )
            question_rows += [_question_row(q, item.id) for q in item.questions]
        else:
            question_rows.append(_question_row(item, None))
    _fill(sheets[QUESTION_SHEET], QUESTION_COLUMNS, question_rows)
    _fill(sheets[CASE_SHEET], CASE_COLUMNS, case_rows)
    quiz_rows = [
        {
            "id": q.id,
            "title": q.title,
            "description": q.description,
            "questions": "、".join(q.questions),
        }
        for q in quizzes
    ]
    _fill(sheets[QUIZ_SHEET], QUIZ_COLUMNS, quiz_rows)
    with replacing(path) as temporary:
        workbook.save(temporary)
