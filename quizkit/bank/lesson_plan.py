"""Which questions make up each lesson, and when a lesson counts as completed: one rule for the
course home (quizkit.learner.lessons) and the reports' 学时 (quizkit.reports.lessons).

A lesson's questions are those of the named quizzes of the lesson's law (case groups expanded). A
lesson is completed when the cadre has answered every one of them in study (practice, 错题重练, 今日
复习 — wherever they were opened); a lesson without questions (如何使用本课程, 综合自测) is completed by
a finished study attempt opened from that lesson.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence

from quizkit.bank.course import Course
from quizkit.bank.loader import Bank

LessonPlan = dict[str, frozenset[str]]


def law_questions(bank: Bank, laws: Sequence[str]) -> dict[str, list[str]]:
    """For each law, the ids of its named quizzes' questions (case ids expanded), in quiz order,
    each once. On a hub the grading service answers this for the kernel (``lesson_questions``)."""
    wanted = set(laws)
    found: dict[str, dict[str, None]] = {law: {} for law in laws}
    for quiz_id, quiz in bank.quizzes.items():
        law = bank.quiz_laws.get(quiz_id)
        if law is None or law not in wanted:
            continue
        for item in quiz.questions:
            case = bank.cases.get(item)
            found[law].update(dict.fromkeys([q.id for q in case.questions] if case else [item]))
    return {law: list(ids) for law, ids in found.items()}


def lesson_plan(course: Course, bank: Bank | None) -> LessonPlan:
    """For each lesson, the question ids of its law's named quizzes (case ids expanded)."""
    laws = [lesson.law for lesson in course.lessons if lesson.law]
    return plan_from(course, law_questions(bank, laws) if bank is not None else {})


def plan_from(course: Course, by_law: Mapping[str, Collection[str]]) -> LessonPlan:
    """The plan from each law's question ids (the bank's, or the grading service's
    ``lesson_questions`` on a hub, where the kernel cannot read the bank)."""
    return {
        lesson.id: frozenset(by_law.get(lesson.law, ()) if lesson.law else ())
        for lesson in course.lessons
    }


def lesson_completed(planned: frozenset[str], studied: Collection[str], finished: bool) -> bool:
    """The rule above for one lesson: ``studied`` are the question ids the cadre answered in study,
    ``finished`` whether a study attempt opened from the lesson was finished."""
    return planned <= set(studied) if planned else finished


__all__ = ["LessonPlan", "law_questions", "lesson_completed", "lesson_plan", "plan_from"]
