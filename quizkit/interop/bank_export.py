"""Export the bank to GIFT, Moodle XML, Aiken or the Excel template — and say what each cannot carry.

``CARRIES`` is the one table of which bank fields survive which format; the warnings and the round-trip
tests both read it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from quizkit.atomicfile import write_bytes, write_text
from quizkit.bank import Bank, CaseGroup, NamedQuiz, Question
from quizkit.errors import ImportFormatError
from quizkit.interop.aiken import write_aiken
from quizkit.interop.gift import gift_cannot_write, write_gift
from quizkit.interop.moodle_xml import write_moodle_xml
from quizkit.interop.source import listed
from quizkit.interop.xlsx_columns import LIST_SEPARATORS
from quizkit.interop.xlsx_export import write_xlsx_bank

Items = Sequence[tuple[str, Question | CaseGroup]]

#: bank fields each format keeps (question fields; "law" is the file's law; "case.*" a case group's)
_CORE = {"id", "type", "stem", "options", "answer", "explanation", "cite", "tags", "law"}
_CASE = {"case.scenario", "case.title", "case.tags"}
CARRIES: dict[str, frozenset[str]] = {
    "gift": frozenset(_CORE | _CASE),
    "moodle": frozenset(_CORE | _CASE | {"points", "status", "case.status"}),
    "aiken": frozenset({"type", "stem", "options", "answer"}),  # and no multiple (see aiken.py)
    "xlsx": frozenset(_CORE | _CASE | {"points", "status", "difficulty", "case.status", "quizzes"}),
}
FORMAT_NAMES = {
    "gift": "GIFT",
    "moodle": "Moodle XML",
    "aiken": "Aiken",
    "xlsx": "the Excel template",
}

_QUESTION_FIELDS: dict[str, Callable[[Question], bool]] = {  # field → does this question use it
    "id": lambda q: True,
    "explanation": lambda q: bool(q.explanation.strip()),
    "cite": lambda q: True,
    "difficulty": lambda q: True,
    "tags": lambda q: bool(q.tags),
    "points": lambda q: q.points is not None,
    "status": lambda q: q.status != "active",
    "review_reason": lambda q: q.review_reason is not None,  # no format carries it: say so
    "law": lambda q: True,
}
_CASE_FIELDS: dict[str, Callable[[CaseGroup], bool]] = {
    "case.scenario": lambda c: True,
    "case.title": lambda c: c.title is not None,
    "case.tags": lambda c: bool(c.tags),
    "case.status": lambda c: c.status != "active",
}


def bank_items(bank: Bank) -> list[tuple[str, Question | CaseGroup]]:
    """Questions and case groups in bank order (a case where its first sub-question is), with laws."""
    items: list[tuple[str, Question | CaseGroup]] = []
    seen: set[str] = set()
    for entry in bank.entries.values():
        if entry.case is None:
            items.append((entry.law, entry.question))
        elif entry.case.id not in seen:
            seen.add(entry.case.id)
            items.append((entry.law, entry.case))
    return items


def _questions(items: Items) -> list[Question]:
    found: list[Question] = []
    for _law, item in items:
        found += item.questions if isinstance(item, CaseGroup) else [item]
    return found


def not_carried(fmt: str, items: Items, quizzes: Sequence[NamedQuiz]) -> list[str]:
    """One warning per bank field that ``fmt`` cannot carry and the bank uses, naming the items."""
    keeps, name = CARRIES[fmt], FORMAT_NAMES[fmt]
    warnings = []
    questions = _questions(items)
    cases = [item for _law, item in items if isinstance(item, CaseGroup)]
    for field, uses in _QUESTION_FIELDS.items():
        ids = [q.id for q in questions if uses(q)]
        if field not in keeps and ids:
            warnings.append(f"{name} cannot carry '{field}': lost for {len(ids)}: {listed(ids)}")
    for field, used in _CASE_FIELDS.items():
        ids = [c.id for c in cases if used(c)]
        if field not in keeps and ids and fmt != "aiken":  # aiken: see its own warning
            warnings.append(f"{name} cannot carry '{field}': lost for {len(ids)}: {listed(ids)}")
    if quizzes and "quizzes" not in keeps:
        ids = [quiz.id for quiz in quizzes]
        warnings.append(f"{name} has no named quizzes: {len(ids)} not written: {listed(ids)}")
    if fmt == "xlsx":
        split = sorted({t for q in questions for t in q.tags if LIST_SEPARATORS.search(t)})
        if split:
            warnings.append(
                f"tags containing a list separator will split on import: {listed(split)}"
            )
    return warnings


def _write_gift(items: Items, _quizzes: Sequence[NamedQuiz], out: Path) -> list[str]:
    write_text(out, write_gift(items))
    left_out = gift_cannot_write(items)
    if not left_out:
        return []
    return [
        f"GIFT has no 填空 with several blanks: {len(left_out)} not written: {listed(left_out)}"
    ]


def _write_moodle(items: Items, _quizzes: Sequence[NamedQuiz], out: Path) -> list[str]:
    write_bytes(out, write_moodle_xml(items))
    return []


def _write_aiken(items: Items, _quizzes: Sequence[NamedQuiz], out: Path) -> list[str]:
    text, warnings = write_aiken(items)
    write_text(out, text)
    return warnings


def _write_xlsx(items: Items, quizzes: Sequence[NamedQuiz], out: Path) -> list[str]:
    write_xlsx_bank(items, quizzes, out)
    return []


EXPORT_FORMATS: dict[str, Callable[[Items, Sequence[NamedQuiz], Path], list[str]]] = {
    "gift": _write_gift,
    "moodle": _write_moodle,
    "aiken": _write_aiken,
    "xlsx": _write_xlsx,
}


def export_bank(bank: Bank, fmt: str, out: Path) -> list[str]:
    """Write the whole bank to ``out`` in ``fmt``; returns the warnings about what was not carried."""
    writer = EXPORT_FORMATS.get(fmt)
    if writer is None:
        raise ImportFormatError(
            f"unknown export format '{fmt}'", hint=f"use one of: {', '.join(EXPORT_FORMATS)}"
        )
    items = bank_items(bank)
    quizzes = list(bank.quizzes.values())
    return not_carried(fmt, items, quizzes) + writer(items, quizzes, out)
