"""The course home's lesson list: grouped by the cadre's track, with progress from the store."""

from __future__ import annotations

from quizkit.bank import Course, Lesson, Track
from quizkit.learner.lessons import answered_by_lesson, lesson_rows

COURSE = Course(
    title="测试课程",
    lessons=[
        Lesson(id="L0", title="如何使用", notebook="00.ipynb", hours=0.5),
        Lesson(id="L1", title="许可", notebook="01.ipynb", hours=2, law="administrative-licensing"),
        Lesson(id="L2", title="处罚", notebook="02.ipynb", hours=1.5, law="administrative-penalty"),
    ],
    tracks=[Track(name="执法", required=["L2"], optional=["L0"])],
)


def test_rows_follow_the_track_and_the_progress() -> None:
    rows = lesson_rows(COURSE, COURSE.track("执法"), {"L2": 3, "L1": 1}, {"L1": 4, "L2": 3})
    assert [(r.group, r.lesson.id, r.status) for r in rows] == [
        ("必修", "L2", "已完成"),
        ("选修", "L0", "未开始"),
        ("其他课程", "L1", "学习中"),
    ]


def test_without_a_track_every_lesson_is_listed_in_course_order() -> None:
    rows = lesson_rows(COURSE, None, {}, {})
    assert [(r.group, r.lesson.id) for r in rows] == [
        ("其他课程", "L0"),
        ("其他课程", "L1"),
        ("其他课程", "L2"),
    ]


def test_store_progress_frame_is_read_by_lesson() -> None:
    import pandas as pd

    frame = pd.DataFrame({"lesson": ["L1", "L2"], "answered": [2, 0]})
    assert answered_by_lesson(frame) == {"L1": 2, "L2": 0}
