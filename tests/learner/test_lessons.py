"""The course home's lesson list: grouped by the cadre's track, completion by the one rule the
reports use (the same store gives the same 已完成 lessons in both)."""

from __future__ import annotations

from pathlib import Path

from quizkit.bank import Course, Lesson, Track
from quizkit.bank.lesson_plan import lesson_completed
from quizkit.learner.lessons import Study, cadre_study, lesson_rows
from quizkit.reports.frames import load_report_data
from quizkit.reports.lessons import completed_lessons
from quizkit.store import open_store
from tests.store.factories import make_answer, make_cadre

COURSE = Course(
    title="测试课程",
    lessons=[
        Lesson(id="L0", title="如何使用", notebook="00.ipynb", hours=0.5),
        Lesson(id="L1", title="许可", notebook="01.ipynb", hours=2, law="administrative-licensing"),
        Lesson(id="L2", title="处罚", notebook="02.ipynb", hours=1.5, law="administrative-penalty"),
    ],
    tracks=[Track(name="执法", required=["L2"], optional=["L0"])],
)
PLAN = {"L0": frozenset(), "L1": frozenset({"a", "b", "c", "d"}), "L2": frozenset({"x", "y", "z"})}


def test_rows_follow_the_track_and_the_progress() -> None:
    study = Study(
        answered=frozenset({"x", "y", "z", "a"}), opened=frozenset(), finished=frozenset()
    )
    rows = lesson_rows(COURSE, COURSE.track("执法"), PLAN, study)
    assert [(r.group, r.lesson.id, r.status, r.answered, r.total) for r in rows] == [
        ("必修", "L2", "已完成", 3, 3),
        ("选修", "L0", "未开始", 0, 0),
        ("其他课程", "L1", "学习中", 1, 4),
    ]


def test_without_a_track_every_lesson_is_listed_in_course_order() -> None:
    empty = Study(frozenset(), frozenset(), frozenset())
    rows = lesson_rows(COURSE, None, PLAN, empty)
    assert [(r.group, r.lesson.id) for r in rows] == [
        ("其他课程", "L0"),
        ("其他课程", "L1"),
        ("其他课程", "L2"),
    ]


def test_the_rule_answers_beyond_the_plan_do_not_complete_a_lesson() -> None:
    assert lesson_completed(frozenset({"a", "b"}), {"a", "b", "q"}, finished=False)
    assert not lesson_completed(frozenset({"a", "b"}), {"a", "q", "r"}, finished=True)
    assert lesson_completed(frozenset(), set(), finished=True)  # a lesson without questions
    assert not lesson_completed(frozenset(), {"a"}, finished=False)


def test_the_course_home_and_the_reports_agree_on_a_real_store(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{(tmp_path / 'quizkit.db').as_posix()}")
    store.upsert_cadre(make_cadre(1))
    lesson_one = store.start_attempt("c0001", quiz_id="q1", lesson="L1")
    for qid in ("a", "b", "c"):  # three of L1's four, from the lesson
        store.record_answer(make_answer(lesson_one.id, qid))
    retry = store.start_attempt("c0001", quiz_id="错题重练", kind="retry")
    for qid in ("x", "y", "z", "d"):  # L2 whole, and L1's last, outside any lesson
        store.record_answer(make_answer(retry.id, qid))
    exam = store.start_attempt("c0001", quiz_id="exam", kind="exam")
    store.record_answer(make_answer(exam.id, "q-exam-only"))
    store.finish_attempt(store.start_attempt("c0001", quiz_id="how", lesson="L0").id)

    study = cadre_study(store.attempts_for("c0001"), store.review_answers(["c0001"]))
    home = {r.lesson.id for r in lesson_rows(COURSE, None, PLAN, study) if r.completed}
    report = completed_lessons(load_report_data(store), PLAN)
    assert home == set(report["lesson"]) == {"L0", "L1", "L2"}
    assert "q-exam-only" not in study.answered
    store.close()
