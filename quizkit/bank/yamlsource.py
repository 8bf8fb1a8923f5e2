"""Strict YAML reading that remembers line numbers.

PyYAML's C composer builds the node tree; we construct plain values ourselves so that every mapping and
list knows the line it came from, dates stay text, and YAML 1.1 surprises (``no``/``on``/``off`` read as
booleans, duplicate keys) are reported instead of silently accepted.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from quizkit.errors import Problem

try:  # the C loader is ~10x faster; fall back where libyaml is missing
    _Loader: type[yaml.SafeLoader] = yaml.CSafeLoader  # type: ignore[assignment]
except AttributeError:  # pragma: no cover
    _Loader = yaml.SafeLoader

_BOOL = "tag:yaml.org,2002:bool"
_NUMBERS = {"tag:yaml.org,2002:int", "tag:yaml.org,2002:float"}
_NULL = "tag:yaml.org,2002:null"


class YamlMap(dict[str, Any]):
    """A mapping that knows its own line and the line of each key (1-based)."""

    line: int
    key_lines: dict[str, int]


class YamlList(list[Any]):
    """A list that knows its own line and the line of each item (1-based)."""

    line: int
    item_lines: list[int]


class _Builder:
    def __init__(self, file: str) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self._constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node) -> Any:
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node)
        if isinstance(node, yaml.SequenceNode):
            return self._sequence(node)
        return self._scalar(node)

    def _mapping(self, node: yaml.MappingNode) -> YamlMap:
        result = YamlMap()
        result.line = node.start_mark.line + 1
        result.key_lines = {}
        for key_node, value_node in node.value:
            key = str(self._scalar(key_node)) if isinstance(key_node, yaml.ScalarNode) else "?"
            line = key_node.start_mark.line + 1
            if key in result:
                self.problems.append(Problem(self.file, line, None, f"duplicate key '{key}'"))
            result[key] = self.build(value_node)
            result.key_lines[key] = line
        return result

    def _sequence(self, node: yaml.SequenceNode) -> YamlList:
        result = YamlList(self.build(item) for item in node.value)
        result.line = node.start_mark.line + 1
        result.item_lines = [item.start_mark.line + 1 for item in node.value]
        return result

    def _scalar(self, node: yaml.Node) -> Any:
        value = node.value
        tag = node.tag
        if tag == _BOOL:
            if value.lower() in ("true", "false"):
                return value.lower() == "true"
            self.problems.append(
                Problem(
                    self.file,
                    node.start_mark.line + 1,
                    None,
                    f"'{value}' is read as a YAML 1.1 boolean; write true/false, or quote it (\"{value}\") "
                    "if it is text",
                )
            )
            return value
        if tag in _NUMBERS and ":" not in value:
            return self._constructor.construct_object(node)
        if tag == _NULL:
            return None
        return value  # strings, and timestamps kept as text


def load_yaml(path: Path) -> tuple[Any, list[Problem]]:
    """Read one YAML file; returns the value (YamlMap/YamlList/scalars) and the problems found."""
    file = path.as_posix()
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as error:
        return None, [
            Problem(file, None, None, f"not UTF-8 ({error.reason}); save the file as UTF-8")
        ]
    except OSError as error:
        return None, [Problem(file, None, None, f"cannot read the file: {error.strerror}")]
    try:
        node = yaml.compose(text, Loader=_Loader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        reason = " ".join(filter(None, [error.context, error.problem]))
        return None, [Problem(file, line, None, f"malformed YAML: {reason}")]
    except yaml.YAMLError as error:
        return None, [Problem(file, None, None, f"malformed YAML: {error}")]
    if node is None:
        return None, [Problem(file, 1, None, "the file is empty")]
    builder = _Builder(file)
    value = builder.build(node)
    return value, builder.problems
