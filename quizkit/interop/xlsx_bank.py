"""Reading the trainers' Excel template (sheets 题目, 案例, 测验) into bank drafts.

Each bank field remembers its cell, so a problem the checker finds later is reported as
"file, sheet 题目, row 7, column L (条款)". Cells merged down a column (one 法律 for a block of rows) count
for every row they cover; other merges are reported.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from quizkit.interop.citation import article_value, law_slug, parse_articles
from quizkit.interop.sheet import Row, Table, load_xlsx, read_table, sheet_grid
from quizkit.interop.source import Draft, Parsed, SourceProblem, cell_text
from quizkit.interop.xlsx_columns import (
    CASE_COLUMNS,
    CASE_SHEET,
    QUESTION_COLUMNS,
    QUESTION_SHEET,
    QUIZ_COLUMNS,
    QUIZ_SHEET,
    Column,
    parse_answer,
    parse_difficulty,
    parse_status,
    parse_type,
    resolver,
    split_list,
)
from quizkit.laws import LAWS
from quizkit.question_types import OPTION_LABELS

#: bank field → template column holding it (for locating checker problems)
FIELD_COLUMNS = {
    "cite": "cite.law",
    "cite.article": "cite.place",
    "cite.part": "cite.place",
    "options": "options.A",
}
_FILL_DOWN = {"type", "cite.law", "difficulty", "tags", "status", "case", "points"}


def _text(row: Row, name: str) -> str:
    return cell_text(row.values.get(name))


def _cite(row: Row) -> tuple[dict[str, Any], str | None]:
    """The citation fields and the law slug the row names (None when the 法律 cell is empty)."""
    law_text, place, quote = (
        _text(row, "cite.law"),
        _text(row, "cite.place"),
        _text(row, "cite.quote"),
    )
    slug = law_slug(law_text) if law_text else None
    cite: dict[str, Any] = {"law": slug or law_text} if law_text else {}
    law = LAWS.get(slug or "")
    articles = parse_articles(place) if place and (law is None or law.cites_articles) else None
    if articles:
        cite["article"] = article_value(articles)
    elif place:
        cite["part"] = place
    if quote:
        cite["quote"] = quote
    return cite, slug


def _question(table: Table, row: Row) -> Draft:
    kind = parse_type(_text(row, "type"))
    options = {
        label: _text(row, f"options.{label}")
        for label in OPTION_LABELS
        if _text(row, f"options.{label}")
    }
    answer, implied = parse_answer(_text(row, "answer"), kind, bool(options))
    data: dict[str, Any] = {
        "id": _text(row, "id") or None,
        "type": kind or implied or _text(row, "type") or None,
        "stem": _text(row, "stem"),
        "options": options or None,
        "answer": answer if _text(row, "answer") else None,
        "explanation": _text(row, "explanation"),
        "difficulty": parse_difficulty(_text(row, "difficulty")) or None,
        "tags": split_list(_text(row, "tags")),
        "status": parse_status(_text(row, "status")),
    }
    points = row.values.get("points")
    if cell_text(points):
        data["points"] = points if isinstance(points, int | float) else cell_text(points)
    cite, slug = _cite(row)
    data["cite"] = cite or None
    fields = {name: table.where(row.number, name) for name in table.columns}
    for bank_field, column in FIELD_COLUMNS.items():
        if column in table.columns:
            fields[bank_field] = table.where(row.number, column)
    return Draft(data, row.where, fields, law=slug)


def _table(workbook: Any, path: Path, name: str, columns: tuple[Column, ...]) -> Table | None:
    if name not in workbook.sheetnames:
        return None
    grid, merges = sheet_grid(workbook[name])
    if not any(any(cell_text(v) for v in row) for row in grid):
        return None
    return read_table(
        grid,
        file=path.as_posix(),
        sheet=name,
        resolve=resolver(columns),
        fill_down=_FILL_DOWN,
        merges=merges,
    )


def _cases(table: Table | None, parsed: Parsed) -> dict[str, Draft]:
    cases: dict[str, Draft] = {}
    for row in table.rows if table else []:
        case_id = _text(row, "id")
        data = {
            "id": case_id or None,
            "type": "case",
            "title": _text(row, "title") or None,
            "scenario": _text(row, "scenario"),
            "tags": split_list(_text(row, "tags")),
            "status": parse_status(_text(row, "status")),
        }
        fields = {name: table.where(row.number, name) for name in table.columns} if table else {}
        if not case_id:
            parsed.problems.append(SourceProblem(row.where, None, "the case has no 案例编号"))
        elif case_id in cases:
            parsed.problems.append(SourceProblem(row.where, case_id, "案例编号 used twice"))
        else:
            cases[case_id] = Draft(data, row.where, fields)
    return cases


def _quizzes(table: Table | None) -> list[Draft]:
    quizzes = []
    for row in table.rows if table else []:
        data = {
            "id": _text(row, "id"),
            "title": _text(row, "title"),
            "description": _text(row, "description") or None,
            "questions": split_list(_text(row, "questions")),
        }
        fields = {name: table.where(row.number, name) for name in table.columns} if table else {}
        quizzes.append(Draft(data, row.where, fields))
    return quizzes


def read_xlsx_bank(path: Path) -> Parsed:
    """Drafts from a workbook laid out like ``quizkit bank template`` writes it."""
    workbook = load_xlsx(path)
    parsed = Parsed()
    sheet = QUESTION_SHEET if QUESTION_SHEET in workbook.sheetnames else workbook.sheetnames[0]
    grid, merges = sheet_grid(workbook[sheet])
    table = read_table(
        grid,
        file=path.as_posix(),
        sheet=sheet,
        resolve=resolver(QUESTION_COLUMNS),
        fill_down=_FILL_DOWN,
        merges=merges,
    )
    parsed.problems += table.problems
    if table.unknown:
        parsed.warnings.append(
            f"{path.as_posix()}, sheet {sheet}: columns not read: {', '.join(table.unknown)}"
        )
    cases = _cases(_table(workbook, path, CASE_SHEET, CASE_COLUMNS), parsed)
    _place(table, cases, parsed)
    parsed.quizzes = _quizzes(_table(workbook, path, QUIZ_SHEET, QUIZ_COLUMNS))
    return parsed


def _place(table: Table, cases: dict[str, Draft], parsed: Parsed) -> None:
    """Question rows become drafts, inside their case group when the row names one."""
    placed: set[str] = set()
    for row in table.rows:
        draft = _question(table, row)
        case_id = _text(row, "case")
        if not case_id:
            parsed.drafts.append(draft)
        elif case_id not in cases:
            where = table.where(row.number, "case")
            parsed.problems.append(
                SourceProblem(where, draft.label, f"no case '{case_id}' in sheet {CASE_SHEET}")
            )
        else:
            case = cases[case_id]
            case.children.append(draft)
            case.law = case.law or draft.law
            if case_id not in placed:
                placed.add(case_id)
                parsed.drafts.append(case)
    for case_id, case in cases.items():
        if case_id not in placed:
            message = f"no question in sheet {table.sheet} names this case"
            parsed.problems.append(SourceProblem(case.where, case_id, message))
