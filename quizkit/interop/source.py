"""Places in an outside file, problems located there, and bank drafts read from it.

A spreadsheet problem says sheet, row and column; a text format says the line. Problems the bank checker
finds later are placed here by their question id and field (see bank_import).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from quizkit.errors import ImportFormatError


@dataclass(frozen=True)
class Where:
    """A place in a source file: a line (text formats) or sheet/row/column (spreadsheets, CSV)."""

    file: str
    line: int | None = None
    sheet: str | None = None
    row: int | None = None
    column: str | None = None

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.file}:{self.line}"
        parts = [self.file]
        if self.sheet:
            parts.append(f"sheet {self.sheet}")
        if self.row is not None:
            parts.append(f"row {self.row}")
        if self.column:
            parts.append(f"column {self.column}")
        return ", ".join(parts)

    def at_column(self, column: str) -> Where:
        return Where(self.file, self.line, self.sheet, self.row, column)


@dataclass(frozen=True)
class SourceProblem:
    """One thing wrong, where the user can find it in their own file."""

    where: Where
    item: str | None
    message: str

    def __str__(self) -> str:
        item = f"{self.item}: " if self.item else ""
        return f"{self.where}: {item}{self.message}"


class ImportProblems(ImportFormatError):
    """A file has problems; ``problems`` lists every one, located in that file."""

    def __init__(self, problems: Sequence[SourceProblem], *, what: str, hint: str) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        lines = "\n".join(str(problem) for problem in self.problems)
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''} in {what}:\n{lines}", hint=hint
        )


@dataclass
class Draft:
    """A question or case group read from a source, as bank-shaped data (not yet checked).

    ``fields`` gives a more precise place per bank field (``stem``, ``cite.quote``…) where the source
    has one (a spreadsheet column); ``law`` is the law the source names for it (a category, a column).
    """

    data: dict[str, Any]
    where: Where
    fields: dict[str, Where] = field(default_factory=dict)
    children: list[Draft] = field(default_factory=list)
    law: str | None = None

    @property
    def label(self) -> str:
        """What a warning calls it: its id, else the start of its text."""
        given = self.data.get("id")
        if isinstance(given, str) and given:
            return given
        text = str(self.data.get("stem") or self.data.get("scenario") or "")
        return text[:20] + ("…" if len(text) > 20 else "")

    def walk(self) -> Iterator[Draft]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Parsed:
    """What a reader found in one file."""

    drafts: list[Draft] = field(default_factory=list)
    quizzes: list[Draft] = field(default_factory=list)
    problems: list[SourceProblem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    encoding: str | None = None


def cell_text(value: Any) -> str:
    """A spreadsheet or CSV value as text: 1001.0 → "1001", None → "", surrounding spaces removed."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def listed(names: Sequence[str], limit: int = 8) -> str:
    """'a, b, c' — or the first ``limit`` and how many more."""
    shown = ", ".join(names[:limit])
    return shown if len(names) <= limit else f"{shown} … (+{len(names) - limit} more)"


def samples(values: Sequence[str], count: int = 3, width: int = 20) -> str:
    """' (卢伟, 张三, 李四 …)': the first values read, shortened, for an import summary — so a person
    sees at once when a file was read in the wrong encoding."""
    if not values:
        return ""
    shown = [value if len(value) <= width else value[:width] + "…" for value in values[:count]]
    return f" ({', '.join(shown)}{' …' if len(values) > count else ''})"


# what .xlsx cannot hold as text (Excel stores it as an _x0007_ escape), raw or escaped: refused at import
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]|_x00[01][0-9A-Fa-f]_")


def control_character(text: str) -> str | None:
    """The first control character in ``text`` (tab and line breaks are allowed), else None."""
    found = _CONTROL.search(text)
    if found is None:
        return None
    mark = found.group()
    return mark if len(mark) == 1 else chr(int(mark[2:6], 16))


def control_message(what: str, char: str) -> str:
    return f"{what} has the control character U+{ord(char):04X} (invisible; delete it)"
