"""One read of what closing an attempt works out: its paper, its session's rules and its answers
that count (``quizkit.store.latest``). The score (``scores.py``) and the item marks
(``item_marks.py``) are both derived from it, so closing reads the answer log once."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Connection, select

from quizkit.store.latest import counts
from quizkit.store.schema import answers, attempts, sessions

_CHUNK = 500


@dataclass(frozen=True)
class CountedAnswers:
    """One attempt: its stored paper, its session's rules (None outside a session) and, per
    question, the score and points of the answer that counts."""

    paper: Any
    rules: Mapping[str, Any] | None
    scores: dict[str, float] = field(default_factory=dict)
    points: dict[str, float] = field(default_factory=dict)

    @property
    def earned(self) -> float:
        return math.fsum(self.scores.values())

    @property
    def answered_points(self) -> float:
        return math.fsum(self.points.values())


def read_counted(conn: Connection, attempt_ids: Sequence[str]) -> dict[str, CountedAnswers]:
    """These attempts (those that exist) with their answers that count, two queries per 500."""
    found: dict[str, CountedAnswers] = {}
    for start in range(0, len(attempt_ids), _CHUNK):
        chunk = list(attempt_ids[start : start + _CHUNK])
        query = (
            select(attempts.c.id, attempts.c.paper, sessions.c.rules)
            .select_from(attempts.outerjoin(sessions, sessions.c.id == attempts.c.session_id))
            .where(attempts.c.id.in_(chunk))
        )
        for attempt_id, paper, rules in conn.execute(query):
            found[attempt_id] = CountedAnswers(paper, rules)
        rows = conn.execute(
            select(
                answers.c.attempt_id, answers.c.question_id, answers.c.score, answers.c.points
            ).where(answers.c.attempt_id.in_(chunk), counts())
        )
        for attempt_id, question_id, score, points in rows:
            entry = found[attempt_id]
            entry.scores[question_id] = float(score)
            entry.points[question_id] = float(points)
    return found


__all__ = ["CountedAnswers", "read_counted"]
