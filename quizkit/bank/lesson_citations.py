"""Citations in the lessons' prose: every 《short title》第X条 in the course notebooks' markdown cells.

A run such as 《行政复议法》第二十三条、第二十四条第二款 cites articles 23 and 24. Titles are mapped to
law slugs through quizkit.laws (short or full title); a title we do not know is left alone.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from quizkit.laws import LAWS, parse_chinese_number

_NUMERAL = "零一二三四五六七八九十百"
_RUN = re.compile(
    rf"《(?P<title>[^》]+)》(?P<run>第[{_NUMERAL}]+条(?:第[{_NUMERAL}]+[款项])*"
    rf"(?:(?:、|和|及|至|以及)第[{_NUMERAL}]+条(?:第[{_NUMERAL}]+[款项])*)*)"
)
_ARTICLE = re.compile(rf"第([{_NUMERAL}]+)条")


@dataclass(frozen=True)
class LessonCitation:
    """One article cited in a lesson: notebook file, cell (1-based), line in the cell, as written."""

    notebook: str
    cell: int
    line: int
    law: str
    article: int
    text: str


def _titles() -> dict[str, str]:
    titles = {law.short_title: law.slug for law in LAWS.values()}
    titles |= {law.title: law.slug for law in LAWS.values()}
    return titles


def citations_in_text(text: str) -> Iterator[tuple[int, str, int, str]]:
    """(line, law slug, article, citation as written) for each article cited in ``text``."""
    titles = _titles()
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _RUN.finditer(line):
            slug = titles.get(match.group("title"))
            if slug is None:
                continue
            for article in _ARTICLE.finditer(match.group("run")):
                yield number, slug, parse_chinese_number(article.group(1)), match.group(0)


def notebook_citations(path: Path, root: Path | None = None) -> list[LessonCitation]:
    """Every article cited in the markdown cells of one notebook (an unreadable file: none)."""
    try:
        notebook = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return []
    shown = path.relative_to(root).as_posix() if root is not None else path.as_posix()
    found: list[LessonCitation] = []
    for index, cell in enumerate(notebook.get("cells") or [], start=1):
        if not isinstance(cell, dict) or cell.get("cell_type") != "markdown":
            continue
        source = cell.get("source", "")
        text = "".join(source) if isinstance(source, list) else str(source)
        for line, slug, article, written in citations_in_text(text):
            found.append(LessonCitation(shown, index, line, slug, article, written))
    return found


def course_citations(courses_dir: Path) -> list[LessonCitation]:
    """Citations in every notebook under ``courses_dir`` (checkpoints skipped), by file order."""
    notebooks = sorted(
        path for path in courses_dir.rglob("*.ipynb") if ".ipynb_checkpoints" not in path.parts
    )
    return [c for path in notebooks for c in notebook_citations(path, courses_dir)]


__all__ = ["LessonCitation", "citations_in_text", "course_citations", "notebook_citations"]
