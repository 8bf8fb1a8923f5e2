"""``quizkit.course_home()``: the course home page (课程首页) a cadre starts from.

Who is studying (name and unit, or the one-time form), their track and 学时 done / due, every lesson
with its state (未开始 / 学习中 / 已完成, by the reports' one rule: :mod:`quizkit.bank.lesson_plan`)
and its quiz score, a link into each lesson, the 错题本, 今日复习, and the exam entry by join code.

Links are relative to ``courses/home.ipynb``, so the same page works in app mode (Voilà:
``…/voila/render/home.ipynb`` opens ``…/voila/render/01-….ipynb``), on the hub and in JupyterLab. The
exam entry is a plain HTML form: it opens ``exam/exam.ipynb?code=…``, whose join view takes the code
from the link (:func:`quizkit.widgets.page.page_query`). Never a traceback: a missing course or a
store that cannot be read is one Chinese sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from html import escape
from importlib.resources import files
from urllib.parse import quote

import ipywidgets as w

from quizkit.bank.course import Course, Track
from quizkit.bank.lesson_plan import plan_from
from quizkit.errors import QuizkitError
from quizkit.learner.context import LearnerContext
from quizkit.learner.identity import Identity
from quizkit.learner.lesson_scores import LessonScore, lesson_scores
from quizkit.learner.lessons import OTHER, LessonRow, Study, cadre_study, lesson_rows
from quizkit.project import Project
from quizkit.widgets.api import QuizErrorView
from quizkit.widgets.identity import IdentityPanel
from quizkit.widgets.quiz_view import close_tree
from quizkit.widgets.render import ShownOnce, notice_html, stylesheet
from quizkit.widgets.sessions.shown import show_learner_view

MISTAKES_PAGE = "exam/mistakes.ipynb"
REVIEW_PAGE = "exam/review.ipynb"
EXAM_PAGE = "exam/exam.ipynb"
NO_COURSE = "本课程没有课程目录（courses/course.yaml），请联系培训老师。"
NOT_YET = "请先在上方登记姓名和单位，这里就会显示你的学习进度。"
STATE_CLASS = {"未开始": "qk-state-new", "学习中": "qk-state-busy", "已完成": "qk-state-done"}


@cache
def home_stylesheet() -> str:
    css = files("quizkit.widgets").joinpath("home.css").read_text(encoding="utf-8")
    return f"<style>{css}</style>"


@dataclass(frozen=True)
class HomeData:
    """What the page shows for one cadre (or for nobody yet: every lesson, nothing done)."""

    course: Course
    track: Track | None
    rows: list[LessonRow]
    scores: dict[str, LessonScore]


def home_data(context: LearnerContext, identity: Identity | None) -> HomeData | None:
    """The cadre's lessons by track with progress and scores; None without a course catalogue."""
    course = Project(context.settings).course()
    if course is None:
        return None
    laws = [lesson.law for lesson in course.lessons if lesson.law]
    plan = plan_from(course, context.catalogue().lesson_questions(laws))
    if identity is None:
        empty = Study(frozenset(), frozenset(), frozenset())
        return HomeData(
            course, None, lesson_rows(course, None, plan, empty), lesson_scores(plan, [])
        )
    store = context.store()
    cadre = store.get_cadre(identity.cadre_id)
    track = course.track_for(cadre.track if cadre else None, identity.unit, store.unit_parents())
    answers = store.review_answers([identity.cadre_id])
    study = cadre_study(store.attempts_for(identity.cadre_id), answers)
    rows = lesson_rows(course, track, plan, study)
    return HomeData(course, track, rows, lesson_scores(plan, answers))


def _hours(value: float) -> str:
    return f"{value:g}"


def track_html(data: HomeData, identified: bool) -> str:
    """学习路径 and 学时: required done / due with a bar, or the hours done without a track."""
    if not identified:
        return ""
    done = [row for row in data.rows if row.completed]
    if data.track is None:
        hours = sum(row.lesson.hours for row in done)
        return (
            '<div class="qk-home-track"><div>学习路径：未指定（下面列出全部课程）</div>'
            f"<div>已完成 {len(done)} 课，{_hours(hours)} 学时</div></div>"
        )
    due = data.course.required_hours(data.track)
    required_done = sum(row.lesson.hours for row in done if row.group == "必修")
    share = 0 if not due else min(100, round(100 * required_done / due))
    return (
        f'<div class="qk-home-track"><div>学习路径：<b>{escape(data.track.name)}</b></div>'
        f"<div>必修学时：已完成 <b>{_hours(required_done)}</b> / 应修 {_hours(due)}</div>"
        f'<div class="qk-progress-bar" role="progressbar" aria-valuenow="{share}" '
        f'aria-valuemin="0" aria-valuemax="100"><div style="width: {share}%"></div></div></div>'
    )


def score_text(score: LessonScore | None) -> str:
    if score is None or not score.total:
        return ""
    if not score.answered:
        return f"测验 {score.total} 题，尚未作答"
    return f"测验：答对 {score.correct} 题 / 共 {score.total} 题"


