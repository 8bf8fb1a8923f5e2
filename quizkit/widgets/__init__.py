"""Quiz views for JupyterLab (the only part of quizkit that imports ipywidgets).

Views render and collect; quizkit.learner grades, stores and remembers who answers.
"""

from quizkit.widgets.api import QuizErrorView, quiz
from quizkit.widgets.cards import QuestionCard
from quizkit.widgets.identity import IdentityPanel
from quizkit.widgets.question import QuestionView
from quizkit.widgets.quiz_view import QuizView

__all__ = ["IdentityPanel", "QuestionCard", "QuestionView", "QuizErrorView", "QuizView", "quiz"]
