"""Writing the trainers' Excel template, empty (``quizkit bank template``) or filled with the bank.

The template has the sheets 题目 (one row per question), 案例 (case scenarios), 测验 (named quizzes) and
说明 (how to fill it in), with drop-down lists for 题型, 难度, 法律 and 状态 and a note on every header.
Its columns are defined once, in ``quizkit.interop.xlsx_columns`` (header, field, width, note; the reader
uses the same tables); this module only turns the bank into rows. The file is written by quizkit's one
Excel writer (``quizkit.export.xlsx``, XlsxWriter).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from quizkit.bank.models import CaseGroup, NamedQuiz, Question
from quizkit.export.xlsx import DropDown, Header, PlainSheet, list_fits, write_plain_workbook
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


def _headers(columns: Sequence[Column]) -> list[Header]:
    return [Header(column.header, column.width, column.note) for column in columns]


def _drop_down(columns: Sequence[Column], field: str, values: Sequence[str]) -> DropDown:
    index = next(i for i, column in enumerate(columns) if column.field == field)
    return DropDown(index, tuple(values), last_row=MAX_ROWS)


def _question_drop_downs() -> list[DropDown]:
    """题型, 难度, 状态 and (when the list fits Excel's limit) 法律, on the 题目 sheet."""
    lists = [
        ("type", list(TYPE_NAMES.values())),
        ("difficulty", ["1", "2", "3"]),
        ("status", list(STATUS_NAMES.values())),
        ("cite.law", [law.short_title for law in LAWS.values()]),
    ]
    return [
        _drop_down(QUESTION_COLUMNS, field, values) for field, values in lists if list_fits(values)
    ]


def _rows(columns: Sequence[Column], rows: Sequence[dict[str, Any]]) -> list[list[Any]]:
    return [[values.get(column.field) for column in columns] for values in rows]


def _write(
    path: Path,
    questions: Sequence[dict[str, Any]] = (),
    cases: Sequence[dict[str, Any]] = (),
    quizzes: Sequence[dict[str, Any]] = (),
) -> Path:
    sheets = [
        PlainSheet(
            QUESTION_SHEET,
            _headers(QUESTION_COLUMNS),
            _rows(QUESTION_COLUMNS, questions),
            _question_drop_downs(),
        ),
        PlainSheet(CASE_SHEET, _headers(CASE_COLUMNS), _rows(CASE_COLUMNS, cases)),
        PlainSheet(QUIZ_SHEET, _headers(QUIZ_COLUMNS), _rows(QUIZ_COLUMNS, quizzes)),
        PlainSheet(HELP_SHEET, [Header(HELP[0], 110)], [[line] for line in HELP[1:]]),
    ]
    return write_plain_workbook(path, sheets)


def write_template(path: Path) -> Path:
    """An empty template for trainers to fill in."""
    return _write(path)


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


def write_xlsx_bank(
    items: Sequence[tuple[str, Question | CaseGroup]], quizzes: Sequence[NamedQuiz], path: Path
) -> None:
    """The bank in the template's layout; ``quizkit bank import`` reads it back unchanged."""
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
    quiz_rows = [
        {
            "id": q.id,
            "title": q.title,
            "description": q.description,
            "questions": "、".join(q.questions),
        }
        for q in quizzes
    ]
    _write(path, question_rows, case_rows, quiz_rows)
