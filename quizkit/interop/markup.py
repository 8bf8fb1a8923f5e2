"""Question text between our plain text and the HTML that Moodle stores.

Export: escape, keep runs of spaces (&nbsp;), turn line breaks into <br>. Import: block elements and <br>
become line breaks, other tags are dropped (images are counted so the caller can warn), entities are
decoded, and whitespace is collapsed as a browser would.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_BLOCKS = {"p", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "table"}
_LOST = {"img", "video", "audio", "object", "iframe", "math", "svg"}
_SPACES = re.compile(r"[ \t\r\n\f]+")


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.lost: list[str] = []

    def _break(self) -> None:
        if self.lines[-1].strip():
            self.lines.append("")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.lines.append("")
        elif tag in _BLOCKS:
            self._break()
        elif tag in _LOST:
            self.lost.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._break()

    def handle_data(self, data: str) -> None:
        self.lines[-1] += _SPACES.sub(" ", data)


def html_to_text(markup: str) -> tuple[str, list[str]]:
    """(plain text, names of elements that carried content we dropped, e.g. ['img'])."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    lines = [line.strip(" ").replace("\xa0", " ") for line in parser.lines]
    lines = [line if line.strip() else "" for line in lines]  # <p>&nbsp;</p> is an empty line
    while lines and not lines[-1]:
        lines.pop()
    while lines and not lines[0]:
        lines.pop(0)
    return "\n".join(lines), parser.lost


def looks_like_html(text: str) -> bool:
    return bool(re.search(r"</?[a-zA-Z][^>]*>|&[a-zA-Z]+;|&#\d+;", text))


def text_to_html(text: str) -> str:
    """Plain text as HTML that :func:`html_to_text` turns back into the same text."""
    lines = []
    for line in text.split("\n"):
        escaped = html.escape(line, quote=False)
        escaped = re.sub(r"(?<= ) |^ | $", "&nbsp;", escaped)
        lines.append(escaped)
    return "<br>".join(lines)
