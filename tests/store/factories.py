"""Factories for store records."""

from __future__ import annotations

import uuid
from datetime import datetime
from typing import Any

from quizkit.store import AnswerRecord, CadreRecord


def make_cadre(index: int = 1, **overrides: Any) -> CadreRecord:
    values: dict[str, Any] = {
        "id": f"c{index:04d}",
        "name": f"干部{index}",
        "unit": "城关镇",
        "position": "科员",
    }
    values.update(overrides)
    return CadreRecord(**values)


def make_answer(
    attempt_id: str,
    question_id: str = "xk-042-deadline",
    *,
    response: str | list[str] | bool | None = "C",
    correct: bool = True,
    answered_at: datetime | None = None,
    submission_id: str | None = None,
    **overrides: Any,
) -> AnswerRecord:
    values: dict[str, Any] = {
        "submission_id": submission_id or uuid.uuid4().hex,
        "attempt_id": attempt_id,
        "question_id": question_id,
        "question_hash": "sha256:" + question_id,
        "response": response,
        "score": 2.0 if correct else 0.0,
        "points": 2.0,
        "correct": correct,
        "time_taken_ms": 4200,
        "answered_at": answered_at,
    }
    values.update(overrides)
    return AnswerRecord(**values)
