"""Import a bank from another format: read → give ids → build the bank file's data → check it → YAML.

The checker is the one ``quizkit bank check`` runs, given the data the YAML is written from (the writer
guarantees the file reads back as that data). Each problem carries its question id and field
(``cite.quote``, ``options.B``), which lead straight to the draft's place in the source file: the sheet,
row and column of an Excel file, or the line of a GIFT, Aiken or Moodle XML file.

Ids: an id the source gives (the 编号 column, GIFT ``[id:…]``, Moodle ``<idnumber>``) is kept when it is
valid and not already in use; otherwise the id is ``<prefix>-`` plus a hash of the type and stem (of the
scenario for a case), lengthened until it is unused, so importing the same file again gives the same ids.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from quizkit.bank.loader import check_bank_data
from quizkit.bank.models import ID_PATTERN
from quizkit.bank.writer import bank_document, render_bank
from quizkit.errors import ImportFormatError, Problem
from quizkit.interop.aiken import looks_like_aiken, read_aiken
from quizkit.interop.encoding import read_text
from quizkit.interop.gift import read_gift
from quizkit.interop.moodle_xml import read_moodle_xml
from quizkit.interop.source import (
    Draft,
    Parsed,
    SourceProblem,
    Where,
    control_character,
    control_message,
)
from quizkit.interop.xlsx_bank import read_xlsx_bank
from quizkit.laws import LAWS

_ID = re.compile(ID_PATTERN)


@dataclass
class BankImport:
    """The generated bank YAML, what could not be carried, and every problem at its source place."""

    source: str
    law: str
    text: str
    questions: int
    cases: int
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)
    samples: list[str] = field(default_factory=list)  # the first stems read, for the summary


def _read_text_file(path: Path, encoding: str | None) -> Parsed:
    text, name = read_text(path.as_posix(), path.read_bytes(), encoding)
    reader = read_aiken if looks_like_aiken(text) else read_gift
    parsed = reader(text, path.as_posix())
    parsed.encoding = name
    for number, line in enumerate(text.split("\n"), start=1):
        char = control_character(line)
        if char is not None:
            where = Where(path.as_posix(), line=number)
            parsed.problems.append(SourceProblem(where, None, control_message("the line", char)))
    return parsed


READERS: dict[str, Callable[[Path, str | None], Parsed]] = {
    ".xlsx": lambda path, _encoding: read_xlsx_bank(path),
    ".xml": lambda path, _encoding: read_moodle_xml(path.read_bytes(), path.as_posix()),
    ".gift": _read_text_file,
    ".txt": _read_text_file,
    ".aiken": _read_text_file,
}


def read_source(path: Path, encoding: str | None = None) -> Parsed:
    """Drafts from any supported file, chosen by its suffix (.txt: GIFT or Aiken, by content)."""
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        raise ImportFormatError(
            f"cannot import '{path.suffix}' files",
            file=path.as_posix(),
            hint="use .xlsx (the template), .gift or .txt (GIFT or Aiken), or .xml (Moodle XML)",
        )
    if not path.is_file():
        raise ImportFormatError("no such file", file=path.as_posix())
    return reader(path, encoding)


def _derive(prefix: str, draft: Draft, taken: set[str]) -> str:
    text = str(draft.data.get("scenario") if draft.data.get("type") == "case" else "")
    text = text or f"{draft.data.get('type')}\n{draft.data.get('stem')}"
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    for size in range(8, len(digest) + 1, 2):
        candidate = f"{prefix}-{'case-' if draft.data.get('type') == 'case' else ''}{digest[:size]}"
        if candidate not in taken:
            return candidate
    raise ImportFormatError(f"cannot find a free id for {draft.label}")  # pragma: no cover


def assign_ids(drafts: list[Draft], existing: Collection[str], prefix: str) -> list[str]:
    """Give every draft an id; returns notes on source ids that had to change."""
    taken = set(existing)
    notes = []
    for draft in (d for top in drafts for d in top.walk()):
        given = draft.data.get("id")
        if isinstance(given, str) and _ID.match(given) and given not in taken:
            taken.add(given)
            continue
        draft.data["id"] = _derive(prefix, draft, taken)
        taken.add(draft.data["id"])
        if given:
            reason = "is already in use" if _ID.match(str(given)) else "is not a valid id"
            notes.append(f"{draft.where}: id '{given}' {reason}; imported as {draft.data['id']}")
    return notes


def _complete(draft: Draft, law: str, difficulty: int) -> None:
    """Fill what the source could not say: the citation's law, the difficulty, the status."""
    data = draft.data
    if data.get("type") == "case":
        data.setdefault("status", "active")
        for child in draft.children:
            child.law = child.law or draft.law
            _complete(child, law, difficulty)
        return
    cite = dict(data.get("cite") or {})
    cite.setdefault("law", draft.law or law)
    data["cite"] = cite
    data.setdefault("explanation", "")
    if data.get("difficulty") is None:
        data["difficulty"] = difficulty
    data.setdefault("status", "active")


