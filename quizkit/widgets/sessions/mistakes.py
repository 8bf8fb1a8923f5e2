"""``quizkit.mistakes()``: the 错题本 — questions answered wrong in sessions, and a quiz to practise them.

The practice is an ordinary practice quiz (feedback after each question): its answers are logged as
practice attempts outside any session, so they never change an exam score; a question answered right
there counts as 已掌握 from then on.
"""

from __future__ import annotations

import pandas as pd

from quizkit.sessions.mistakes import due_questions, mistake_book
from quizkit.widgets.api import QuizErrorView
from quizkit.widgets.sessions.practice_list import ListPage, PracticeListView
from quizkit.widgets.sessions.render import table_html
from quizkit.widgets.sessions.shown import show_learner_view

COLUMNS = {
    "question_id": "题号",
    "type": "题型",
    "stem": "题目",
    "wrong_times": "答错次数",
    "sessions": "考试码",
    "mastered": "已掌握",
}


class MistakeBookView(PracticeListView):
    title = "错题本"
    subtitle = "考试和练习中答错的题目；在下面重新练习，答对即为已掌握"
    quiz_title = "错题重练"
    refresh_label = "刷新错题本"

    def read(self, cadre_id: str) -> ListPage:
        bank = self.context.bank
        book = mistake_book(self.context.store(), cadre_id, bank=bank)
        return ListPage(
            overview=table_html(book_table(book), "还没有错题。"),
            questions=tuple(due_questions(book, bank)),
            done="错题都已掌握。" if not book.empty else "",
        )


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
    return show_learner_view("mistakes", MistakeBookView)


__all__ = ["MistakeBookView", "mistakes"]
