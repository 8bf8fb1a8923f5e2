"""Writing bank YAML: questions, case groups and named quizzes in the documented field order.

Importers build plain mappings (they may still be wrong: the checker says so later, with the source's
coordinates), so the writer takes models or mappings alike. Output is block style like the hand-written
files; short lists (answer, article, tags) are flow lists as in docs/question-bank.md. Every string our
strict loader would read as something else (YAML 1.1 booleans such as ``no``/``Y``, numbers, dates,
null) is quoted, so a written file reads back to exactly the values given.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel

from quizkit.bank.yamlsource import YamlList, YamlMap, load_yaml

QUESTION_FIELDS = (
    "id",
    "type",
    "stem",
    "options",
    "answer",
    "points",
    "explanation",
    "cite",
    "difficulty",
    "tags",
    "status",
)
CASE_FIELDS = ("id", "type", "title", "scenario", "tags", "status", "questions")
CITE_FIELDS = ("law", "article", "part", "quote")
QUIZ_FIELDS = ("id", "title", "description", "questions")
_FLOW_LISTS = {"answer", "article", "tags"}

_SPECIAL_WORDS = {"y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", ""}
_NUMBER_LIKE = re.compile(r"[-+.0-9_eE:]+")
_UNPRINTABLE = re.compile("[\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
_PLAIN_FLOW_ITEM = re.compile(r"[^\s\-?:,\[\]{}#&*!|>'\"%@`][^,\[\]{}#:]*")


class _Quoted(str):
    """A string that must be written double-quoted."""


class _Flow(list[Any]):
    """A list written in flow style: [A, C]."""


class _Dumper(yaml.SafeDumper):
    """Indents block lists under their key (``questions:\\n  - id: …``) like the bank files."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _quote(text: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax, which YAML reads the same)."""
    quoted = json.dumps(text, ensure_ascii=False)
    return _UNPRINTABLE.sub(lambda m: f"\\u{ord(m.group()):04x}", quoted)


def _represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
    style = "|" if "\n" in text else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)


def _represent_quoted(dumper: yaml.SafeDumper, text: _Quoted) -> yaml.ScalarNode:
    return dumper.represent_scalar("tag:yaml.org,2002:str", str(text), style='"')


def _represent_flow(dumper: yaml.SafeDumper, items: _Flow) -> yaml.SequenceNode:
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=True)


_Dumper.add_representer(str, _represent_str)
_Dumper.add_representer(_Quoted, _represent_quoted)
_Dumper.add_representer(_Flow, _represent_flow)


def _risky(text: str) -> bool:
    """True when a plain scalar would not read back as this exact string."""
    if text.lower() in _SPECIAL_WORDS or _NUMBER_LIKE.fullmatch(text):
        return True
    return text != text.strip() or bool(_UNPRINTABLE.search(text)) or "\t" in text


def _scalar(value: Any, *, in_flow: bool = False) -> Any:
    if not isinstance(value, str):
        return value
    if _risky(value) or (in_flow and not _PLAIN_FLOW_ITEM.fullmatch(value)):
        return _Quoted(value)
    return value


def _plain(value: Any) -> Any:
    """Models → dicts without None fields; mappings and lists copied; strings marked for quoting."""
    if isinstance(value, BaseModel):
        value = value.model_dump(mode="python", exclude_none=True)
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return _scalar(value)


def _ordered(data: Mapping[str, Any], order: Sequence[str], nested: str | None) -> dict[str, Any]:
    known = [key for key in order if key in data]
    extra = [
        key for key in data if key not in order
    ]  # unknown fields stay, for the checker to name
    result: dict[str, Any] = {}
    for key in [*known, *extra]:
        value = data[key]
        if key == "cite" and isinstance(value, Mapping):
            value = _ordered(value, CITE_FIELDS, None)
        elif key == nested and isinstance(value, list):
            value = [_item(sub) for sub in value]
        elif key in _FLOW_LISTS and isinstance(value, list):
            value = _Flow(_scalar(str(v), in_flow=True) if isinstance(v, str) else v for v in value)
        result[key] = value
    return result


def _item(data: Any) -> Any:
    plain = _plain(data)
    if not isinstance(plain, dict):
        return plain
    if plain.get("type") == "case":
        return _ordered(plain, CASE_FIELDS, "questions")
    return _ordered(plain, QUESTION_FIELDS, None)


def dump_bank(
    law: str,
    items: Iterable[BaseModel | Mapping[str, Any]],
    quizzes: Iterable[BaseModel | Mapping[str, Any]] = (),
) -> str:
    """The text of one bank file for ``law`` holding ``items`` (questions and case groups)."""
    document: dict[str, Any] = {"schema_version": 1, "law": _scalar(law)}
    quiz_list = [_ordered(_plain(quiz), QUIZ_FIELDS, None) for quiz in quizzes]
    if quiz_list:
        document["quizzes"] = quiz_list
    document["questions"] = [_item(item) for item in items]
    text = yaml.dump(
        document,
        Dumper=_Dumper,
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1_000_000,
        indent=2,
    )
    # a blank line between top-level questions, as in the hand-written files
    head, marker, body = text.partition("\nquestions:\n")
    return head + marker + re.sub(r"\n(  - id: )", r"\n\n\1", body)


def write_bank_file(
    path: Path,
    law: str,
    items: Iterable[BaseModel | Mapping[str, Any]],
    quizzes: Iterable[BaseModel | Mapping[str, Any]] = (),
) -> Path:
    """Write :func:`dump_bank` to ``path`` (UTF-8) and return the path."""
    path.write_text(dump_bank(law, items, quizzes), encoding="utf-8")
    return path


def field_lines(path: Path) -> list[tuple[int, str, str]]:
    """(line, item id, field) for every field of every question, case and quiz in a bank file.

    Lets an importer turn a checker problem at a line of generated YAML back into the field, and so
    into the place in its own source file (an Excel column, a GIFT line).
    """
    data, _ = load_yaml(path)
    found: list[tuple[int, str, str]] = []
    if isinstance(data, YamlMap):
        for key in ("questions", "quizzes"):
            _collect(data.get(key), found)
    return sorted(found)


def _collect(items: Any, found: list[tuple[int, str, str]]) -> None:
    if not isinstance(items, YamlList):
        return
    for item in items:
        if not isinstance(item, YamlMap) or not isinstance(item.get("id"), str):
            continue
        for key, line in item.key_lines.items():
            found.append((line, item["id"], key))
        if item.get("type") == "case":
            _collect(item.get("questions"), found)


def field_at(lines: list[tuple[int, str, str]], line: int | None) -> tuple[str, str] | None:
    """The (item id, field) written at or just above ``line``, from :func:`field_lines`."""
    if line is None:
        return None
    best: tuple[str, str] | None = None
    for start, item_id, field in lines:
        if start > line:
            break
        best = (item_id, field)
    return best
