"""Refuse a PDF that would print boxes: every character is checked against the fonts first.

WeasyPrint writes a character no installed font has as an empty box and exits happily; with no font
at all it can crash. Before any PDF is laid out, the text it will print is checked against the CJK
fonts :mod:`quizkit.fonts` finds; a miss is refused naming the cadre (or the document) and the
characters, with what to install.
"""

from __future__ import annotations

from collections.abc import Iterable
from html.parser import HTMLParser

from quizkit.errors import QuizkitError
from quizkit.fonts import INSTALL_HINT, cjk_font_files, uncovered

SHOWN = 10  # cadres named in one message


class _VisibleText(HTMLParser):
    """The text a reader sees: everything outside <style>, <script> and <head> metadata."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("style", "script", "title"):
            self._hidden += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in ("style", "script", "title") and self._hidden:
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)


def visible_text(html: str) -> str:
    parser = _VisibleText()
    parser.feed(html)
    parser.close()
    return "".join(parser.parts)


def ensure_printable(labelled: Iterable[tuple[str, str]]) -> None:
    """Raise QuizkitError unless every character of every (who, text) pair can be printed
    (nothing to print needs no font)."""
    labelled = list(labelled)
    if not labelled:
        return
    if not cjk_font_files():
        raise QuizkitError(
            "no Chinese font is installed: the PDF would print every Chinese character as a box",
            hint=INSTALL_HINT,
        )
    misses = [(who, chars) for who, text in labelled if (chars := uncovered(text))]
    if not misses:
        return
    named = "; ".join(f"{who}: {' '.join(chars)}" for who, chars in misses[:SHOWN])
    more = f" (and {len(misses) - SHOWN} more)" if len(misses) > SHOWN else ""
    raise QuizkitError(
        f"cannot print {len(misses)} item(s): no installed font has these characters — "
        f"{named}{more}",
        hint="install a font with the rare characters (Debian: fonts-noto-cjk-extra or "
        "fonts-hanazono), or check the spelling in the roster; HTML output is not affected",
    )


__all__ = ["ensure_printable", "visible_text"]
