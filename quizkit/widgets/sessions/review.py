"""``quizkit.review()``: 今日复习 — the questions due today in the cadre's spaced-review schedule.

The review is an ordinary practice quiz (feedback, explanation and the law cited after each answer);
its answers go into the log as practice, so they move the schedule on and never change a score.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from quizkit.errors import QuizkitError
from quizkit.learner.context import LearnerContext, QuizRequest, learner_context
from quizkit.review.queue import ReviewQueue, cadre_queue
from quizkit.widgets.api import QuizErrorView
from quizkit.widgets.identity import IdentityPanel
from quizkit.widgets.question import full_width
from quizkit.widgets.quiz_view import QuizView, close_tree
from quizkit.widgets.render import display, status_html, title_html
from quizkit.widgets.sessions.join import context_store
from quizkit.widgets.sessions.render import session_stylesheet
from quizkit.widgets.sessions.shown import replace_earlier


def summary(queue: ReviewQueue) -> str:
    """今天 n 题 · 本周 m 题, or why there is nothing."""
    if not queue.scheduled:
        return "还没有可复习的题目：做完课程里的练习后，题目会按遗忘规律回到这里。"
    if not queue.today:
        return f"今天没有要复习的题目。本周（含今天）共 {queue.this_week} 题到期。"
    return f"今天要复习 {len(queue.today)} 题；本周（含今天）共 {queue.this_week} 题到期。"


class ReviewView(w.VBox):  # type: ignore[misc]
    def __init__(self, context: LearnerContext) -> None:
        self.context = context
        self.quiz: QuizView | None = None
        self.identity = IdentityPanel(context.learner)
        self.status = w.HTML(layout=full_width())
        self.again = w.Button(description="刷新")  # no icon font offline
        self.practice = w.VBox(layout=full_width())
        header = w.HTML(
            session_stylesheet()
            + title_html("今日复习", "答错的题很快再见，答对的题间隔越来越长；复习不影响考试成绩")
        )
        super().__init__(
            [header, self.identity, self.status, self.again, self.practice], layout=full_width()
        )
        self.add_class("quizkit")
        self._displayed = False
        self.again.on_click(lambda _b: self.refresh())
        self._follow = lambda _identity: self.refresh()
        context.learner.subscribe(self._follow)
        self.refresh()

    def refresh(self) -> None:
        """Read the schedule again and offer today's questions as a practice quiz."""
        self.identity.refresh()
        identity = self.context.learner.identity
        self._close_quiz()
        if identity is None:
            self.status.value, self.practice.children = "", ()
            return
        try:
            store = context_store(self.context)
            queue = cadre_queue(store, identity.cadre_id, bank=self.context.bank)
            if queue.today:
                request = QuizRequest(ids=queue.today, title="今日复习")
                self.quiz = QuizView(self.context.controller(request))
        except QuizkitError as error:
            self.status.value = status_html(error.user_message, error=True)
            return
        self.status.value = status_html(summary(queue))
        self.practice.children = (self.quiz,) if self.quiz is not None else ()

    def _close_quiz(self) -> None:
        if self.quiz is not None:
            self.quiz.close_quiz()
            self.quiz = None

    def close_view(self) -> None:
        self.context.learner.unsubscribe(self._follow)
        self._close_quiz()
        for root in (self, *self.identity.parts()):
            close_tree(root)

    def _ipython_display_(self, **kwargs: Any) -> None:
        if not self._displayed:
            self._displayed = True
            display(self._repr_mimebundle_(), raw=True)


def review() -> ReviewView | QuizErrorView:
    """Show the current learner's 今日复习 with a practice quiz over the questions due today."""
    try:
        view: ReviewView | QuizErrorView = ReviewView(learner_context())
    except QuizkitError as error:
        view = QuizErrorView(error.user_message.splitlines()[0])
    if isinstance(view, ReviewView):
        replace_earlier("review", view)
    display(view)
    return view


__all__ = ["ReviewView", "review", "summary"]
