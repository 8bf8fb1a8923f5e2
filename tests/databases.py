"""Real databases for tests: a fresh SQLite file, or a fresh schema in a real PostgreSQL server.

PostgreSQL comes from QUIZKIT_TEST_PG_URL when set; otherwise a throwaway server is started with
tests/pg_test_server.sh (initdb + pg_ctl, as the `postgres` user via runuser when root). When no server
can be had the PostgreSQL tests skip, except under CI=true, where they fail.
"""

from __future__ import annotations

import os
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

SCRIPT = Path(__file__).resolve().parent / "pg_test_server.sh"


class PgServer:
    """A PostgreSQL server for the test run, started here or named by QUIZKIT_TEST_PG_URL."""

    def __init__(self, url: str, root: str | None = None) -> None:
        self.url = url
        self.root = root

    @classmethod
    def start(cls, options: str | None = None) -> PgServer:
        """QUIZKIT_TEST_PG_URL, else a new server; ``options`` replace the script's server options
        (PG_OPTS, default ``-c fsync=off``)."""
        given = os.environ.get("QUIZKIT_TEST_PG_URL")
        if given:
            return cls(given)
        script = f'source {SCRIPT} && pg_start && echo "$DATABASE_URL" && echo "$PGROOT"'
        env = dict(os.environ) if options is None else {**os.environ, "PG_OPTS": options}
        try:
            done = subprocess.run(
                ["bash", "-c", script],
                capture_output=True,
                text=True,
                timeout=120,
                check=False,
                env=env,
            )
        except (OSError, subprocess.TimeoutExpired) as error:
            raise RuntimeError(f"could not run {SCRIPT.name}: {error}") from error
        lines = done.stdout.split()
        if done.returncode != 0 or len(lines) < 2:
            raise RuntimeError(
                f"{SCRIPT.name} could not start PostgreSQL: {done.stderr.strip()[-500:]}"
            )
        return cls(lines[-2] + "?connect_timeout=5", lines[-1])

    def stop(self) -> None:
        if self.root:
            subprocess.run(
                ["bash", "-c", f"source {SCRIPT} && PGROOT={self.root} pg_stop"],
                capture_output=True,
                timeout=60,
                check=False,
            )

    def fresh_schema(self) -> tuple[str, str]:
        """A new empty schema; returns (its name, a URL whose search_path is that schema)."""
        name = "t_" + uuid.uuid4().hex[:12]
        self._admin(f"CREATE SCHEMA {name}")
        url = make_url(self.url).update_query_dict({"options": f"-csearch_path={name}"})
        return name, url.render_as_string(hide_password=False)

    def drop_schema(self, name: str) -> None:
        self._admin(f"DROP SCHEMA IF EXISTS {name} CASCADE")

    def _admin(self, statement: str) -> None:
        engine = create_engine(self.url.replace("postgresql://", "postgresql+psycopg://", 1))
        try:
            with engine.begin() as conn:
                conn.execute(text(statement))
        finally:
            engine.dispose()


def pg_server_or_skip(request: pytest.FixtureRequest) -> Iterator[PgServer]:
    """Body of the session fixture `pg_server` (see tests/store/conftest.py)."""
    try:
        server = PgServer.start()
    except RuntimeError as error:
        message = f"no PostgreSQL server for the postgres tests: {error}"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message + " (CI=true: these tests must run)", pytrace=False)
        pytest.skip(message + " — set QUIZKIT_TEST_PG_URL to run them")
    try:
        yield server
    finally:
        server.stop()
