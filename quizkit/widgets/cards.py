"""A question as it sits in a quiz: its QuestionView plus, in practice, a 提交 button and a status line."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from quizkit.learner.controller import Outcome
from quizkit.widgets.question import QuestionView, full_width
from quizkit.widgets.render import status_html

WAITING = "答案已保留，尚未存入成绩库；请点击上方的“重试”。"
CHOOSE_FIRST = "请先选择答案，再点击“提交”。"


class QuestionCard(w.VBox):  # type: ignore[misc]
    """One question in a quiz. ``on_submit`` is None in exam mode (the quiz has one 交卷 button)."""

    def __init__(
        self, view: QuestionView, on_submit: Callable[[QuestionCard], None] | None
    ) -> None:
        self.view = view
        self.button = w.Button(
            description="提交",
            button_style="primary",
            tooltip="提交本题答案",
            layout=w.Layout(display=None if on_submit else "none"),
        )
        self.status = w.HTML(layout=full_width())
        self.status.add_class("qk-status")
        if on_submit is not None:
            self.button.on_click(lambda _button: on_submit(self))
        super().__init__([view, self.button, self.status], layout=w.Layout(width="100%"))
        self.add_class("qk-card")

    @property
    def question_id(self) -> str:
        return self.view.question.id

    def show_open(self) -> None:
        """Waiting for an answer (first time, or again in 错题重练)."""
        if self.view.locked:
            self.view.reset()
        self.button.disabled = False
        self.status.value = ""

    def show_answered(self, outcome: Outcome, *, reveal: bool) -> None:
        """Locked with the given answer; feedback when stored and ``reveal`` (practice, or after 交卷)."""
        self.view.set_response(outcome.response)
        self.view.lock()
        self.button.disabled = True
        if outcome.saved and reveal:
            self.view.show_feedback(outcome.feedback)
            self.status.value = ""
        else:
            self.view.clear_feedback()
            self.status.value = "" if outcome.saved else status_html(WAITING, error=True)

    def show_locked(self) -> None:
        """Nobody identified yet: visible but not answerable."""
        self.view.lock()
        self.button.disabled = True

    def ask_for_choice(self) -> None:
        self.status.value = status_html(CHOOSE_FIRST, error=True)


__all__ = ["CHOOSE_FIRST", "WAITING", "QuestionCard"]
