"""``quizkit.mistakes()``: the 错题本 — questions answered wrong in sessions, and a quiz to practise them.

The practice is an ordinary practice quiz (feedback after each question): its answers are logged as
practice attempts outside any session, so they never change an exam score; a question answered right
there counts as 已掌握 from then on.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as w

from quizkit.errors import QuizkitError
from quizkit.learner.context import LearnerContext, QuizRequest, learner_context
from quizkit.sessions.mistakes import due_questions, mistake_book
from quizkit.widgets.api import QuizErrorView
from quizkit.widgets.identity import IdentityPanel
from quizkit.widgets.question import full_width
from quizkit.widgets.quiz_view import QuizView
from quizkit.widgets.render import display, status_html, title_html
from quizkit.widgets.sessions.join import context_store
from quizkit.widgets.sessions.render import session_stylesheet, table_html

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
        self.identity = IdentityPanel(context.learner)
        self.table = w.HTML(layout=full_width())
        self.again = w.Button(description="刷新错题本", icon="refresh")
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
        context.learner.subscribe(lambda _identity: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        self.identity.refresh()
        identity = self.context.learner.identity
        if identity is None:
            self.table.value, self.practice.children = "", ()
            return
        try:
            bank = self.context.bank
            book = mistake_book(context_store(self.context), identity.cadre_id, bank=bank)
            due = due_questions(book, bank)
            quiz = (
                QuizView(self.context.controller(QuizRequest(ids=tuple(due), title="错题重练")))
                if due
                else None
            )
        except QuizkitError as error:
            self.table.value = status_html(error.user_message, error=True)
            return
        shown = book.rename(columns=COLUMNS)[
            [c for c in COLUMNS.values() if c in book.rename(columns=COLUMNS)]
        ]
        shown = (
            shown.assign(已掌握=shown["已掌握"].map({True: "是", False: "否"}))
            if not shown.empty
            else shown
        )
        if "考试码" in shown:
            shown["考试码"] = shown["考试码"].map(lambda codes: "、".join(codes))
        self.table.value = table_html(shown, "还没有错题。")
        self.practice.children = (
            (quiz,)
            if quiz is not None
            else (w.HTML(status_html("错题都已掌握。" if not book.empty else "")),)
        )

    def _ipython_display_(self, **kwargs: Any) -> None:
        if not self._displayed:
            self._displayed = True
            display(self._repr_mimebundle_(), raw=True)


def mistakes() -> MistakeBookView | QuizErrorView:
    """Show the current learner's 错题本 with a practice quiz over the questions not yet mastered."""
    try:
        view: MistakeBookView | QuizErrorView = MistakeBookView(learner_context())
    except QuizkitError as error:
        view = QuizErrorView(error.user_message.splitlines()[0])
    display(view)
    return view


__all__ = ["MistakeBookView", "mistakes"]
