"""quizkit: law-study quizzes, exams and score sheets for township cadres.

``import quizkit`` stays light (no ipywidgets, no SQLAlchemy): the public names below are imported on
first use, so a lesson's ``quizkit.quiz("xk-basics")`` pays for the widgets only when it runs.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

# public name → module that defines it (imported on first access)
_LAZY = {
    "quiz": "quizkit.widgets.api",
    "course_home": "quizkit.widgets.home",
    "QuizView": "quizkit.widgets.quiz_view",
    "QuestionView": "quizkit.widgets.question",
    "QuizkitError": "quizkit.errors",
    "join": "quizkit.widgets.sessions.join",
    "live": "quizkit.widgets.sessions.live",
    "mistakes": "quizkit.widgets.sessions.mistakes",
    "review": "quizkit.widgets.sessions.review",
    "my_lessons": "quizkit.widgets.my_lessons",
}

__all__ = [
    "QuestionView",
    "QuizView",
    "QuizkitError",
    "__version__",
    "course_home",
    "join",
    "live",
    "mistakes",
    "my_lessons",
    "quiz",
    "review",
]

if TYPE_CHECKING:
    from quizkit.errors import QuizkitError
    from quizkit.widgets.api import quiz
    from quizkit.widgets.home import course_home
    from quizkit.widgets.my_lessons import my_lessons
    from quizkit.widgets.question import QuestionView
    from quizkit.widgets.quiz_view import QuizView
    from quizkit.widgets.sessions.join import join
    from quizkit.widgets.sessions.live import live
    from quizkit.widgets.sessions.mistakes import mistakes
    from quizkit.widgets.sessions.review import review


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'quizkit' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
