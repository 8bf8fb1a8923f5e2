"""What a quiz reports to its views (outcomes, progress, summary) and what it needs of the store."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from quizkit.errors import QuizkitError
from quizkit.learner.feedback import Feedback
from quizkit.learner.identity import Roster
from quizkit.question_types import Response
from quizkit.records import AnswerRecord, Attempt, StoredAnswer

STORE_FAILED = "成绩库暂时无法保存答案。答案已保留在本机，没有丢失，请稍后点击“重试”。"


class AnswerLog(Roster, Protocol):
    """The part of the store a quiz uses."""

    def start_attempt(
        self, cadre_id: str, *, quiz_id: str, lesson: str | None = None, kind: str = "practice"
    ) -> Attempt: ...
    def finish_attempt(self, attempt_id: str, *, status: str = "submitted") -> Attempt: ...
    def record_answer(self, answer: AnswerRecord) -> bool: ...
    def latest_answers(self, cadre_id: str, quiz_id: str) -> dict[str, StoredAnswer]: ...


@dataclass(frozen=True)
class Outcome:
    """A graded answer and whether the store has committed it."""

    question_id: str
    response: Response
    feedback: Feedback
    saved: bool


@dataclass(frozen=True)
class Progress:
    total: int
    answered: int
    correct: int
    current: int  # 1-based position of the first unanswered question (total when all are answered)


@dataclass(frozen=True)
class Summary:
    total: int
    answered: int
    correct: int
    earned: float
    possible: float
    percent: float
    band: str
    passed: bool
    wrong: tuple[str, ...]


def failure_text(error: Exception) -> str:
    detail = error.user_message if isinstance(error, QuizkitError) else type(error).__name__
    return f"{STORE_FAILED}（技术信息：{detail}）"


__all__ = [
    "STORE_FAILED",
    "AnswerLog",
    "Outcome",
    "Progress",
    "Summary",
    "failure_text",
]
