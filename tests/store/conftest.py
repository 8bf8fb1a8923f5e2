"""Store fixtures: every store test runs on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from quizkit.store import CadreRecord, Store, open_store
from tests.databases import PgServer, pg_server_or_skip


@pytest.fixture(scope="session")
def pg_server(request: pytest.FixtureRequest) -> Iterator[PgServer]:
    yield from pg_server_or_skip(request)


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty database: a new SQLite file, or a new schema on the PostgreSQL server."""
    if request.param == "sqlite":
        (tmp_path / "results").mkdir()
        yield f"sqlite:///{(tmp_path / 'results' / 'quizkit.db').as_posix()}"
        return
    server: PgServer = request.getfixturevalue("pg_server")
    name, url = server.fresh_schema()
    try:
        yield url
    finally:
        server.drop_schema(name)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:
    opened = open_store(db_url)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture
def cadre(store: Store) -> CadreRecord:
    record = CadreRecord(id="c001", name="张三", unit="城关镇", position="副镇长")
    store.upsert_cadre(record)
    return record
