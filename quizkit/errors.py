"""One exception tree for everything a user can get wrong.

    QuizkitError                 base; carries file, line, item and field when known
    ├── SettingsError            a bad setting (pyproject, QUIZKIT_* variable, CLI flag)
    ├── BankError                the question bank cannot be used; holds every Problem found
    ├── StoreError               the results database cannot be reached or used
    ├── ImportFormatError        a roster or bank file in another format cannot be read
    └── SessionError             a session or exam rule refuses the request (closed, time is up…)

The CLI prints ``str(error)`` and exits non-zero; the widgets show ``error.user_message``.
Neither ever shows a traceback for a user mistake.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def _place(file: str | None, line: int | None, item: str | None) -> str:
    """'file:line: item: ' (each part only when known)."""
    where = ""
    if file:
        where = (file if line is None else f"{file}:{line}") + ": "
    return where + (f"{item}: " if item else "")


def _tagged(message: str, field: str | None) -> str:
    """The message with the field it is about as a trailing tag, like a linter's rule code."""
    return f"{message} [{field}]" if field else message


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input file, located as precisely as we can.

    ``field`` is the dotted path of the field inside ``item`` (``answer``, ``options.B``,
    ``cite.quote``) when known: importers use it to point at their own cell or line, so nobody has to
    read the place back out of ``message``.
    """

    file: str
    line: int | None
    item: str | None
    message: str
    field: str | None = None

    def __str__(self) -> str:
        return _place(self.file, self.line, self.item) + _tagged(self.message, self.field)


class QuizkitError(Exception):
    """Base of every error quizkit raises for a problem the user can fix."""

    def __init__(
        self,
        message: str,
        *,
        file: str | Path | None = None,
        line: int | None = None,
        item: str | None = None,
        field: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.message = message
        self.file = str(file) if file is not None else None
        self.line = line
        self.item = item
        self.field = field
        self.hint = hint
        super().__init__(self._render())

    def _render(self) -> str:
        text = _place(self.file, self.line, self.item) + _tagged(self.message, self.field)
        return f"{text}\n  → {self.hint}" if self.hint else text

    @property
    def user_message(self) -> str:
        """The message as a learner should see it (no file paths needed)."""
        return self.message + (f"（{self.hint}）" if self.hint else "")


class SettingsError(QuizkitError):
    """A setting has a value quizkit cannot use."""


class BankError(QuizkitError):
    """The question bank has problems; ``problems`` lists every one."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        count = len(problems)
        lines = "\n".join(str(p) for p in problems)
        super().__init__(
            f"{count} problem{'s' if count != 1 else ''} in the question bank:\n{lines}",
            hint="fix the lines above, then run `quizkit bank check` again",
        )


class StoreError(QuizkitError):
    """The results database cannot be opened, written or read."""


class ImportFormatError(QuizkitError):
    """A file in an outside format (xlsx, csv, GIFT, Moodle XML, Aiken) cannot be read."""


class SessionError(QuizkitError):
    """A session rule refuses the request."""
