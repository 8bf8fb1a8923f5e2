"""The learner's side of a quiz without any widget: who answers, grading, storing, pending answers.

Views (quizkit.widgets) render and collect; this package decides. It imports neither ipywidgets nor
SQLAlchemy directly: it talks to the store through the store's API only.
"""

from quizkit.learner.controller import MODES, Mode, QuizController
from quizkit.learner.current import CurrentLearner
from quizkit.learner.feedback import Feedback, feedback_for
from quizkit.learner.identity import Identity, IdentityMemory, stable_cadre_id
from quizkit.learner.pending import PendingAnswer, PendingQueue
from quizkit.learner.state import AnswerLog, Outcome, Progress, Summary

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
