"""The course home page (quizkit.course_home) in a real project and store, no browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import quizkit
from quizkit.learner.context import learner_context
from quizkit.widgets import QuizView
from quizkit.widgets.home import CourseHome, body_html
from tests.widgets.conftest import answer, identify
from tests.widgets.lesson_project import NOTEBOOK, QUIZ_ID

TRACKS = (
    "tracks:\n"
    "  - name: 行政执法人员\n"
    "    required: ['01-test-licensing']\n"
    "unit_tracks:\n"
    "  城关镇: 行政执法人员\n"
)


@pytest.fixture(autouse=True)
def quiet_home(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("quizkit.widgets.sessions.shown.display", lambda *args, **kwargs: None)


def lesson_item(html: str) -> str:
    (item,) = re.findall(r'<a class="qk-lesson" href="lesson\.ipynb".*?</a>', html)
    return item


def test_before_identity_the_form_and_every_lesson_not_started(project: Path) -> None:
    home = quizkit.course_home()
    assert isinstance(home, CourseHome)
    assert home.identity.asking  # the one-time form
    html = home.body.value
    assert "请先在上方登记姓名和单位" in html
    item = lesson_item(html)
    assert "行政许可法" in item and "未开始" in item and "测验 5 题，尚未作答" in item
    assert 'action="exam/exam.ipynb"' in html and 'name="code"' in html
    assert 'href="exam/mistakes.ipynb"' in html and 'href="exam/review.ipynb"' in html
    assert f'href="{NOTEBOOK}"' in html


def test_progress_state_and_score_follow_the_answers(project: Path) -> None:
    home = quizkit.course_home()
    assert isinstance(home, CourseHome)
    quiz = quizkit.quiz(QUIZ_ID)
    assert isinstance(quiz, QuizView)
    identify(quiz)  # identified in the lesson: the home follows at once
    assert "当前学员：<b>张三（城关镇）</b>" in home.identity.label.value
    assert "学习路径：未指定" in home.body.value
    answer(quiz, "t-single", "C")
    answer(quiz, "t-judge", False)  # wrong
    item = lesson_item(body_html(learner_context()))
    assert "学习中" in item and "测验：答对 1 题 / 共 5 题" in item
    answer(quiz, "t-multi", ("A", "C"))
    answer(quiz, "t-case-1", False)
    answer(quiz, "t-case-2", "B")
    home.refresh()
    item = lesson_item(home.body.value)
    assert "已完成" in item and "测验：答对 4 题 / 共 5 题" in item
    assert "已完成 1 课，1 学时" in home.body.value


def test_the_track_and_required_hours(project: Path) -> None:
    course = project / "courses" / "course.yaml"
    course.write_text(course.read_text(encoding="utf-8") + TRACKS, encoding="utf-8")
    quiz = quizkit.quiz(QUIZ_ID)
    assert isinstance(quiz, QuizView)
    identify(quiz)
    html = body_html(learner_context())
    assert "学习路径：<b>行政执法人员</b>" in html
    assert "必修学时：已完成 <b>0</b> / 应修 1" in html
    assert '<h3 class="qk-home-group">必修</h3>' in html


def test_without_a_course_one_sentence(project: Path) -> None:
    (project / "courses" / "course.yaml").unlink()
    home = quizkit.course_home()
    assert isinstance(home, CourseHome)
    assert "本课程没有课程目录" in home.body.value and "<li>" not in home.body.value