def lesson_html(row: LessonRow, score: LessonScore | None) -> str:
    """One lesson: the whole item is the link (a large touch target); state, 学时, score below."""
    state = row.status
    meta = [
        f'<span class="qk-state {STATE_CLASS[state]}">{escape(state)}</span>',
        f"<span>{_hours(row.lesson.hours)} 学时</span>",
    ]
    text = score_text(score)
    if text:
        meta.append(f'<span class="qk-lesson-score">{escape(text)}</span>')
    return (
        f'<li><a class="qk-lesson" href="{escape(quote(row.lesson.notebook))}" '
        f'data-lesson="{escape(row.lesson.id)}">'
        f'<span class="qk-lesson-title">{escape(row.lesson.title)}</span>'
        f'<span class="qk-lesson-meta">{"".join(meta)}</span></a></li>'
    )


def lessons_html(data: HomeData) -> str:
    """The lessons under 必修 / 选修 / 其他课程 (one list, 全部课程, without a track)."""
    parts = []
    for group in dict.fromkeys(row.group for row in data.rows):
        rows = [row for row in data.rows if row.group == group]
        heading = "全部课程" if data.track is None and group == OTHER else group
        items = "".join(lesson_html(row, data.scores.get(row.lesson.id)) for row in rows)
        parts.append(
            f'<h3 class="qk-home-group">{escape(heading)}</h3><ul class="qk-lessons">{items}</ul>'
        )
    return "".join(parts)


def practice_html() -> str:
    """错题本, 今日复习 and the exam entry by join code (a plain form: no kernel round trip)."""
    return (
        '<h3 class="qk-home-group">练习与考试</h3><ul class="qk-lessons">'
        f'<li><a class="qk-lesson" href="{MISTAKES_PAGE}"><span class="qk-lesson-title">错题本</span>'
        '<span class="qk-lesson-meta"><span>重练答错的题</span></span></a></li>'
        f'<li><a class="qk-lesson" href="{REVIEW_PAGE}"><span class="qk-lesson-title">今日复习</span>'
        '<span class="qk-lesson-meta"><span>按遗忘规律复习学过的题</span></span></a></li></ul>'
        f'<form class="qk-exam-entry" action="{EXAM_PAGE}" method="get">'
        '<label for="qk-exam-code">参加考试：请输入培训老师公布的考试码</label>'
        '<div class="qk-exam-row"><input id="qk-exam-code" name="code" type="text" required '
        'maxlength="16" autocomplete="off" autocapitalize="characters" spellcheck="false" '
        'placeholder="如：K7Q2"><button type="submit">进入考试</button></div></form>'
    )


def body_html(context: LearnerContext) -> str:
    """Everything below the identity bar, or one sentence when it cannot be shown."""
    identity = context.learner.identity
    try:
        data = home_data(context, identity)
    except QuizkitError as error:
        return notice_html(f"暂时无法显示学习进度：{error.user_message.splitlines()[0]}")
    except (OSError, ValueError, KeyError) as error:
        return notice_html(f"暂时无法显示学习进度（{type(error).__name__}），请联系培训老师。")
    if data is None:
        return notice_html(NO_COURSE)
    hint = "" if identity is not None else notice_html(NOT_YET)
    return (
        f'<div lang="zh-CN">{hint}{track_html(data, identity is not None)}'
        f"{lessons_html(data)}{practice_html()}</div>"
    )


class CourseHome(ShownOnce, w.VBox):  # type: ignore[misc]
    """The home page: a title, the identity bar (or form), then progress, lessons and practice."""

    def __init__(self, context: LearnerContext) -> None:
        self.context = context
        self.identity = IdentityPanel(context.learner)
        self.body = w.HTML()
        course = Project(context.settings).course()
        title = course.title if course is not None else context.settings.course_title
        header = w.HTML(
            stylesheet()
            + home_stylesheet()
            + f'<div lang="zh-CN" class="qk-home-head qk-home-title">{escape(title)}</div>'
        )
        super().__init__([header, self.identity, self.body])
        self.add_class("quizkit")
        self.add_class("qk-home")
        self._follow = lambda _identity: self.refresh()
        context.learner.subscribe(self._follow)
        self.refresh()

    def refresh(self) -> None:
        """Draw the progress again (after 登记 or 切换)."""
        self.identity.refresh()
        self.body.value = body_html(self.context)

    def close_view(self) -> None:
        """Its cell ran again: stop following the learner, close the widgets."""
        self.context.learner.unsubscribe(self._follow)
        for root in (self, *self.identity.parts()):
            close_tree(root)


def course_home() -> CourseHome | QuizErrorView:
    """Show the course home page (or one sentence saying why it cannot be shown)."""
    return show_learner_view("course_home", CourseHome)


__all__ = ["CourseHome", "HomeData", "body_html", "course_home", "home_data", "home_stylesheet"]
