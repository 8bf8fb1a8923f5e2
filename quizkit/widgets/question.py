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
from quizkit.learner.feedback import Feedback
from quizkit.question_types import (
    JUDGE_LABELS,
    QUESTION_TYPES,
    Response,
    option_text,
    sorted_labels,
)
from quizkit.question_types.fill import MAX_BLANK_CHARS, accepted
from quizkit.widgets.render import feedback_html, question_head, status_html, stem_html
from quizkit.widgets.shared import checkbox_style, description_style, fixed_width, html_style


def full_width() -> w.Layout:
    """A fresh layout per widget: a shared Layout would hide every widget when one is hidden."""
    return w.Layout(width="100%")


class AnswerInput(Protocol):
    """The inputs of one question type; ``get`` builds the one Response form (quizkit.question_types)."""

    widget: w.Widget

    def get(self) -> Response: ...
    def set(self, value: Response) -> None: ...
    def enable(self, enabled: bool) -> None: ...
    def observe(self, callback: Callable[[], None]) -> None: ...


class RadioInput:
    """单选 and 判断: one of several options (nothing chosen at first)."""

    def __init__(self, options: list[tuple[str, Any]]) -> None:
        self.widget = w.RadioButtons(
            options=options, index=None, layout=fixed_width(), style=description_style()
        )

    def get(self) -> Response:
        value: Response = self.widget.value
        return value

    def set(self, value: Response) -> None:
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
            label: w.Checkbox(
                value=False,
                description=text,
                indent=False,
                layout=fixed_width(),
                style=checkbox_style(),
            )
            for text, label in options
        }
        self.widget = w.VBox(list(self.boxes.values()), layout=fixed_width())

    def get(self) -> Response:
        return sorted_labels(label for label, box in self.boxes.items() if box.value)

    def set(self, value: Response) -> None:
        chosen = set(value) if isinstance(value, tuple) else set()
        for label, box in self.boxes.items():
            box.value = label in chosen

    def enable(self, enabled: bool) -> None:
        for box in self.boxes.values():
            box.disabled = not enabled

    def observe(self, callback: Callable[[], None]) -> None:
        for box in self.boxes.values():
            box.observe(lambda _change: callback(), names="value")


class BlanksInput:
    """填空: one text box per blank (第 1 空, 第 2 空 …; 填空 when there is one), in blank order.

    A box sends its text when it loses focus or on Enter (not per keystroke), so an exam paper saves
    one answer per blank filled, not one per character."""

    def __init__(self, count: int) -> None:
        labels = ["填空"] if count == 1 else [f"第 {n} 空" for n in range(1, count + 1)]
        self.boxes = [
            w.Text(
                value="",
                placeholder="在此填写答案",
                description=label,
                continuous_update=False,
                layout=w.Layout(width="30em", max_width="95%"),  # an answer is a few words
            )
            for label in labels
        ]
        for box in self.boxes:
            box.add_class("qk-blank")
        self.widget = w.VBox(self.boxes, layout=fixed_width())

    def get(self) -> Response:
        texts = tuple(box.value.strip()[:MAX_BLANK_CHARS] for box in self.boxes)
        return texts if any(texts) else None

    def set(self, value: Response) -> None:
        texts = value if isinstance(value, tuple) else ()
        for index, box in enumerate(self.boxes):
            box.value = texts[index] if index < len(texts) else ""

    def enable(self, enabled: bool) -> None:
        for box in self.boxes:
            box.disabled = not enabled

    def observe(self, callback: Callable[[], None]) -> None:
        for box in self.boxes:
            box.observe(lambda _change: callback(), names="value")


def _labelled(question: Question) -> list[tuple[str, str]]:
    return [(option_text(question, label), label) for label in (question.options or {})]


# one input per ``input`` kind of the question-type table (quizkit.question_types)
INPUTS: dict[str, Callable[[Question], AnswerInput]] = {
    "radio": lambda q: RadioInput(list(_labelled(q))),
    "judge": lambda q: RadioInput([(JUDGE_LABELS[True], True), (JUDGE_LABELS[False], False)]),
    "checkboxes": lambda q: CheckboxInput(_labelled(q)),
    "blanks": lambda q: BlanksInput(max(len(accepted(q)), 1)),
}


class QuestionView(w.VBox):  # type: ignore[misc]
    """Prompt (第 n 题 · 单选题 · 2 分 and the stem), inputs, then one slot for feedback or a note.

    Kept to a handful of widgets: every widget is a model the browser has to build, and a lesson
    may hold dozens of questions.
    """

    def __init__(self, question: Question, number: int, points: float) -> None:
        self.question = question
        self.input = INPUTS[QUESTION_TYPES[question.type].input](question)
        self.feedback = w.HTML(layout=fixed_width(), style=html_style())
        self.prompt = w.HTML(
            question_head(number, question, points) + stem_html(question),
            layout=fixed_width(),
            style=html_style(),
        )
        self.controls: list[w.Widget] = []
        super().__init__([self.prompt, self.input.widget, self.feedback], layout=full_width())
        self.add_class("qk-question")
        self.locked = False
        self._shown_at = time.monotonic()

    def attach(self, widget: w.Widget) -> None:
        """Put a control (a 提交 button…) between the inputs and the feedback slot."""
        self.controls.append(widget)
        self.children = [self.prompt, self.input.widget, *self.controls, self.feedback]

    @property
    def response(self) -> Response:
        """What the learner gave: a label, the sorted labels ticked, True/False, the blanks' texts,
        or None."""
        return self.input.get()

    def set_response(self, value: Response) -> None:
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

    def show_note(self, message: str, *, error: bool = False) -> None:
        """A short line in the feedback slot ("请先选择答案…"); an empty message clears it."""
        self.feedback.value = status_html(message, error=error)

    def clear_feedback(self) -> None:
        self.feedback.value = ""

    def elapsed_ms(self) -> int:
        """Milliseconds since the question was shown (or reset)."""
        return int((time.monotonic() - self._shown_at) * 1000)


__all__ = [
    "INPUTS",
    "AnswerInput",
    "BlanksInput",
    "CheckboxInput",
    "QuestionView",
    "RadioInput",
    "full_width",
]
