"""``quizkit.mistakes()``: the 错题本 — questions answered wrong in lesson quizzes and in sessions, and
a quiz to practise them.

Each mistake says where it was made (出处): the lesson's title from ``courses/course.yaml``, or the
session's 考试码. The table shows no question ids (a cadre knows a question by its stem; app mode shows
no Latin text). The practice is an ordinary practice quiz (feedback after each question): its answers are logged as
practice attempts outside any session, so they never change an exam score; a question answered right
there counts as 已掌握 from then on.
"""

from __future__ import annotations

import pandas as pd

from quizkit.project import Project
from quizkit.sessions.mistakes import due_questions, mistake_book
from quizkit.widgets.api import QuizErrorView
from quizkit.widgets.sessions.practice_list import ListPage, PracticeListView
from quizkit.widgets.sessions.render import table_html
from quizkit.widgets.sessions.shown import show_learner_view

COLUMNS = {
    "type": "题型",
    "stem": "题目",
    "source": "出处",
    "wrong_times": "答错次数",
    "mastered": "已掌握",
}
OTHER_LESSON = "课程测验"  # a lesson no longer in course.yaml
GONE = "（该题已不在题库中）"


class MistakeBookView(PracticeListView):
    title = "错题本"
    subtitle = "课程测验和考试中答错的题目；在下面重新练习，答对即为已掌握"
    quiz_title = "错题重练"
    refresh_label = "刷新错题本"

    def read(self, cadre_id: str) -> ListPage:
        bank = self.context.catalogue()
        book = mistake_book(self.context.store(), cadre_id, bank=bank)
        course = Project(self.context.settings).course()
        titles = {lesson.id: lesson.title for lesson in course.lessons} if course else {}
        return ListPage(
            overview=table_html(book_table(book, titles), "还没有错题。"),
            questions=tuple(due_questions(book, bank)),
            done="错题都已掌握。" if not book.empty else "",
        )


def source_text(lessons: list[str], sessions: list[str], titles: dict[str, str]) -> str:
    """Where the question was answered wrong: lesson titles, then 考试码 K7Q2 (joined by 、)."""
    named = [titles.get(lesson, OTHER_LESSON) for lesson in lessons]
    return "、".join([*dict.fromkeys(named), *(f"考试码 {code}" for code in sessions)])


def book_table(book: pd.DataFrame, titles: dict[str, str] | None = None) -> pd.DataFrame:
    """The book with Chinese column names, 是/否, and 出处 from lesson titles and session codes."""
    if book.empty:
        return pd.DataFrame(columns=list(COLUMNS.values()))
    shown = book.assign(
        source=[
            source_text(lessons, sessions, titles or {})
            for lessons, sessions in zip(book["lessons"], book["sessions"], strict=True)
        ],
        mastered=book["mastered"].map({True: "是", False: "否"}),
    )
    if "stem" in shown.columns:
        shown["stem"] = shown["stem"].map(lambda stem: stem or GONE)
    shown = shown.rename(columns=COLUMNS)
    return shown[[column for column in COLUMNS.values() if column in shown.columns]]


def mistakes() -> MistakeBookView | QuizErrorView:
    """Show the current learner's 错题本 with a practice quiz over the questions not yet mastered."""
    return show_learner_view("mistakes", MistakeBookView)


__all__ = ["MistakeBookView", "mistakes"]
