"""A question as it sits in a quiz: a QuestionView, plus a 提交 button in practice mode."""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w

from quizkit.bank.models import Question
from quizkit.learner.state import Outcome
from quizkit.widgets.question import BlanksInput, QuestionView
from quizkit.widgets.shared import button_style

WAITING = "答案已保留，尚未存入成绩库；请点击上方的“重试”。"
CHOOSE_FIRST = "请先选择答案，再点击“提交”。"
TYPE_FIRST = "请先填写答案，再点击“提交”。"  # 填空: nothing typed yet


def css_class(question_id: str) -> str:
    """``qk-q-<id>``: lets pages, tests and styles find one question (dots become underscores)."""
    return "qk-q-" + question_id.replace(".", "_")


class QuestionCard(QuestionView):
    """One question of a quiz. ``on_submit`` None: exam mode, where the quiz has one 交卷 button."""

    def __init__(
        self,
        question: Question,
        number: int,
        points: float,
        on_submit: Callable[[QuestionCard], None] | None,
    ) -> None:
        super().__init__(question, number, points)
        self.practice = on_submit is not None
        self.button = w.Button(
            description="提交", button_style="primary", tooltip="提交本题答案", style=button_style()
        )
        if on_submit is not None:
            self.button.on_click(lambda _button: on_submit(self))
            self.attach(self.button)
        self.add_class("qk-card")
        self.add_class(css_class(question.id))

    @property
    def question_id(self) -> str:
        return self.question.id

    @property
    def view(self) -> QuestionView:
        """The card's QuestionView: the card itself (it was a separate widget in the first version)."""
        return self

    def show_open(self) -> None:
        """Waiting for an answer (first time, or again in 错题重练)."""
        if self.locked:
            self.reset()
        self.button.disabled = False
        self.button.layout.display = None if self.practice else "none"

    def show_answered(self, outcome: Outcome, *, reveal: bool) -> None:
        """Locked with the given answer; feedback when stored and ``reveal`` (practice, or after 交卷).

        The feedback is set first: it is what the learner waits for."""
        if outcome.saved and reveal:
            self.show_feedback(outcome.feedback)
        elif outcome.saved:
            self.clear_feedback()
        else:
            self.show_note(WAITING, error=True)
        self.set_response(outcome.response)
        self.lock()
        self.button.disabled = True
        self.button.layout.display = "none"

    def show_locked(self) -> None:
        """Nobody identified yet: visible but not answerable."""
        self.lock()
        self.button.disabled = True

    def ask_for_choice(self) -> None:
        typed = isinstance(self.input, BlanksInput)
        self.show_note(TYPE_FIRST if typed else CHOOSE_FIRST, error=True)


__all__ = ["CHOOSE_FIRST", "TYPE_FIRST", "WAITING", "QuestionCard", "css_class"]
