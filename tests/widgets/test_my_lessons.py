"""The course home's lesson list (quizkit.my_lessons) in a real project and store, no browser."""

from __future__ import annotations

from pathlib import Path

import quizkit
from quizkit.widgets import QuizView
from tests.widgets.conftest import answer, identify
from tests.widgets.lesson_project import QUIZ_ID


def rows(html: str) -> list[str]:
    return [row for row in html.split("<tr>")[2:]]


def test_before_identity_a_notice_then_progress_up_to_completed(project: Path) -> None:
    first = quizkit.my_lessons()
    assert "请先在课程首页" in first.value and "<table>" not in first.value
    assert "运行" not in first.value  # no JupyterLab instructions: app mode has no cells to run
    quiz = quizkit.quiz(QUIZ_ID)
    assert isinstance(quiz, QuizView)
    identify(quiz)
    answer(quiz, "t-single", "C")
    shown = quizkit.my_lessons().value
    (row,) = rows(shown)
    assert row.startswith(
        "<td>其他课程</td><td>行政许可法</td><td>1</td><td>学习中</td><td>1 / 5</td>"
    )
    assert ".ipynb" not in shown and "文件" not in shown  # the lesson's title, never its file
    answer(quiz, "t-multi", ("A", "C"))
    answer(quiz, "t-judge", True)
    answer(quiz, "t-case-1", False)
    answer(quiz, "t-case-2", "B")
    (row,) = rows(quizkit.my_lessons().value)
    assert "已完成" in row and "<td>5 / 5</td>" in row
    assert "学习路径：未指定（显示全部课程）" in quizkit.my_lessons().value
