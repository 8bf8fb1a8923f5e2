"""One question on screen: stem, the inputs of its type, a place for feedback. It renders and collects.

It does not grade, store or decide when feedback appears: practice cards, exam papers (and the group
sessions built on them) put a QuestionView inside whatever submission flow they need.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any, Protocol

import ipywidgets as w

from quizkit.bank.models import Question
from quizkit.learner.feedback import JUDGE_LABELS, Feedback, RawResponse, option_text
from quizkit.widgets.render import feedback_html, question_head, stem_html


def full_width() -> w.Layout:
    """A fresh layout per widget: a shared Layout would hide every widget when one is hidden."""
    return w.Layout(width="100%")


class ChoiceInput(Protocol):
    """The inputs of one question type."""

    widget: w.Widget

    def get(self) -> RawResponse: ...
    def set(self, value: RawResponse) -> None: ...
    def enable(self, enabled: bool) -> None: ...
    def observe(self, callback: Callable[[], None]) -> None: ...


class RadioInput:
    """单选 and 判断: one of several options (nothing chosen at first)."""

    def __init__(self, options: list[tuple[str, Any]]) -> None:
        self.widget = w.RadioButtons(options=options, index=None, layout=full_width())

    def get(self) -> RawResponse:
        value: RawResponse = self.widget.value
        return value

    def set(self, value: RawResponse) -> None:
        if value is None:
            self.widget.index = None
        else:
            self.widget.value = value

    def enable(self, enabled: bool) -> None:
        self.widget.disabled = not enabled

    def observe(self, callback: Callable[[], None]) -> None:
        self.widget.observe(lambda _change: callback(), names="value")


class CheckboxInput:
    """多选: any number of options, one check box each."""

    def __init__(self, options: list[tuple[str, str]]) -> None:
        self.boxes = {
            label: w.Checkbox(value=False, description=text, indent=False, layout=full_width())
            for text, label in options
        }
        self.widget = w.VBox(list(self.boxes.values()), layout=full_width())

    def get(self) -> RawResponse:
        chosen = [label for label, box in self.boxes.items() if box.value]
        return chosen or None

    def set(self, value: RawResponse) -> None:
        chosen: set[str] = set()
        if isinstance(value, str):
            chosen = {value}
        elif isinstance(value, (list, tuple, set, frozenset)):
            chosen = set(value)
        for label, box in self.boxes.items():
            box.value = label in chosen

    def enable(self, enabled: bool) -> None:
        for box in self.boxes.values():
            box.disabled = not enabled

    def observe(self, callback: Callable[[], None]) -> None:
        for box in self.boxes.values():
            box.observe(lambda _change: callback(), names="value")


def _labelled(question: Question) -> list[tuple[str, str]]:
    return [(option_text(question, label), label) for label in (question.options or {})]


INPUTS: dict[str, Callable[[Question], ChoiceInput]] = {
    "single": lambda q: RadioInput(list(_labelled(q))),
    "judge": lambda q: RadioInput([(JUDGE_LABELS[True], True), (JUDGE_LABELS[False], False)]),
    "multiple": lambda q: CheckboxInput(_labelled(q)),
}


class QuestionView(w.VBox):  # type: ignore[misc]
    """Head (第 n 题 · 单选题 · 2 分), stem, inputs, and an empty feedback slot."""

    def __init__(self, question: Question, number: int, points: float) -> None:
        self.question = question
        self.input = INPUTS[question.type](question)
        self.feedback = w.HTML(layout=full_width())
        super().__init__(
            [
                w.HTML(question_head(number, question, points)),
                w.HTML(stem_html(question), layout=full_width()),
                self.input.widget,
                self.feedback,
            ],
            layout=full_width(),
        )
        self.add_class("qk-question")
        self.locked = False
        self._shown_at = time.monotonic()

    @property
    def response(self) -> RawResponse:
        """What the learner chose: a label, a list of labels, True/False, or None."""
        return self.input.get()

    def set_response(self, value: RawResponse) -> None:
        self.input.set(value)

    def lock(self) -> None:
        self.input.enable(False)
        self.locked = True

    def reset(self) -> None:
        """Empty and editable again (错题重练), with its clock restarted."""
        self.input.set(None)
        self.input.enable(True)
        self.locked = False
        self.clear_feedback()
        self._shown_at = time.monotonic()

    def show_feedback(self, feedback: Feedback) -> None:
        self.feedback.value = feedback_html(feedback)

    def clear_feedback(self) -> None:
        self.feedback.value = ""

    def elapsed_ms(self) -> int:
        """Milliseconds since the question was shown (or reset)."""
        return int((time.monotonic() - self._shown_at) * 1000)


__all__ = ["INPUTS", "CheckboxInput", "ChoiceInput", "QuestionView", "RadioInput"]
