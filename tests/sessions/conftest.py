"""Session fixtures: a real store (SQLite, and PostgreSQL where marked), the small bank, a clock."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from quizkit.bank import Bank
from quizkit.learner.pending import PendingQueue
from quizkit.records import utc_now
from quizkit.store import Store, open_store
from tests.sessions.factories import session_bank
from tests.store.conftest import db_url, pg_server  # noqa: F401  (fixtures: SQLite + PostgreSQL)


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    """A store on a new SQLite file, for tests that do not depend on the database engine."""
    (tmp_path / "results").mkdir(exist_ok=True)
    opened = open_store(f"sqlite:///{(tmp_path / 'results' / 'quizkit.db').as_posix()}")
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def any_store(db_url: str, tmp_path: Path) -> Iterator[Store]:  # noqa: F811
    """The same tests on SQLite and on a real PostgreSQL server."""
    (tmp_path / "results").mkdir(exist_ok=True)
    opened = open_store(db_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def bank(tmp_path: Path) -> Bank:
    return session_bank(tmp_path)


@pytest.fixture(autouse=True)
def fresh_pending_queues() -> Iterator[None]:
    PendingQueue._shared.clear()
    yield
    PendingQueue._shared.clear()


class FakeClock:
    """A clock the test moves by hand (only the sitting's view of time; the store stamps real time).

    It starts 30 days ago by default, so a test may move it forward by hours or days and the answers a
    sitting stamps with it stay in the store's past (the store refuses answered_at in its future)."""

    def __init__(self, start: datetime | None = None) -> None:
        self.now = start or utc_now() - timedelta(days=30)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> datetime:
        self.now += timedelta(**delta)
        return self.now


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
