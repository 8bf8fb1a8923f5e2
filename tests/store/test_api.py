"""The store API other modules are written against: names and parameters must not drift."""

from __future__ import annotations

import inspect

import quizkit.store
from quizkit.store import Store, open_store

#: method -> parameter names (after self), as agreed with the widgets, reports, sessions, roster work.
CONTRACT = {
    "close": [],
    "upsert_unit": ["name", "parent"],
    "upsert_cadre": ["cadre"],
    "upsert_cadres": ["cadres_"],
    "get_cadre": ["cadre_id"],
    "find_cadres": ["name", "unit", "login"],
    "start_attempt": [
        "cadre_id",
        "quiz_id",
        "lesson",
        "session_id",
        "kind",
        "deadline_at",
        "paper",
    ],
    "get_attempt": ["attempt_id"],
    "attempts_for": ["cadre_id", "quiz_id", "session_id"],
    "finish_attempt": ["attempt_id", "status"],
    "record_answer": ["answer"],
    "record_answers": ["answers_"],
    "answers_for_attempt": ["attempt_id"],
    "latest_answers": ["cadre_id", "quiz_id"],
    "progress": ["cadre_id"],
    "cadres_frame": ["units"],
    "units_frame": [],
    "attempts_frame": ["session_id"],
    "answers_frame": ["session_id", "kind"],
    "integrity_check": [],
    "counts": [],
    "backup": ["target", "force"],
    "create_session_row": [
        "code",
        "title",
        "kind",
        "rules",
        "opens_at",
        "closes_at",
        "status",
        "session_id",
    ],
    "get_session_row": ["session_id", "code"],
    "update_session_row": ["session_id", "changes"],
    "record_certificate": [
        "number",
        "cadre_id",
        "course",
        "verification_code",
        "session_id",
        "issued_at",
        "payload",
    ],
    "find_certificate": ["code"],
}


def test_exports() -> None:
    for name in ("Store", "open_store", "CadreRecord", "AnswerRecord", "Attempt", "StoredAnswer"):
        assert name in quizkit.store.__all__
    assert all(hasattr(quizkit.store, name) for name in quizkit.store.__all__)
    assert list(inspect.signature(open_store).parameters) == ["url", "create"]


def test_store_methods_keep_their_names_and_parameters() -> None:
    for method, parameters in CONTRACT.items():
        signature = inspect.signature(getattr(Store, method))
        assert list(signature.parameters)[1:] == parameters, method