def _file_law(parsed: Parsed, law: str | None, source: str) -> str:
    if law is not None:
        if law not in LAWS:
            raise ImportFormatError(
                f"unknown law '{law}'", hint=f"use one of: {', '.join(LAWS)}", file=source
            )
        return law
    named = sorted({d.law for top in parsed.drafts for d in top.walk() if d.law})
    if len(named) == 1:
        return named[0]
    raise ImportFormatError(
        "the file does not name one law" + (f" (it names {', '.join(named)})" if named else ""),
        file=source,
        hint="say which bank file this is with --law, e.g. --law administrative-licensing",
    )


def _bank_data(draft: Draft) -> dict[str, Any]:
    data = dict(draft.data)
    if draft.children:
        data["questions"] = [_bank_data(child) for child in draft.children]
    return data


def _place(problem: Problem, drafts: dict[str, Draft]) -> Where | None:
    """The source place of a problem's field (``cite.quote`` → its cell), else of its draft."""
    draft = drafts.get(problem.item or "")
    if draft is None:
        return None
    name = problem.field or ""
    while name:  # options.B → options.B, then options
        if name in draft.fields:
            return draft.fields[name]
        name = name.rpartition(".")[0]
    return draft.where


def check_drafts(
    parsed: Parsed, law: str, laws_dir: Path | None, source: str = "<import>"
) -> tuple[str, list[SourceProblem]]:
    """The bank YAML for the drafts, and the checker's problems placed in the source file."""
    items = [_bank_data(d) for d in parsed.drafts]
    document = bank_document(law, items, [q.data for q in parsed.quizzes])
    _, problems = check_bank_data(document, source, laws_dir)
    drafts = {str(d.data["id"]): d for top in parsed.drafts for d in top.walk()}
    drafts |= {str(q.data["id"]): q for q in parsed.quizzes}
    placed = []
    for problem in problems:
        where = _place(problem, drafts)
        if where is None:
            raise ImportFormatError(f"the generated bank YAML is not valid: {problem}")
        placed.append(SourceProblem(where, problem.item, problem.message))
    return render_bank(document), placed


def import_bank(
    path: Path,
    *,
    law: str | None = None,
    existing_ids: Collection[str] = (),
    prefix: str = "imp",
    difficulty: int = 2,
    laws_dir: Path | None = None,
    encoding: str | None = None,
) -> BankImport:
    """Read ``path``, check it as bank YAML, and return the YAML with located problems and warnings."""
    parsed = read_source(path, encoding)
    source = path.as_posix()
    if not parsed.drafts:
        raise ImportFormatError(
            "no questions found"
            + (f" ({len(parsed.problems)} problem(s))" if parsed.problems else ""),
            file=source,
            hint="; ".join(str(p) for p in parsed.problems[:3])
            or "is this the right file? the Excel template needs its header row (题型, 题干 …)",
        )
    file_law = _file_law(parsed, law, source)
    notes = assign_ids(parsed.drafts, existing_ids, prefix)
    for draft in parsed.drafts:
        _complete(draft, file_law, difficulty)
    text, problems = check_drafts(parsed, file_law, laws_dir, source)
    questions = sum(1 for top in parsed.drafts for d in top.walk() if d.data["type"] != "case")
    return BankImport(
        source=source,
        law=file_law,
        text=text,
        questions=questions,
        cases=sum(1 for d in parsed.drafts if d.data.get("type") == "case"),
        encoding=parsed.encoding,
        warnings=parsed.warnings + notes,
        problems=parsed.problems + problems,
        samples=[
            str(d.data.get("stem") or d.data.get("scenario") or "") for d in parsed.drafts[:4]
        ],
    )
