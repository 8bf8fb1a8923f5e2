"""``quizkit.quiz(...)``: the one line a lesson cell needs."""

from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as w

from quizkit.errors import QuizkitError
from quizkit.learner.context import QuizRequest, as_tuple, learner_context
from quizkit.learner.controller import Mode
from quizkit.widgets.quiz_view import QuizView
from quizkit.widgets.render import ShownOnce, display, notice_html, stylesheet

CANNOT_SHOW = "这个测验暂时无法显示：{message}（请联系培训老师。）"


class QuizErrorView(ShownOnce, w.HTML):  # type: ignore[misc]
    """What a learner sees instead of a traceback when a quiz cannot be built."""

    def __init__(self, message: str) -> None:
        super().__init__(stylesheet() + notice_html(CANNOT_SHOW.format(message=message)))
        self.add_class("quizkit")
        self.message = message


def quiz(
    quiz_id: str | None = None,
    *,
    ids: Iterable[str] | None = None,
    law: str | None = None,
    tags: str | Iterable[str] | None = None,
    type: str | Iterable[str] | None = None,
    difficulty: int | Iterable[int] | None = None,
    n: int | None = None,
    seed: int | str | None = None,
    title: str | None = None,
    lesson: str | None = None,
    mode: Mode = "practice",
) -> QuizView | QuizErrorView:
    """Display a quiz and return its widget.

    By name (``quiz("xk-basics")``), by ids (``quiz(ids=[...])``), or by a seeded selection
    (``quiz(law="administrative-penalty", n=5, seed=2026)``). ``mode="practice"`` shows feedback after
    each question; ``mode="exam"`` only after 交卷. A problem (unknown quiz id, broken bank, …) is
    shown as a short Chinese message instead of a traceback.
    """
    try:
        request = QuizRequest(
            quiz_id=quiz_id,
            ids=as_tuple(ids),
            law=law,
            tags=as_tuple(tags),
            types=as_tuple(type),
            difficulty=difficulty if isinstance(difficulty, int | None) else tuple(difficulty),
            n=n,
            seed=seed,
            title=title,
            lesson=lesson,
        )
        controller = learner_context().controller(request, mode, restore=False)
        view: QuizView | QuizErrorView = QuizView(controller)
    except QuizkitError as error:
        view = QuizErrorView(_short(error))
    if isinstance(view, QuizView):
        _replace_earlier(view)
    display(view)
    if isinstance(view, QuizView):
        # The browser builds the quiz while the kernel opens the store and restores earlier
        # answers: a 提交 clicked meanwhile is handled after this, against the restored state.
        view.guarded(view.load)
    return view


_SHOWN: dict[tuple[str, str], QuizView] = {}


def _replace_earlier(view: QuizView) -> None:
    """Running a quiz cell again replaces its earlier view: close that one, so a kernel does not
    pile up widgets (and keep refreshing invisible quizzes) as a learner re-runs a lesson."""
    key = (view.controller.spec.id, view.controller.mode)
    earlier = _SHOWN.get(key)
    if earlier is not None and earlier is not view:
        earlier.close_quiz()
    _SHOWN[key] = view


def _short(error: QuizkitError) -> str:
    lines = error.user_message.splitlines()
    return lines[0] if len(lines) <= 4 else "\n".join([*lines[:4], "…"])


__all__ = ["QuizErrorView", "quiz"]
