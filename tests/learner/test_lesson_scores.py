"""A lesson's quiz score on the course home: latest study answer per planned question."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from quizkit.learner.lesson_scores import LessonScore, latest_study_results, lesson_scores
from quizkit.records import ReviewAnswer

START = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
PLAN = {"L1": frozenset({"a", "b", "c", "d"}), "L2": frozenset({"x"}), "L0": frozenset()}


def said(question: str, correct: bool, minute: int, kind: str = "practice") -> ReviewAnswer:
    return ReviewAnswer("c1", question, correct, START + timedelta(minutes=minute), kind, None)


def test_latest_study_answer_counts_and_exam_answers_do_not() -> None:
    answers = [
        said("a", False, 1),
        said("a", True, 5, kind="retry"),  # put right in the 错题本
        said("b", True, 2),
        said("b", False, 3),
        said("c", True, 4, kind="exam"),
    ]
    assert latest_study_results(answers) == {"a": True, "b": False}
    scores = lesson_scores(PLAN, answers)
    assert scores["L1"] == LessonScore(correct=1, answered=2, total=4)
    assert scores["L1"].percent == 25
    assert scores["L2"] == LessonScore(0, 0, 1) and scores["L2"].percent is None
    assert scores["L0"] == LessonScore(0, 0, 0)


def test_answers_outside_the_plan_are_ignored() -> None:
    scores = lesson_scores(PLAN, [said("zz", True, 1), said("x", True, 2)])
    assert scores["L2"] == LessonScore(1, 1, 1) and scores["L2"].percent == 100
    assert scores["L1"] == LessonScore(0, 0, 4)
