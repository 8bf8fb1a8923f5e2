"""Setting questions aside for review in their YAML files, touching only the lines that must change.

``status: active`` becomes ``status: review`` (a trailing comment stays) and a ``review_reason`` line
follows it; a question without a status line gets both after its last field. Comments, blank lines,
quoting and every other line stay byte for byte. Each file is written once, through a temporary file
in the same folder (quizkit.atomicfile), and only after the edited text has been read back with the
question now under review — so a file is never half-written and nothing is ever deleted. Retired
questions are left as they are.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from quizkit.atomicfile import replacing
from quizkit.bank.yamlsource import YamlList, YamlMap, load_yaml
from quizkit.errors import BankError, QuizkitError

_LEAD = re.compile(r"^[ ]*(?:-[ ]+)*")
_STATUS = re.compile(r"^(?P<head>[ ]*(?:-[ ]+)*status:[ ]*)(?P<value>[^#\s]+)(?P<tail>.*)$")


def _find(items: Any, question_id: str) -> YamlMap | None:
    if not isinstance(items, YamlList):
        return None
    for item in items:
        if not isinstance(item, YamlMap):
            continue
        if item.get("id") == question_id and item.get("type") != "case":
            return item
        inner = _find(item.get("questions"), question_id) if item.get("type") == "case" else None
        if inner is not None:
            return inner
    return None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _last_line(lines: list[str], start: int, column: int) -> int:
    """Index of the item's last content line (comments and blank lines after it are not its)."""
    last = start
    for index in range(start + 1, len(lines)):
        text = lines[index]
        if not text.strip():
            continue
        if _indent(text) < column:
            break
        if not text.lstrip().startswith("#"):
            last = index
    return last


def _replace_reason(lines: list[str], item: YamlMap, column: int, reason_line: str) -> None:
    start = item.key_lines["review_reason"] - 1
    later = [line - 1 for line in item.key_lines.values() if line - 1 > start]
    stop = _last_line(lines, start, column + 1) + 1
    lines[start : min([stop, *later])] = [reason_line]


def _set_status(lines: list[str], at: int, reason_line: str | None) -> None:
    match = _STATUS.match(lines[at])
    if match is None:
        raise QuizkitError(f"cannot read the status line: {lines[at].strip()!r}", line=at + 1)
    lines[at] = match.group("head") + "review" + match.group("tail")
    if reason_line is not None:
        lines.insert(at + 1, reason_line)


def _mark(lines: list[str], item: YamlMap, reason: str) -> None:
    """Edit ``lines`` (0-based list) so that ``item`` reads status: review with ``reason``; the
    lower edit goes first so the line numbers of the upper one still hold."""
    first = item.key_lines["id"] - 1
    column = len(_LEAD.match(lines[first]).group(0))  # type: ignore[union-attr]
    reason_line = " " * column + "review_reason: " + json.dumps(reason, ensure_ascii=False)
    has_reason = "review_reason" in item.key_lines
    if "status" not in item.key_lines:
        if has_reason:
            _replace_reason(lines, item, column, reason_line)
        end = _last_line(lines, first, column)
        lines[end + 1 : end + 1] = [" " * column + "status: review"] + (
            [] if has_reason else [reason_line]
        )
        return
    status_at = item.key_lines["status"] - 1
    if has_reason and item.key_lines["review_reason"] - 1 > status_at:
        _replace_reason(lines, item, column, reason_line)
        _set_status(lines, status_at, None)
    elif has_reason:
        _set_status(lines, status_at, None)
        _replace_reason(lines, item, column, reason_line)
    else:
        _set_status(lines, status_at, reason_line)


def _read_back(path: Path, reasons: Mapping[str, str]) -> str | None:
    data, problems = load_yaml(path)
    if problems or not isinstance(data, YamlMap):
        return "; ".join(str(p) for p in problems) or "not a bank file any more"
    for question_id, reason in reasons.items():
        item = _find(data.get("questions"), question_id)
        if item is None or item.get("status") != "review" or item.get("review_reason") != reason:
            return f"{question_id} does not read back as under review"
    return None


def mark_for_review(path: Path, reasons: Mapping[str, str]) -> list[str]:
    """Put the questions ``reasons`` names (id → reason) under review in one bank file.

    Returns the ids marked (retired ones and ids not in this file are skipped).
    """
    data, problems = load_yaml(path)
    if problems:
        raise BankError(problems)
    if not isinstance(data, YamlMap):
        raise QuizkitError("cannot mark questions: the file is not a bank file", file=path)
    with path.open(encoding="utf-8", newline="") as handle:
        text = handle.read()
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.split(newline)
    found = {qid: _find(data.get("questions"), qid) for qid in reasons}
    chosen = {
        qid: item
        for qid, item in found.items()
        if item is not None and item.get("status") != "retired" and "id" in item.key_lines
    }
    for qid, item in sorted(chosen.items(), key=lambda pair: -pair[1].key_lines["id"]):
        _mark(lines, item, reasons[qid])
    if not chosen:
        return []
    with replacing(path) as temporary:  # the file is replaced only when it reads back right
        temporary.write_text(newline.join(lines), encoding="utf-8", newline="")
        failure = _read_back(temporary, {qid: reasons[qid] for qid in chosen})
        if failure is not None:
            raise QuizkitError(
                f"not changed: the edited file would not read back ({failure})",
                file=path,
                hint="mark these questions by hand (status: review, review_reason: …)",
            )
    return sorted(chosen)


def mark_impacts(reasons: Mapping[str, Mapping[str, str]]) -> dict[str, list[str]]:
    """``mark_for_review`` over several files: file → (id → reason); returns file → ids marked."""
    return {file: mark_for_review(Path(file), by_id) for file, by_id in sorted(reasons.items())}


__all__ = ["mark_for_review", "mark_impacts"]
