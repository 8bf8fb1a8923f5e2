"""Jinja filters of the app-mode template: the page cell, and the page's title.

The page cell (:func:`with_page_cell`) runs :func:`quizkit.widgets.page.open_page` before the
notebook's own cells. Adding it in the template, instead of in every lesson, keeps the lessons
unchanged for JupyterLab and makes every page served in app mode behave the same. The same filter
leaves out the cells tagged ``quizkit-lab`` (:data:`LAB_TAG`): instructions for JupyterLab only
(menus, the file browser, file names), which a cadre's page must not show.
"""

from __future__ import annotations

import re
from typing import Any

from nbformat import NotebookNode
from nbformat.v4 import new_code_cell

PAGE_TAG = "quizkit-page"
LAB_TAG = "quizkit-lab"  # a cell for JupyterLab only: app mode leaves it out
PAGE_SOURCE = "from quizkit.widgets.page import open_page\n\nopen_page()"
DEFAULT_TITLE = "学法课程"
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>.+?)\s*#*\s*$", re.MULTILINE)
_MARKUP = re.compile(r"[*_`\[\]]|<[^>]*>")


def _tags(cell: Any) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []))


def with_page_cell(nb: NotebookNode) -> NotebookNode:
    """The notebook with the page cell first (once, however often the template asks) and without
    its JupyterLab-only cells."""
    cells: list[Any] = [cell for cell in nb.cells if LAB_TAG not in _tags(cell)]
    if not (cells and PAGE_TAG in _tags(cells[0])):
        cell = new_code_cell(PAGE_SOURCE)  # type: ignore[no-untyped-call]
        cell.metadata["tags"] = [PAGE_TAG]
        cells.insert(0, cell)
    nb.cells = cells
    return nb


def page_title(nb: NotebookNode) -> str:
    """The notebook's first heading as plain text (the browser tab's title), else 学法课程."""
    title = nb.get("metadata", {}).get("title")
    if isinstance(title, str) and title.strip():
        return title.strip()
    for cell in nb.cells:
        if cell.get("cell_type") != "markdown":
            continue
        found = _HEADING.search(str(cell.get("source", "")))
        if found:
            return _MARKUP.sub("", found.group("text")).strip() or DEFAULT_TITLE
    return DEFAULT_TITLE


__all__ = ["DEFAULT_TITLE", "LAB_TAG", "PAGE_SOURCE", "PAGE_TAG", "page_title", "with_page_cell"]
