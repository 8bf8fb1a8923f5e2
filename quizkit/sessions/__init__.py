"""Trainers' group sessions and exams: rules, join codes, papers, sittings, live view, item analysis, 错题本.

    rules (SessionRules, stored as JSON) → manage (create/find/close/extend, join codes)
      → papers (fixed or blueprint, seeded per cadre) → admission + timing → sitting (autosave, 交卷)
      → frames → live (trainer's dashboard) / stats + analysis (item analysis) / mistakes (错题本)

No screens here: the exam view and the trainer's dashboard live in ``quizkit.widgets.sessions``.
Charts are in ``quizkit.sessions.charts`` (imported on use: matplotlib is slow to load).
"""

from quizkit.sessions.admission import Admission, admit
from quizkit.sessions.analysis import PaperStatistics, Thresholds, item_statistics, paper_statistics
from quizkit.sessions.blueprint import BlueprintCell, check_blueprint, parse_blueprint
from quizkit.sessions.codes import normalize_code
from quizkit.sessions.live import LiveData, live_data
from quizkit.sessions.manage import (
    Session,
    close_session,
    create_session,
    extend_session,
    find_session,
    list_sessions,
)
from quizkit.sessions.mistakes import due_questions, mistake_book
from quizkit.sessions.papers import Paper, PaperItem, draw_paper
from quizkit.sessions.rules import MakeupRules, PaperRules, SessionRules
from quizkit.sessions.sitting import ExamResult, ExamSitting
from quizkit.sessions.stats import SessionAnalysis, analyse_session

__all__ = [
    "Admission",
    "BlueprintCell",
    "ExamResult",
    "ExamSitting",
    "LiveData",
    "MakeupRules",
    "Paper",
    "PaperItem",
    "PaperRules",
    "PaperStatistics",
    "Session",
    "SessionAnalysis",
    "SessionRules",
    "Thresholds",
    "admit",
    "analyse_session",
    "check_blueprint",
    "close_session",
    "create_session",
    "draw_paper",
    "due_questions",
    "extend_session",
    "find_session",
    "item_statistics",
    "list_sessions",
    "live_data",
    "mistake_book",
    "normalize_code",
    "paper_statistics",
    "parse_blueprint",
]
