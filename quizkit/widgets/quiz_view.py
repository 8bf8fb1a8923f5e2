"""A whole quiz on screen: title, current learner, progress, questions (case scenarios once), summary.

Everything shown is read from the QuizController after each action; the view never grades or stores.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

import ipywidgets as w

from quizkit.bank.selection import QuizBlock
from quizkit.errors import QuizkitError
from quizkit.learner.controller import QuizController
from quizkit.widgets.cards import QuestionCard
from quizkit.widgets.identity import IdentityPanel
from quizkit.widgets.question import full_width
from quizkit.widgets.render import (
    ShownOnce,
    case_html,
    notice_html,
    progress_html,
    stylesheet,
    summary_html,
    title_html,
)
from quizkit.widgets.shared import button_style, fixed_width, html_style, is_shared

LOG = logging.getLogger("quizkit.widgets")
UNEXPECTED = "出现意外问题（{name}），操作没有完成。请稍后再试，或联系培训老师。"
WAITING_FROM_BEFORE = "有 {count} 个答案尚未存入成绩库（已保留在本机），请点击“重试”。"
MODE_NAMES = {
    "practice": "随堂练习：每题提交后即显示对错和解析",
    "exam": "测验：全部作答后点击“交卷”，再显示成绩和解析",
}


class QuizView(ShownOnce, w.VBox):  # type: ignore[misc]
    """The quiz widget ``quizkit.quiz()`` displays and returns."""

    def __init__(self, controller: QuizController) -> None:
        self.controller = controller
        practice = controller.mode == "practice"
        self.identity = IdentityPanel(controller.learner)
        self.progress = w.HTML(layout=fixed_width(), style=html_style())
        self.notice = w.HTML(layout=fixed_width(), style=html_style())
        self.retry_button = w.Button(
            description="重试",
            button_style="warning",
            tooltip="再次保存尚未存入成绩库的答案",
            style=button_style(),
        )
        self.notice_box = w.VBox([self.notice, self.retry_button], layout=full_width())
        self.cards: dict[str, QuestionCard] = {}
        self.cases: list[tuple[w.HTML, QuizBlock]] = []
        self.body = w.VBox(self._blocks(controller, practice), layout=full_width())
        self.summary = w.HTML(layout=fixed_width(), style=html_style())
        self.retry_wrong = w.Button(
            description="错题重练",
            button_style="info",
            tooltip="只重做答错的题目",
            style=button_style(),
        )
        self.hand_in = w.Button(
            description="交卷", button_style="primary", tooltip="提交全部答案", style=button_style()
        )
        self.problem = ""
        self.retry_button.on_click(lambda _b: self.guarded(self.retry_pending))
        self.retry_wrong.on_click(lambda _b: self.guarded(self.start_retry))
        self.hand_in.on_click(lambda _b: self.guarded(self.submit_all))
        header = w.HTML(
            stylesheet() + title_html(controller.spec.title, MODE_NAMES[controller.mode]),
            layout=fixed_width(),
            style=html_style(),
        )
        super().__init__(
            [
                header,
                self.identity,
                self.progress,
                self.notice_box,
                self.body,
                self.summary,
                w.HBox([self.retry_wrong, self.hand_in]),
            ],
            layout=full_width(),
        )
        self.add_class("quizkit")
        controller.subscribe(self.refresh)
        self.refresh()

    def _blocks(self, controller: QuizController, practice: bool) -> list[w.Widget]:
        children: list[w.Widget] = []
        number = 0
        for block in controller.spec.blocks:
            if block.case is not None:
                scenario = w.HTML(case_html(block.case), layout=full_width(), style=html_style())
                self.cases.append((scenario, block))
                children.append(scenario)
            for question in block.questions:
                number += 1
                points = controller.rules.points_for(question)
                card = QuestionCard(
                    question, number, points, self._card_action if practice else None
                )
                self.cards[question.id] = card
                children.append(card)
        return children

    # -- actions -----------------------------------------------------------------------------
    def guarded(self, action: Callable[[], None]) -> None:
        """Run a button's action; a problem becomes a Chinese notice, never a traceback in the cell."""
        self.problem = ""
        try:
            action()
        except QuizkitError as error:
            self.problem = error.user_message
        except Exception as error:  # logged for the trainer; the learner gets a plain sentence
            LOG.exception("quiz action failed")
            self.problem = UNEXPECTED.format(name=type(error).__name__)
        if self.problem:
            self._refresh_chrome()

    def load(self) -> None:
        """Read this learner's earlier answers from the store and show them."""
        self.controller.load()
        self.refresh()

    def _card_action(self, card: QuestionCard) -> None:
        self.guarded(lambda: self.submit_card(card))

    def submit_card(self, card: QuestionCard) -> None:
        """提交 of one practice question: the controller grades and stores, then we show the result."""
        if self.controller.identity is None or self.controller.answered_in_round(card.question_id):
            return
        response = card.response
        if response is None:
            card.ask_for_choice()
            return
        outcome = self.controller.submit(
            card.question_id, response, time_taken_ms=card.elapsed_ms()
        )
        card.show_answered(outcome, reveal=True)
        self._refresh_chrome()

    def submit_all(self) -> None:
        """交卷 (exam mode): every answer at once; feedback for all after the store has them."""
        if self.controller.identity is None or self.controller.submitted:
            return
        responses = {qid: card.response for qid, card in self.cards.items()}
        self.controller.submit_all(responses)
        self.refresh()

    def retry_pending(self) -> None:
        self.controller.retry_pending()
        self.refresh()

    def start_retry(self) -> None:
        self.controller.start_retry()
        self.refresh()

    # -- showing state -----------------------------------------------------------------------
    def refresh(self) -> None:
        """Show the controller's state: learner, every card, progress, notice and summary."""
        self.identity.refresh()
        identified = self.controller.identity is not None
        self.body.layout.display = None if identified else "none"
        round_ids = set(self.controller.round)
        for qid, card in self.cards.items():
            card.layout.display = None if qid in round_ids else "none"
            self._show_card(card)
        for scenario, block in self.cases:
            visible = any(q.id in round_ids for q in block.questions)
            scenario.layout.display = None if visible else "none"
        self._refresh_chrome()

    def _show_card(self, card: QuestionCard) -> None:
        controller = self.controller
        if controller.identity is None:
            card.show_locked()
            return
        outcome = controller.answer(card.question_id)
        if outcome is None or not controller.answered_in_round(card.question_id):
            card.show_open()
            return
        reveal = controller.mode == "practice" or (controller.submitted and not controller.pending)
        card.show_answered(outcome, reveal=reveal)

    def _refresh_chrome(self) -> None:
        controller = self.controller
        identified = controller.identity is not None
        progress = controller.progress()
        retrying = controller.round != tuple(controller.questions)
        self.progress.value = progress_html(progress, retry=retrying) if identified else ""
        pending = controller.pending
        message = (
            self.problem
            or controller.notice
            or (WAITING_FROM_BEFORE.format(count=len(pending)) if pending else "")
        )
        self.notice.value = notice_html(message) if message else ""
        self.notice_box.layout.display = None if message else "none"
        self.retry_button.layout.display = None if pending else "none"
        finished = identified and progress.answered == progress.total
        if controller.mode == "exam":
            finished = finished and controller.submitted
        summary = controller.summary()
        self.summary.value = summary_html(summary) if finished and not pending else ""
        show_retry = (
            finished and not pending and bool(summary.wrong) and controller.mode == "practice"
        )
        self.retry_wrong.layout.display = None if show_retry else "none"
        exam_open = controller.mode == "exam" and identified and not controller.submitted
        self.hand_in.layout.display = None if exam_open else "none"

    def close_quiz(self) -> None:
        """Close every widget of this quiz and stop following the learner (its cell ran again)."""
        self.controller.close()
        roots: list[w.Widget] = [self, *self.identity.parts()]
        roots += [card.button for card in self.cards.values()]
        for root in roots:
            close_tree(root)


def close_tree(widget: w.Widget) -> None:
    """Close a widget, its children, and its layout and style models."""
    for child in getattr(widget, "children", ()):
        close_tree(child)
    for part in ("layout", "style"):
        model = getattr(widget, part, None)
        if isinstance(model, w.Widget) and not is_shared(model):
            model.close()
    widget.close()


__all__ = ["QuizView", "close_tree"]
