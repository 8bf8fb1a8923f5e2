"""Scores of session attempts, from the append-only answer log and the stored paper.

The latest stored answer of each paper question counts (``quizkit.counting.latest_by_question``); a
question never answered scores 0. The percentage is out of the paper's total points. Which of a
cadre's attempts counts follows the session's ``counting`` rule (highest, last or first).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from quizkit.counting import Counting, counted, latest_by_question
from quizkit.grading import percentage
from quizkit.sessions.papers import Paper
from quizkit.store import StoredAnswer


@dataclass(frozen=True)
class AttemptScore:
    earned: float
    possible: float
    answered: int
    total: int
    correct: int

    @property
    def percent(self) -> float:
        return percentage(self.earned, self.possible)


def score_attempt(answers: Iterable[StoredAnswer], paper: Paper) -> AttemptScore:
    latest = latest_by_question(answers)
    rows = [latest[qid] for qid in paper.question_ids if qid in latest]
    given = [row for row in rows if row.response is not None]
    return AttemptScore(
        earned=round(sum(row.score for row in rows), 4),
        possible=paper.total_points,
        answered=len(given),
        total=len(paper.items),
        correct=sum(1 for row in rows if row.correct),
    )


def counted_percent(results: Sequence[tuple[datetime, float]], counting: Counting) -> float | None:
    """The counted result among (started_at, percent) pairs, or None when there is none."""
    rows: list[dict[str, Any]] = [
        {"started_at": started, "score": percent} for started, percent in results
    ]
    chosen = counted(rows, counting)
    return None if chosen is None else float(chosen["score"])


__all__ = ["AttemptScore", "counted_percent", "latest_by_question", "score_attempt"]
