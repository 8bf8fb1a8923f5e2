"""Unit test: driver messages that are hard to provoke map to the right advice (no database needed)."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.engine import URL

from quizkit.store.connection import describe, parse_url

PG = parse_url("postgresql+psycopg://app:secret@db.example:5432/quizkit")
LITE = parse_url("sqlite:////srv/results/quizkit.db")


@pytest.mark.parametrize(
    ("url", "driver_message", "expected", "advice"),
    [
        (
            PG,
            "connection failed: FATAL:  sorry, too many clients already",
            "no free connection",
            "max_connections",
        ),
        (
            PG,
            "connection failed: FATAL:  remaining connection slots are reserved",
            "no free connection",
            "PgBouncer",
        ),
        (PG, "connection timeout expired", "did not answer in time", "server is running"),
        (
            PG,
            "consuming input failed: server closed the connection unexpectedly",
            "was lost",
            "try again",
        ),
        (PG, 'failed: FATAL:  database "quizkit" does not exist', "does not exist", "createdb"),
        (PG, 'relation "certificates" does not exist', "older schema", "quizkit db upgrade"),
        (PG, "failed: Name or service not known", "cannot reach", "server is running"),
        (LITE, "database or disk is full", "disk holding", "free some space"),
        (LITE, "database is locked", "stayed busy for 30 s", "close other programs"),
        (LITE, "attempt to write a readonly database", "read-only", "let this user write"),
        (LITE, "no such column: answers.recorded_at", "older schema", "quizkit db upgrade"),
        (
            LITE,
            "something nobody expected",
            "failed: something nobody expected",
            "quizkit db check",
        ),
    ],
)
def test_driver_messages_become_advice(
    url: URL, driver_message: str, expected: str, advice: str
) -> None:
    error = describe(sqlite3.OperationalError(driver_message), url)
    assert expected in error.message
    assert advice in (error.hint or "")
    assert "secret" not in str(error)
