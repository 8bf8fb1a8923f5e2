"""The session screens: the cadre's exam (``join``), the trainer's live view (``live``), the 错题本.

They render and collect; quizkit.sessions decides (admission, clock, autosave, scores).
"""

from quizkit.widgets.sessions.analysis import item_analysis
from quizkit.widgets.sessions.exam import ExamView
from quizkit.widgets.sessions.join import JoinView, join
from quizkit.widgets.sessions.live import LiveView, live
from quizkit.widgets.sessions.mistakes import MistakeBookView, mistakes

__all__ = [
    "ExamView",
    "JoinView",
    "LiveView",
    "MistakeBookView",
    "item_analysis",
    "join",
    "live",
    "mistakes",
]
