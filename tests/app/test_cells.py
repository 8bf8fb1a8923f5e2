"""The app-mode template's filters: the page cell goes first once; the title is the first heading."""

from __future__ import annotations

import nbformat

from quizkit.app.cells import (
    DEFAULT_TITLE,
    LAB_TAG,
    PAGE_SOURCE,
    PAGE_TAG,
    page_title,
    with_page_cell,
)


def notebook(*cells: nbformat.NotebookNode, **metadata: str) -> nbformat.NotebookNode:
    nb = nbformat.v4.new_notebook()
    nb.cells = list(cells)
    nb.metadata.update(metadata)
    return nb


def test_the_page_cell_is_added_first_and_only_once() -> None:
    nb = notebook(nbformat.v4.new_markdown_cell("# 第一课"), nbformat.v4.new_code_cell("x = 1"))
    once = with_page_cell(nb)
    twice = with_page_cell(once)
    assert [cell.source for cell in twice.cells] == [PAGE_SOURCE, "# 第一课", "x = 1"]
    assert twice.cells[0].metadata["tags"] == [PAGE_TAG]
    assert twice.cells[0].cell_type == "code"


def test_cells_for_jupyterlab_only_are_left_out_of_the_page() -> None:
    lab = nbformat.v4.new_markdown_cell("点击菜单“运行”→“运行所有单元格”")
    lab.metadata["tags"] = [LAB_TAG]
    quiz = nbformat.v4.new_code_cell("quizkit.quiz('x')")
    quiz.metadata["tags"] = ["quizkit-quiz"]
    nb = notebook(nbformat.v4.new_markdown_cell("# 第〇课"), lab, quiz)
    page = with_page_cell(with_page_cell(nb))
    assert [cell.source for cell in page.cells] == [PAGE_SOURCE, "# 第〇课", "quizkit.quiz('x')"]


def test_the_title_is_the_first_heading_as_plain_text() -> None:
    nb = notebook(
        nbformat.v4.new_markdown_cell("开场白，没有标题"),
        nbformat.v4.new_markdown_cell("前言\n\n## 第一课 **行政许可法** ##\n# 后面的标题"),
    )
    assert page_title(nb) == "第一课 行政许可法"
    assert page_title(notebook(title="课程首页")) == "课程首页"
    assert page_title(notebook(nbformat.v4.new_code_cell("# a comment"))) == DEFAULT_TITLE
