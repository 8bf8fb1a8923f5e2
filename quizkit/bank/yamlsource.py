"""Strict YAML reading that remembers line numbers.

PyYAML's C parser gives the event stream; we construct plain values ourselves so that every mapping and
list knows the line it came from, dates stay text, and YAML 1.1 surprises (``no``/``on``/``off`` read as
booleans, duplicate keys) are reported instead of silently accepted.

Anchors and aliases are refused at their line: a bank file writes every value out, and nine aliases of
nine aliases turned a 306 KB file into a 600 MB export. A file larger than ``MAX_FILE_BYTES`` is refused
before it is parsed. Nothing is cached: a parse cache used to be pickled into results/, which a learner's
process can write and the office's ``quizkit report`` then loaded — code execution — and it saved only
about 50 ms on the whole bank (93 ms → 39 ms for 1,016 questions; ``benchmarks/bank_load.py``).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from quizkit.errors import Problem

try:  # the C loader is ~10x faster; fall back where libyaml is missing
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader


class YamlMap(dict[str, Any]):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int
    key_lines: dict[str, int]


class YamlList(list[Any]):
    """A list that knows its own line and the line of each item (1-based)."""

    line: int
    item_lines: list[int]


_BOOL_WORDS = {"yes", "no", "on", "off", "y", "n", "true", "false"}
_NULL_WORDS = {"", "~", "null"}
_NUMBER_START = set("0123456789+-.")
#: the largest bank file read (the real bank's files are under 200 KB each); split larger ones
MAX_FILE_BYTES = 4 * 1024 * 1024
_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?([0-9][0-9_]*)?\.[0-9_]+([eE][-+]?[0-9]+)?$")


class _Builder:
    """Builds located values straight from libyaml's event stream (no node tree: ~3x faster)."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []

    def plain(self, value: str, line: int) -> Any:
        """Resolve a plain (unquoted) scalar: booleans, null, numbers; dates stay text."""
        first = value[:1]
        if first in _NUMBER_START:
            if _INT.match(value):
                return int(value.replace("_", ""))
            if _FLOAT.match(value):
                return float(value.replace("_", ""))
            return value
        if len(value) > 5:  # the longest special word is "false"
            return value
        lowered = value.lower()
        if lowered in _NULL_WORDS:
            return None
        if lowered in _BOOL_WORDS:
            if lowered in ("true", "false"):
                return lowered == "true"
            self.problems.append(
                Problem(
                    self.file,
                    line,
                    None,
                    f"'{value}' is read as a YAML 1.1 boolean; write true/false, or quote it "
                    f'("{value}") if it is text',
                )
            )
        return value

    def refuse(self, what: str, event: Any) -> None:
        self.problems.append(
            Problem(
                self.file,
                event.start_mark.line + 1,
                None,
                f"{what} is not allowed in a bank file: write the value out where it is used",
            )
        )

    def build(self, events: Iterator[Any]) -> Any:
        stack: list[Any] = []
        keys: list[str | None] = []
        root: Any = None
        for event in events:
            kind = type(event)
            if kind is yaml.ScalarEvent:
                line = event.start_mark.line + 1
                if event.implicit[0] and not event.tag:
                    value = self.plain(event.value, line)
                else:
                    value = event.value
            elif kind is yaml.MappingStartEvent:
                value = YamlMap()
                value.line = event.start_mark.line + 1
                value.key_lines = {}
            elif kind is yaml.SequenceStartEvent:
                value = YamlList()
                value.line = event.start_mark.line + 1
                value.item_lines = []
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
                keys.pop()
                continue
            elif kind is yaml.AliasEvent:
                self.refuse(f"YAML alias *{event.anchor}", event)
                value = None
            else:
                continue
            if getattr(event, "anchor", None) and kind is not yaml.AliasEvent:
                self.refuse(f"YAML anchor &{event.anchor}", event)
            line = event.start_mark.line + 1
            if not stack:
                root = value
            else:
                parent = stack[-1]
                if type(parent) is YamlList:
                    parent.append(value)
                    parent.item_lines.append(line)
                elif keys[-1] is None:  # this is a key
                    key = str(value)
                    if key in parent:
                        self.problems.append(
                            Problem(self.file, line, None, f"duplicate key '{key}'")
                        )
                    parent.key_lines[key] = line
                    keys[-1] = key
                    continue
                else:
                    parent[keys[-1]] = value
                    keys[-1] = None
            if kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
                stack.append(value)
                keys.append(None)
        return root


def load_yaml(path: Path) -> tuple[Any, list[Problem]]:
    """Read one YAML file; returns the value (YamlMap/YamlList/scalars) and the problems found."""
    return _parse_file(path)


def _parse_file(path: Path) -> tuple[Any, list[Problem]]:
    file = path.as_posix()
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            message = (
                f"the file is {size:,} bytes; a bank file may be at most {MAX_FILE_BYTES:,} bytes: "
                "split it (one file per law, or per chapter)"
            )
            return None, [Problem(file, None, None, message)]
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return None, [
            Problem(file, None, None, f"not UTF-8 ({error.reason}); save the file as UTF-8")
        ]
    except OSError as error:
        return None, [Problem(file, None, None, f"cannot read the file: {error.strerror}")]
    builder = _Builder(file)
    try:
        value = builder.build(yaml.parse(text, Loader=_Loader))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = " ".join(filter(None, [error.context, error.problem]))
        return None, [Problem(file, line, None, f"malformed YAML: {reason}")]
    except yaml.YAMLError as error:
        return None, [Problem(file, None, None, f"malformed YAML: {error}")]
    if value is None:
        return None, [Problem(file, 1, None, "the file is empty")]
    return value, builder.problems
