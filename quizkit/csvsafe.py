"""CSV cells a spreadsheet would run as a formula, neutralised.

Excel and WPS treat a cell starting with ``= + - @`` (and, after trimming, tab or carriage return) as a
formula, so ``=HYPERLINK(...)`` typed as a name would run when the office opens an export (CSV
injection, OWASP). Every CSV quizkit writes prefixes such a cell with ``'``, which spreadsheets show as
text; a cell that itself starts with ``'`` gets one more, so reading our own CSV back removes exactly one
and every value comes back as it was. (The .xlsx files store these cells as text already.)
"""

from __future__ import annotations

from typing import TypeVar

_STARTS = frozenset("=+-@\t\r")
T = TypeVar("T")


def neutralise(value: T) -> T | str:
    """``'=1+1`` for ``=1+1``; values that are not text, or start otherwise, unchanged."""
    if isinstance(value, str) and value and (value[0] in _STARTS or _escaped(value)):
        return "'" + value
    return value


def restore(text: str) -> str:
    """The value :func:`neutralise` was given (one leading ``'`` removed where it added one)."""
    return text[1:] if _escaped(text) else text


def _escaped(text: str) -> bool:
    return len(text) > 1 and text[0] == "'" and (text[1] in _STARTS or text[1] == "'")


__all__ = ["neutralise", "restore"]
