"""A cadre's lessons by track (学习路径), with progress: what the course home shows a learner.

Pure: it takes the course, the bank and the store's per-lesson progress (``Store.progress``) and returns
rows; the widget only draws them. Required lessons come first, then optional ones, then the rest of the
course (a cadre without a track sees every lesson as 其他课程).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from quizkit.bank.course import Course, Lesson, Track
from quizkit.bank.loader import Bank

REQUIRED, OPTIONAL, OTHER = "必修", "选修", "其他课程"


@dataclass(frozen=True)
class LessonRow:
    group: str  # 必修 | 选修 | 其他课程
    lesson: Lesson
    answered: int
    total: int  # questions of the lesson's named quizzes (0: none, e.g. 综合自测)

    @property
    def status(self) -> str:
        if self.total and self.answered >= self.total:
            return "已完成"
        return "学习中" if self.answered else "未开始"


def lesson_sizes(course: Course, bank: Bank) -> dict[str, int]:
    """Questions per lesson: those of the named quizzes of the lesson's law (case ids expanded)."""
    sizes: dict[str, int] = {}
    for lesson in course.lessons:
        ids: set[str] = set()
        for quiz_id, quiz in bank.quizzes.items():
            if lesson.law and bank.quiz_laws.get(quiz_id) == lesson.law:
                for item in quiz.questions:
                    case = bank.cases.get(item)
                    ids.update([q.id for q in case.questions] if case else [item])
        sizes[lesson.id] = len(ids)
    return sizes


def lesson_rows(
    course: Course, track: Track | None, answered: Mapping[str, int], sizes: Mapping[str, int]
) -> list[LessonRow]:
    """Every lesson of the course, grouped by what the track makes of it, in course order."""
    required = set(track.required) if track else set()
    optional = set(track.optional) if track else set()

    def group(lesson: Lesson) -> str:
        return REQUIRED if lesson.id in required else OPTIONAL if lesson.id in optional else OTHER

    order = {REQUIRED: 0, OPTIONAL: 1, OTHER: 2}
    rows = [
        LessonRow(group(lesson), lesson, int(answered.get(lesson.id, 0)), sizes.get(lesson.id, 0))
        for lesson in course.lessons
    ]
    return sorted(rows, key=lambda row: order[row.group])


def answered_by_lesson(progress: Any) -> dict[str, int]:
    """``Store.progress`` (a DataFrame: lesson, answered…) as lesson → questions answered."""
    return {
        str(lesson): int(n)
        for lesson, n in zip(progress["lesson"], progress["answered"], strict=True)
    }


__all__ = ["LessonRow", "answered_by_lesson", "lesson_rows", "lesson_sizes"]
