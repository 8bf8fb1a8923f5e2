"""The session screens run on any backend that keeps the protocols, not only on the concrete Store.

The kernel's backend here is a stand-in that offers exactly the methods of
``quizkit.learner.backend.KernelBackend`` (the grading service's client offers the same) and forwards
them to a real SQLite store; anything else a view reached for would fail the test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import quizkit
from quizkit.learner.backend import KernelBackend
from quizkit.learner.context import learner_context
from quizkit.store import Store
from quizkit.widgets.sessions import JoinView, LiveView, MistakeBookView
from tests.learner.test_backend import protocol_methods
from tests.widgets.sessions.conftest import make_session
from tests.widgets.sessions.test_exam_view import identify

ALLOWED = frozenset(protocol_methods(KernelBackend))


class ProtocolOnly:
    """Only the protocol's methods (not a Store, not a subclass), each call written down."""

    def __init__(self, real: Store) -> None:
        self._real = real
        self.calls: list[str] = []

    def __getattr__(self, name: str) -> Any:
        if name not in ALLOWED:
            raise AttributeError(f"{name} is not part of KernelBackend")
        self.calls.append(name)
        return getattr(self._real, name)


def test_exam_live_view_mistakes_and_review_run_on_a_protocol_only_backend(
    project: Path, store: Store
) -> None:
    context = learner_context()
    backend = ProtocolOnly(context.store())  # type: ignore[arg-type]
    context._store = backend  # type: ignore[assignment]
    make_session(store, project, duration_minutes=20)

    view = quizkit.join("K7Q2")
    assert isinstance(view, JoinView)
    identify(view)
    exam = view.exam
    assert exam is not None, view.message.value
    exam.views[0].set_response("A")  # wrong: the key of t-single is C
    exam.submit()
    attempt = exam.sitting.attempt
    assert attempt.status == "submitted"
    assert [(a.question_id, a.response) for a in store.answers_for_attempt(attempt.id)] == [
        ("t-single", "A")
    ]

    live = quizkit.live("K7Q2", every=60)
    assert isinstance(live, LiveView) and "已交卷" in live.board.value
    live.stop()
    book = quizkit.mistakes()
    assert isinstance(book, MistakeBookView) and "一般期限" in book.overview.value  # t-single
    review = quizkit.review()
    assert "今日复习" in str(review.children[0].value)  # type: ignore[union-attr]
    assert {
        "start_attempt",
        "record_answer",
        "session_board_frames",
        "cadre_answers_frame",
    } <= set(backend.calls)
