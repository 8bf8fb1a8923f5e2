"""A cadre's lessons by track (学习路径), with progress: what the course home shows a learner.

Pure: it takes the course, the lesson plan and what the cadre studied, and returns rows; the widget
only draws them. Completion follows the one rule of :mod:`quizkit.bank.lesson_plan`, so the course
home and the reports (学时, 学法档案) never disagree. Required lessons come first, then optional ones,
then the rest of the course (a cadre without a track sees every lesson as 其他课程).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from quizkit.bank.course import Course, Lesson, Track
from quizkit.bank.lesson_plan import LessonPlan, lesson_completed
from quizkit.records import FINISHED_STATUSES, STUDY_KINDS, Attempt, ReviewAnswer

REQUIRED, OPTIONAL, OTHER = "必修", "选修", "其他课程"


@dataclass(frozen=True)
class Study:
    """What one cadre studied: question ids answered in study, lessons opened, lessons finished."""

    answered: frozenset[str]
    opened: frozenset[str]
    finished: frozenset[str]


def cadre_study(attempts: Iterable[Attempt], answers: Iterable[ReviewAnswer]) -> Study:
    """The study record from the cadre's attempts and answers (exam answers do not count)."""
    study = [a for a in attempts if a.kind in STUDY_KINDS and a.lesson]
    return Study(
        answered=frozenset(a.question_id for a in answers if a.kind in STUDY_KINDS),
        opened=frozenset(str(a.lesson) for a in study),
        finished=frozenset(str(a.lesson) for a in study if a.status in FINISHED_STATUSES),
    )


@dataclass(frozen=True)
class LessonRow:
    group: str  # 必修 | 选修 | 其他课程
    lesson: Lesson
    answered: int  # of the lesson's questions
    total: int  # questions of the lesson's named quizzes (0: none, e.g. 综合自测)
    completed: bool
    opened: bool

    @property
    def status(self) -> str:
        if self.completed:
            return "已完成"
        return "学习中" if self.answered or self.opened else "未开始"


def lesson_rows(
    course: Course, track: Track | None, plan: LessonPlan, study: Study
) -> list[LessonRow]:
    """Every lesson of the course, grouped by what the track makes of it, in course order."""
    required = set(track.required) if track else set()
    optional = set(track.optional) if track else set()

    def group(lesson: Lesson) -> str:
        return REQUIRED if lesson.id in required else OPTIONAL if lesson.id in optional else OTHER

    def row(lesson: Lesson) -> LessonRow:
        planned = plan.get(lesson.id, frozenset())
        done = lesson_completed(planned, study.answered, lesson.id in study.finished)
        answered = len(planned & study.answered)
        return LessonRow(
            group(lesson), lesson, answered, len(planned), done, lesson.id in study.opened
        )

    order = {REQUIRED: 0, OPTIONAL: 1, OTHER: 2}
    return sorted((row(lesson) for lesson in course.lessons), key=lambda r: order[r.group])


__all__ = ["LessonRow", "Study", "cadre_study", "lesson_rows"]
