"""A learner's list page with practice: the 错题本 and 今日复习 share it.

The page shows a title, the identity panel, what the list holds, a 刷新 button and an ordinary practice
quiz over the questions the list offers (feedback and the law cited after each answer). Its answers are
logged as practice outside any session, so they never change an exam score. A subclass only says what
to read for a cadre (:meth:`PracticeListView.read`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

import ipywidgets as w

from quizkit.errors import QuizkitError
from quizkit.learner.context import LearnerContext, QuizRequest
from quizkit.widgets.identity import IdentityPanel
from quizkit.widgets.question import full_width
from quizkit.widgets.quiz_view import QuizView, close_tree
from quizkit.widgets.render import ShownOnce, status_html, title_html
from quizkit.widgets.sessions.render import session_stylesheet


@dataclass(frozen=True)
class ListPage:
    """What a list page shows for one cadre: the overview (HTML), the questions to practise, and a
    line for when there is nothing left to practise."""

    overview: str
    questions: tuple[str, ...] = ()
    done: str = ""


class PracticeListView(ShownOnce, w.VBox):  # type: ignore[misc]
    title: ClassVar[str] = ""
    subtitle: ClassVar[str] = ""
    quiz_title: ClassVar[str] = ""
    refresh_label: ClassVar[str] = "刷新"

    def __init__(self, context: LearnerContext) -> None:
        self.context = context
        self.quiz: QuizView | None = None
        self.identity = IdentityPanel(context.learner)
        self.overview = w.HTML(layout=full_width())
        self.again = w.Button(
            description=self.refresh_label
        )  # no icon: the icon font is not offline
        self.practice = w.VBox(layout=full_width())
        header = w.HTML(session_stylesheet() + title_html(self.title, self.subtitle))
        super().__init__(
            [header, self.identity, self.overview, self.again, self.practice], layout=full_width()
        )
        self.add_class("quizkit")
        self.again.on_click(lambda _b: self.refresh())
        self._follow = lambda _identity: self.refresh()
        context.learner.subscribe(self._follow)
        self.refresh()

    def read(self, cadre_id: str) -> ListPage:
        """The page for this cadre (raises QuizkitError with a message for the learner)."""
        raise NotImplementedError

    def refresh(self) -> None:
        """Read the list again and offer a new practice quiz over what it holds."""
        self.identity.refresh()
        identity = self.context.learner.identity
        self._close_quiz()
        if identity is None:
            self.overview.value, self.practice.children = "", ()
            return
        try:
            page = self.read(identity.cadre_id)
            if page.questions:
                request = QuizRequest(ids=page.questions, title=self.quiz_title)
                self.quiz = QuizView(self.context.controller(request))
        except QuizkitError as error:
            self.overview.value = status_html(error.user_message, error=True)
            return
        self.overview.value = page.overview
        if self.quiz is not None:
            self.practice.children = (self.quiz,)
        else:
            self.practice.children = (w.HTML(status_html(page.done)),) if page.done else ()

    def _close_quiz(self) -> None:
        if self.quiz is not None:
            self.quiz.close_quiz()
            self.quiz = None

    def close_view(self) -> None:
        self.context.learner.unsubscribe(self._follow)
        self._close_quiz()
        for root in (self, *self.identity.parts()):
            close_tree(root)


__all__ = ["ListPage", "PracticeListView"]
