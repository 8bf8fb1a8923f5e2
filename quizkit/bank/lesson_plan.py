"""Which questions make up each lesson, and when a lesson counts as completed: one rule for the
course home (quizkit.learner.lessons) and the reports' 学时 (quizkit.reports.lessons).

A lesson's questions are those of the named quizzes of the lesson's law (case groups expanded). A
lesson is completed when the cadre has answered every one of them in study (practice, 错题重练, 今日
复习 — wherever they were opened); a lesson without questions (如何使用本课程, 综合自测) is completed by
a finished study attempt opened from that lesson.
"""

from __future__ import annotations

from collections.abc import Collection

from quizkit.bank.course import Course
from quizkit.bank.loader import Bank

LessonPlan = dict[str, frozenset[str]]


def lesson_plan(course: Course, bank: Bank | None) -> LessonPlan:
    """For each lesson, the question ids of its law's named quizzes (case ids expanded)."""
    plan: LessonPlan = {}
    for lesson in course.lessons:
        ids: set[str] = set()
        if bank is not None and lesson.law:
            for quiz_id, quiz in bank.quizzes.items():
                if bank.quiz_laws.get(quiz_id) != lesson.law:
                    continue
                for item in quiz.questions:
                    case = bank.cases.get(item)
                    ids.update([q.id for q in case.questions] if case else [item])
        plan[lesson.id] = frozenset(ids)
    return plan


def lesson_completed(planned: frozenset[str], studied: Collection[str], finished: bool) -> bool:
    """The rule above for one lesson: ``studied`` are the question ids the cadre answered in study,
    ``finished`` whether a study attempt opened from the lesson was finished."""
    return planned <= set(studied) if planned else finished


__all__ = ["LessonPlan", "lesson_completed", "lesson_plan"]
