"""The answer log as the spaced-review schedule reads it: lean rows, oldest first (quizkit.spaced_review).

Read-only and derived from the log itself: the schedule has no table of its own.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from quizkit.records import ReviewAnswer
from quizkit.store.base import StoreBase
from quizkit.store.schema import answers, attempts


class ReviewQueriesMixin(StoreBase):
    """The answer log as the spaced-review schedule reads it."""

    def review_answers(self, cadre_ids: Sequence[str] | None = None) -> list[ReviewAnswer]:
        """Every answer of the given cadres (all cadres when None), in answered order."""
        query = (
            select(
                attempts.c.cadre_id,
                answers.c.question_id,
                answers.c.correct,
                answers.c.answered_at,
                attempts.c.kind,
                attempts.c.session_id,
            )
            .join(attempts, attempts.c.id == answers.c.attempt_id)
            .order_by(answers.c.answered_at, answers.c.id)
        )
        if cadre_ids is not None:
            query = query.where(attempts.c.cadre_id.in_(list(cadre_ids)))
        with self._read() as conn:
            return [ReviewAnswer._make(row) for row in conn.execute(query)]


__all__ = ["ReviewQueriesMixin"]
