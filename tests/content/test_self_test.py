"""The self-test (lesson 11) draws from the bank of every law the course teaches: all eighteen."""

from __future__ import annotations

import ast

import nbformat

from quizkit.bank import load_course
from tests.conftest import PROJECT
from tests.content.test_courses import quiz_calls

SELF_TEST = PROJECT / "courses" / "11-self-test.ipynb"


def test_self_test_covers_every_lesson_law_once() -> None:
    course = load_course(PROJECT / "courses")
    taught = [lesson.law for lesson in course.lessons if lesson.law]
    notebook = nbformat.read(SELF_TEST, as_version=4)
    drawn = []
    for _, call in quiz_calls(notebook):
        keywords = {kw.arg: ast.literal_eval(kw.value) for kw in call.keywords}
        assert keywords.get("n") == 5 and "seed" in keywords, keywords
        drawn.append(keywords["law"])
    assert len(taught) == 18
    assert sorted(drawn) == sorted(taught)
