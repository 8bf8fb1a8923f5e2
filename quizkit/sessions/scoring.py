"""Scores of session attempts, from the append-only answer log and the stored paper.

The latest stored answer of each paper question counts (autosave writes a new row per choice); a
question never answered scores 0. The percentage is out of the paper's total points. Which of a
cadre's attempts counts follows the session's ``counting`` rule (highest, last or first).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

from quizkit.grading import percentage
from quizkit.sessions.papers import Paper
from quizkit.sessions.rules import Counting
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


def latest_by_question(answers: Iterable[StoredAnswer]) -> dict[str, StoredAnswer]:
    """The newest row per question (rows come in answered order; a later row replaces)."""
    latest: dict[str, StoredAnswer] = {}
    for row in answers:
        latest[row.question_id] = row
    return latest


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
    if not results:
        return None
    ordered = sorted(results, key=lambda pair: pair[0])
    if counting == "first":
        return ordered[0][1]
    if counting == "last":
        return ordered[-1][1]
    return max(percent for _, percent in ordered)


__all__ = ["AttemptScore", "counted_percent", "latest_by_question", "score_attempt"]
