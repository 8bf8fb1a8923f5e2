"""``quizkit.my_lessons()``: the course home's list of the learner's lessons by track, with progress.

Lessons are named by their titles in ``courses/course.yaml``, never by notebook file names: in app
mode a cadre opens lessons from the course home and never sees a file. Never a traceback: a missing
course, an unknown learner or a store that cannot be opened is a short Chinese notice.
"""

from __future__ import annotations

from html import escape

import ipywidgets as w

from quizkit.bank.lesson_plan import lesson_plan
from quizkit.errors import QuizkitError
from quizkit.learner.context import learner_context
from quizkit.learner.lessons import LessonRow, cadre_study, lesson_rows
from quizkit.project import Project
from quizkit.widgets.render import notice_html, stylesheet

NO_LEARNER = (
    "还不知道您是谁：请先在课程首页（或任意一课的测验上方）登记姓名和单位，"
    "这里就会列出您的课程和进度。"
)


def _table(track_name: str, due: float | None, rows: list[LessonRow]) -> str:
    head = f"学习路径：{escape(track_name)}" if track_name else "学习路径：未指定（显示全部课程）"
    if due is not None:
        done = sum(row.lesson.hours for row in rows if row.group == "必修" and row.completed)
        head += f"　必修学时：已完成 {done:g} / 应修 {due:g}"
    body = "".join(
        f"<tr><td>{escape(row.group)}</td><td>{escape(row.lesson.title)}</td>"
        f"<td>{row.lesson.hours:g}</td>"
        f"<td>{escape(row.status)}</td><td>{row.answered}"
        f"{f' / {row.total}' if row.total else ''}</td></tr>"
        for row in rows
    )
    return (
        f'<div class="quizkit" lang="zh-CN"><p><b>{head}</b></p><table>'
        "<tr><th>类别</th><th>课程</th><th>学时</th><th>状态</th><th>已答题数</th></tr>"
        f"{body}</table></div>"
    )


def _html() -> str:
    context = learner_context()
    course = Project(context.settings).course()
    if course is None:
        return notice_html("本课程没有课程目录（courses/course.yaml），请联系培训老师。")
    identity = context.learner.identity
    if identity is None:
        return notice_html(NO_LEARNER)
    store = context.store()
    cadre = store.get_cadre(identity.cadre_id)
    parents = store.unit_parents()
    stored = cadre.track if cadre is not None else None
    track = course.track_for(stored, identity.unit, parents)
    study = cadre_study(
        store.attempts_for(identity.cadre_id), store.review_answers([identity.cadre_id])
    )
    rows = lesson_rows(course, track, lesson_plan(course, context.bank), study)
    due = course.required_hours(track) if track else None
    return _table(track.name if track else "", due, rows)


def my_lessons() -> w.HTML:
    """Show the learner's lessons by track with progress (or a short notice, never a traceback)."""
    try:
        html = _html()
    except QuizkitError as error:
        html = notice_html(f"暂时无法显示学习进度：{error.user_message.splitlines()[0]}")
    except (
        OSError,
        ValueError,
        KeyError,
    ) as error:  # an odd results folder or frame: say so, no trace
        html = notice_html(f"暂时无法显示学习进度（{type(error).__name__}），请联系培训老师。")
    view = w.HTML(stylesheet() + html)
    view.add_class("quizkit")
    return view


__all__ = ["my_lessons"]
