"""``quizkit.mistakes()``: the 错题本 — questions answered wrong in sessions, and a quiz to practise them.

The practice is an ordinary practice quiz (feedback after each question): its answers are logged as
practice attempts outside any session, so they never change an exam score; a question answered right
there counts as 已掌握 from then on.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w
import pandas as pd

from quizkit.errors import QuizkitError
from quizkit.learner.context import LearnerContext, QuizRequest, learner_context
from quizkit.sessions.mistakes import due_questions, mistake_book
from quizkit.widgets.api import QuizErrorView
from quizkit.widgets.identity import IdentityPanel
from quizkit.widgets.question import full_width
from quizkit.widgets.quiz_view import QuizView, close_tree
from quizkit.widgets.render import display, status_html, title_html
from quizkit.widgets.sessions.join import context_store
from quizkit.widgets.sessions.render import session_stylesheet, table_html
from quizkit.widgets.sessions.shown import replace_earlier

COLUMNS = {
    "question_id": "题号",
    "type": "题型",
    "stem": "题目",
    "wrong_times": "答错次数",
    "sessions": "考试码",
    "mastered": "已掌握",
}


class MistakeBookView(w.VBox):  # type: ignore[misc]
    def __init__(self, context: LearnerContext) -> None:
        self.context = context
        self.quiz: QuizView | None = None
        self.identity = IdentityPanel(context.learner)
        self.table = w.HTML(layout=full_width())
        self.again = w.Button(description="刷新错题本")  # no icon font offline
        self.practice = w.VBox(layout=full_width())
        header = w.HTML(
            session_stylesheet()
            + title_html("错题本", "考试和练习中答错的题目；在下面重新练习，答对即为已掌握")
        )
        super().__init__(
            [header, self.identity, self.table, self.again, self.practice], layout=full_width()
        )
        self.add_class("quizkit")
        self._displayed = False
        self.again.on_click(lambda _b: self.refresh())
        self._follow = lambda _identity: self.refresh()
        context.learner.subscribe(self._follow)
        self.refresh()

    def refresh(self) -> None:
        """Read the book again and offer a new 错题重练 over what is still due."""
        self.identity.refresh()
        identity = self.context.learner.identity
        self._close_quiz()
        if identity is None:
            self.table.value, self.practice.children = "", ()
            return
        try:
            bank = self.context.bank
            book = mistake_book(context_store(self.context), identity.cadre_id, bank=bank)
            due = due_questions(book, bank)
            if due:
                request = QuizRequest(ids=tuple(due), title="错题重练")
                self.quiz = QuizView(self.context.controller(request))
        except QuizkitError as error:
            self.table.value = status_html(error.user_message, error=True)
            return
        self.table.value = table_html(book_table(book), "还没有错题。")
        done = w.HTML(status_html("错题都已掌握。" if not book.empty else ""))
        self.practice.children = (self.quiz,) if self.quiz is not None else (done,)

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


def book_table(book: pd.DataFrame) -> pd.DataFrame:
    """The book with Chinese column names, 是/否 and the session codes joined."""
    shown = book.rename(columns=COLUMNS)
    shown = shown[[column for column in COLUMNS.values() if column in shown.columns]]
    if shown.empty:
        return shown
    return shown.assign(
        已掌握=shown["已掌握"].map({True: "是", False: "否"}),
        考试码=shown["考试码"].map("、".join),
    )


def mistakes() -> MistakeBookView | QuizErrorView:
    """Show the current learner's 错题本 with a practice quiz over the questions not yet mastered."""
    try:
        view: MistakeBookView | QuizErrorView = MistakeBookView(learner_context())
    except QuizkitError as error:
        view = QuizErrorView(error.user_message.splitlines()[0])
    if isinstance(view, MistakeBookView):
        replace_earlier("mistakes", view)
    display(view)
    return view


__all__ = ["MistakeBookView", "mistakes"]
