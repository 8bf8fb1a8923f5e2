"""The answer that counts, in SQL: for each attempt and question, the stored row with the greatest id.

The rule is stated once, in ``quizkit.counting`` (``latest_by_question`` applies it to rows in hand);
this is its SQL form, used by every store read of "the answer that counts": the scores kept on
attempts, report frames and aggregates, item analysis, the live board and the 错题本. It is an
anti-join — no later row for the same (attempt, question) — which the index
``ix_answers_attempt_question`` (attempt_id, question_id, id) answers with one probe per row.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import ColumnElement, exists, select

from quizkit.store.schema import answers

_later = answers.alias("later_answer")


def counts(table: Any = answers) -> ColumnElement[bool]:
    """True for the rows of ``table`` (``answers`` or an alias of it) that count: no row with the same
    attempt and question has a greater id."""
    return ~exists(
        select(_later.c.id).where(
            _later.c.attempt_id == table.c.attempt_id,
            _later.c.question_id == table.c.question_id,
            _later.c.id > table.c.id,
        )
    )


__all__ = ["counts"]
