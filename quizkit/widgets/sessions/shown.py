"""One live view per kind in a kernel: running a cell again closes the view it showed before.

Otherwise an invisible exam would keep its clock ticking and an invisible dashboard would keep
reading the store every few seconds (the quizzes do the same, see ``quizkit.widgets.api``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol, TypeVar

from quizkit.errors import QuizkitError
from quizkit.learner.context import LearnerContext, learner_context
from quizkit.widgets.api import QuizErrorView
from quizkit.widgets.render import display


class Closable(Protocol):
    def close_view(self) -> None: ...


_SHOWN: dict[str, Closable] = {}


def replace_earlier(key: str, view: Closable) -> None:
    earlier = _SHOWN.get(key)
    if earlier is not None and earlier is not view:
        earlier.close_view()
    _SHOWN[key] = view


View = TypeVar("View", bound=Closable)


def show_learner_view(key: str, make: Callable[[LearnerContext], View]) -> View | QuizErrorView:
    """Build a learner's view for the current kernel, close the one this kind showed before, and
    display it; a problem (no bank, no store) becomes one sentence instead of a traceback."""
    try:
        view: View | QuizErrorView = make(learner_context())
    except QuizkitError as error:
        view = QuizErrorView(error.user_message.splitlines()[0])
    else:
        replace_earlier(key, view)
    display(view)
    return view


__all__ = ["Closable", "replace_earlier", "show_learner_view"]
