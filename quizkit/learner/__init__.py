"""The learner's side of a quiz without any widget: who answers, grading, storing, pending answers.

Views (quizkit.widgets) render and collect; this package decides. It imports neither ipywidgets nor
SQLAlchemy directly: it talks to the store through the store's API only.
"""

from quizkit.learner.controller import (
    MODES,
    AnswerLog,
    Mode,
    Outcome,
    Progress,
    QuizController,
    Summary,
)
from quizkit.learner.current import CurrentLearner
from quizkit.learner.feedback import Feedback, feedback_for
from quizkit.learner.identity import Identity, IdentityMemory, stable_cadre_id
from quizkit.learner.pending import PendingAnswer, PendingQueue

__all__ = [
    "MODES",
    "AnswerLog",
    "CurrentLearner",
    "Feedback",
    "Identity",
    "IdentityMemory",
    "Mode",
    "Outcome",
    "PendingAnswer",
    "PendingQueue",
    "Progress",
    "QuizController",
    "Summary",
    "feedback_for",
    "stable_cadre_id",
]
