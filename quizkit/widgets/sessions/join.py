"""``quizkit.join("K7Q2")``: who is sitting (the quizzes' identity flow), the code, then the paper.

Without a code a box asks for it (a notebook the trainer hands out can carry the code instead). Every
refusal — unknown code, not yet open, no attempts left, not on the list — is shown as a sentence, never
a traceback. While a paper is open the identity cannot be switched (不得代考).
"""

from __future__ import annotations

import ipywidgets as w

from quizkit.errors import QuizkitError
from quizkit.hub.guard import ensure_exam_allowed
from quizkit.learner.context import LearnerContext
from quizkit.sessions.manage import find_session
from quizkit.sessions.sitting import ExamSitting
from quizkit.sessions.sources import question_source
from quizkit.widgets.api import QuizErrorView
from quizkit.widgets.identity import IdentityPanel
from quizkit.widgets.page import page_query
from quizkit.widgets.question import full_width
from quizkit.widgets.quiz_view import close_tree
from quizkit.widgets.render import ShownOnce, status_html, title_html
from quizkit.widgets.sessions.exam import ExamView
from quizkit.widgets.sessions.render import session_stylesheet
from quizkit.widgets.sessions.shown import show_learner_view

LOCKED = "考试进行中，交卷后才能切换学员"


class JoinView(ShownOnce, w.VBox):  # type: ignore[misc]
    """Identity, then the code box (unless a code was given), then the exam."""

    def __init__(self, context: LearnerContext, code: str | None = None) -> None:
        self.context = context
        self.exam: ExamView | None = None
        self.identity = IdentityPanel(context.learner)
        self.code = w.Text(value=code or "", description="考试码", placeholder="如：K7Q2")
        self.enter = w.Button(description="进入考试", button_style="primary")
        self.code_box = w.HBox([self.code, self.enter])
        self.message = w.HTML(layout=full_width())
        self.body = w.VBox(layout=full_width())
        header = w.HTML(
            session_stylesheet() + title_html("考试与练习", "请先确认考生身份，再输入考试码")
        )
        super().__init__(
            [header, self.identity, self.code_box, self.message, self.body], layout=full_width()
        )
        self.add_class("quizkit")
        self.enter.on_click(lambda _b: self.enter_exam())
        self._follow = lambda _identity: self._identity_changed()
        context.learner.subscribe(self._follow, self._guard)
        self._given = code is not None
        self._identity_changed()

    def _guard(self) -> str | None:
        exam = self.exam
        return LOCKED if exam is not None and not exam.sitting.finished else None

    def _identity_changed(self) -> None:
        self.identity.refresh()
        identified = self.context.learner.identity is not None
        self.code_box.layout.display = None if identified and not self._given else "none"
        if self.exam is not None:  # a new learner gets a fresh start
            self.exam.close_view()
            self.exam, self.body.children = None, ()
        if identified and self._given:
            self.enter_exam()

    def enter_exam(self) -> None:
        """进入考试: find the session, let the rules decide, show the paper (or why not)."""
        identity = self.context.learner.identity
        if identity is None:
            self.message.value = status_html("请先填写姓名和单位", error=True)
            return
        try:
            store = self.context.store()
            session = find_session(store, self.code.value)
            ensure_exam_allowed(session.kind)  # not on a hub where cadres can impersonate
            # the kernel's bank on a single machine; the grading service's questions on a hub
            source = question_source(store, lambda: self.context.bank)
        except QuizkitError as error:
            self.message.value = status_html(error.user_message, error=True)
            self.code_box.layout.display = None  # a mistyped code can be typed again
            return
        try:
            spool = self.context.settings.results_dir / "pending"
            sitting = ExamSitting.join(store, source, session, identity.cadre_id, spool=spool)
            self.message.value = ""
        except QuizkitError as error:  # no new attempt: say why, and show the last result
            self.message.value = status_html(error.user_message, error=True)
            found = ExamSitting.last_finished(store, source, session, identity.cadre_id)
            if found is None:
                return
            sitting = found
        self.code_box.layout.display = "none"
        if self.exam is not None:
            self.exam.close_view()
        self.exam = ExamView(sitting)
        self.body.children = (self.exam,)

    def close_view(self) -> None:
        """Its cell ran again: stop the clock, stop following the learner, close the widgets."""
        self.context.learner.unsubscribe(self._follow, self._guard)
        if self.exam is not None:
            self.exam.close_view()
        for root in (self, *self.identity.parts()):
            close_tree(root)


def join(code: str | None = None) -> JoinView | QuizErrorView:
    """Show the exam or practice session with this join code (or a box asking for it); in app
    mode a link's ``?code=`` (the course home's exam entry) gives the code."""
    given = code if code is not None else page_query("code")
    return show_learner_view("join", lambda context: JoinView(context, given))


__all__ = ["JoinView", "join"]
