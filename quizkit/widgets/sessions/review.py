"""``quizkit.review()``: 今日复习 — the questions due today in the cadre's spaced-review schedule.

The review is an ordinary practice quiz (feedback, explanation and the law cited after each answer);
its answers go into the log as practice, so they move the schedule on and never change a score.
"""

from __future__ import annotations

from quizkit.spaced_review.queue import ReviewQueue, cadre_queue
from quizkit.widgets.api import QuizErrorView
from quizkit.widgets.render import status_html
from quizkit.widgets.sessions.practice_list import ListPage, PracticeListView
from quizkit.widgets.sessions.shown import show_learner_view


def summary(queue: ReviewQueue) -> str:
    """今天 n 题 · 本周 m 题, or why there is nothing."""
    if not queue.scheduled:
        return "还没有可复习的题目：做完课程里的练习后，题目会按遗忘规律回到这里。"
    if not queue.today:
        return f"今天没有要复习的题目。本周（含今天）共 {queue.this_week} 题到期。"
    return f"今天要复习 {len(queue.today)} 题；本周（含今天）共 {queue.this_week} 题到期。"


class ReviewView(PracticeListView):
    title = "今日复习"
    subtitle = "答错的题很快再见，答对的题间隔越来越长；复习不影响考试成绩"
    quiz_title = "今日复习"

    def read(self, cadre_id: str) -> ListPage:
        queue = cadre_queue(self.context.store(), cadre_id, bank=self.context.catalogue())
        return ListPage(overview=status_html(summary(queue)), questions=tuple(queue.today))


def review() -> ReviewView | QuizErrorView:
    """Show the current learner's 今日复习 with a practice quiz over the questions due today."""
    return show_learner_view("review", ReviewView)


__all__ = ["ReviewView", "review", "summary"]
