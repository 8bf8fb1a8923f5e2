"""Lesson notebooks: structure, hidden quiz cells, quizzes that exist, no committed outputs."""

from __future__ import annotations

import ast
import copy
import itertools
import re
from pathlib import Path
from typing import Any

import nbformat
import pytest

from quizkit.app.cells import LAB_TAG, with_page_cell
from quizkit.bank import Bank, load_bank, load_course, named_quiz, select_quiz
from quizkit.bank.rules import chinese_gap
from tests.conftest import PROJECT

COURSES = PROJECT / "courses"
NOTEBOOKS = sorted(COURSES.rglob("*.ipynb"))
HOME = "home.ipynb"  # the course home page (app mode starts there), not a lesson
LESSONS = [
    nb
    for nb in sorted(COURSES.glob("*.ipynb"))
    if nb.name[:2] not in ("00", "11") and nb.name != HOME
]


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(PROJECT / "question_bank")


def quiz_calls(notebook: Any) -> list[tuple[Any, ast.Call]]:
    calls = []
    for cell in notebook.cells:
        if cell.cell_type != "code":
            continue
        for node in ast.walk(ast.parse(cell.source)):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", None) == "quiz":
                calls.append((cell, node))
    return calls


def test_course_catalogue_matches_the_notebooks() -> None:
    course = load_course(COURSES)
    listed = {lesson.notebook for lesson in course.lessons}
    assert listed == {nb.name for nb in COURSES.glob("*.ipynb")} - {HOME}
    assert all(lesson.hours > 0 for lesson in course.lessons)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_committed_without_outputs(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    nbformat.validate(notebook)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None, path.name


@pytest.mark.parametrize("path", LESSONS, ids=lambda p: p.name)
def test_lesson_structure(path: Path) -> None:
    notebook = nbformat.read(path, as_version=4)
    text = "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")
    for heading in ("学习目标", "易错点", "小结"):
        assert heading in text, f"{path.name}: no {heading}"
    assert text.count("案例") >= 2, path.name
    assert "》第" in text or "部分" in text, f"{path.name}: no article citations"
    assert 2 <= len(quiz_calls(notebook)) <= 4, path.name


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_quiz_cells_hidden_and_resolvable(path: Path, bank: Bank) -> None:
    notebook = nbformat.read(path, as_version=4)
    for cell, call in quiz_calls(notebook):
        assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, path.name
        keywords = {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords}
        keywords.pop("lesson", None)
        if call.args:
            spec = named_quiz(bank, ast.literal_eval(call.args[0]))
        else:
            keywords.pop("mode", None)
            spec = select_quiz(bank, **keywords)
        assert spec.questions, f"{path.name}: empty quiz {spec.id}"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_no_line_breaks_inside_chinese_sentences(path: Path) -> None:
    """A soft line break between two Chinese characters renders as a visible space."""
    notebook = nbformat.read(path, as_version=4)
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            for line, following in itertools.pairwise(cell.source.split("\n")):
                if line and following and not line.lstrip().startswith("#"):
                    assert not (chinese_gap(line[-1] + " " + following[0])), (path.name, line)


def markdown_text(notebook: Any) -> str:
    return "\n".join(c.source for c in notebook.cells if c.cell_type == "markdown")


def test_how_to_use_reads_right_in_app_mode_and_in_jupyterlab() -> None:
    """Lesson 00 in app mode: the course home's way, no menus, file names or Latin words; the
    JupyterLab way only in the cells app mode leaves out."""
    notebook = nbformat.read(COURSES / "00-how-to-use.ipynb", as_version=4)
    page = markdown_text(with_page_cell(copy.deepcopy(notebook)))
    assert re.findall(r"[A-Za-z]{2,}", page) == []
    for lab_only in ("运行所有单元格", "文件浏览器", "双击", "单元格", "内核"):
        assert lab_only not in page, lab_only
    for app_way in ("课程首页", "‹ 返回课程首页", "进入考试", "错题本", "切换"):
        assert app_way in page, app_way
    lab = [c for c in notebook.cells if LAB_TAG in c.metadata.get("tags", [])]
    assert lab and all(c.cell_type == "markdown" for c in lab)
    assert "运行所有单元格" in markdown_text(notebook)


def test_the_exam_page_gives_no_menu_steps_in_app_mode() -> None:
    """The exam page in app mode: registration and the 考试码 steps only; the JupyterLab menu step is
    in a cell app mode leaves out."""
    notebook = nbformat.read(COURSES / "exam" / "exam.ipynb", as_version=4)
    page = markdown_text(with_page_cell(copy.deepcopy(notebook)))
    for lab_only in ("运行全部单元格", "运行所有单元格", "菜单", "单元格"):
        assert lab_only not in page, lab_only
    assert "考试码" in page and "进入考试" in page
    assert "运行全部单元格" in markdown_text(notebook)
