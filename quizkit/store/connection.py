"""Engines for SQLite and PostgreSQL, and one translation of database failures into StoreError.

SQLite is tuned so that many kernels can write one file: WAL (readers never block the writer),
a 30 s busy timeout (SQLite's default of 0 fails most concurrent inserts with "database is locked"),
foreign keys on, and synchronous=FULL, so an answer acknowledged to the learner is on disk even if the
process is killed or the power goes. Write transactions start with BEGIN IMMEDIATE, so a writer waits
for the lock up front instead of failing when it upgrades a read lock.
"""

from __future__ import annotations

import os
import re
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, NoSuchModuleError, SQLAlchemyError
from sqlalchemy.pool import StaticPool

from quizkit.errors import StoreError

BUSY_TIMEOUT_S = 30.0
WRITE_OPTION = "quizkit_write"
_DRIVERS = {
    "sqlite": "sqlite",
    "postgresql": "postgresql+psycopg",
    "postgres": "postgresql+psycopg",
}


def parse_url(url: str) -> URL:
    """The URL with a known driver (``postgresql://`` means psycopg 3), or StoreError."""
    try:
        parsed = make_url(url.strip())
    except ArgumentError as error:
        raise StoreError(
            f"database URL {url!r} cannot be read",
            hint="write it like sqlite:///results/quizkit.db or "
            "postgresql+psycopg://user:password@host:5432/dbname",
        ) from error
    backend, _, driver = parsed.drivername.partition("+")
    if backend not in _DRIVERS:
        raise StoreError(
            f"database URL {display(parsed)!r} names {backend!r}; quizkit stores results in "
            "SQLite or PostgreSQL",
            hint="use sqlite:///path/to/quizkit.db or postgresql+psycopg://user:password@host/dbname",
        )
    if backend != "sqlite" and driver not in ("", "psycopg"):
        raise StoreError(
            f"database URL {display(parsed)!r} asks for the driver {driver!r}",
            hint="quizkit talks to PostgreSQL through psycopg 3: start the URL with postgresql+psycopg://",
        )
    if backend == "sqlite" and sqlite_path(parsed) is None:
        raise StoreError(
            f"database URL {url.strip()!r} is an SQLite database in memory: nothing would be kept",
            hint="name a file, e.g. sqlite:///results/quizkit.db (or leave QUIZKIT_DB_URL unset)",
        )
    return parsed.set(drivername=_DRIVERS[backend])


def display(url: URL | str) -> str:
    """The URL with its password hidden, for messages."""
    try:
        parsed = url if isinstance(url, URL) else make_url(url)
    except ArgumentError:
        return str(url)
    return parsed.render_as_string(hide_password=True)


def sqlite_path(url: URL) -> Path | None:
    """The database file of an SQLite URL (None for an in-memory database)."""
    if url.database in (None, "", ":memory:"):
        return None
    return Path(url.database)


def create_store_engine(url: URL) -> Engine:
    if url.get_backend_name() == "sqlite":
        return _sqlite_engine(url)
    query = dict(url.query)
    query.setdefault("connect_timeout", "10")
    try:
        # one kernel = one learner: keep one connection, open a few more only under load
        return create_engine(url.set(query=query), pool_pre_ping=True, pool_size=1, max_overflow=4)
    except (NoSuchModuleError, ArgumentError) as error:
        raise StoreError(f"cannot use {display(url)}: {error}") from error


def _sqlite_engine(url: URL) -> Engine:
    path = sqlite_path(url)
    options: dict[str, Any] = {"connect_args": {"timeout": BUSY_TIMEOUT_S}}
    if path is None:
        options.update(poolclass=StaticPool, connect_args={"check_same_thread": False})
    else:
        _check_folder(path)
        options["connect_args"]["check_same_thread"] = False
    engine = create_engine(url, **options)
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)
    return engine


def _check_folder(path: Path) -> None:
    folder = path.parent
    hint = (
        f"create {folder} and let this user write there, or point QUIZKIT_DB_URL (--db-url) "
        "at a writable place"
    )
    if folder.exists() and not folder.is_dir():
        raise StoreError(f"cannot keep results in {folder}: it is a file, not a folder", hint=hint)
    if not folder.exists():
        raise StoreError(f"the results folder {folder} does not exist", hint=hint)
    if not os.access(folder, os.W_OK | os.X_OK):
        raise StoreError(f"the results folder {folder} is not writable", hint=hint)


def _on_sqlite_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.isolation_level = None  # we issue BEGIN ourselves (see _on_sqlite_begin)
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {int(BUSY_TIMEOUT_S * 1000)}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = FULL")
    finally:
        cursor.close()


def _on_sqlite_begin(connection: Connection) -> None:
    write = connection.get_execution_options().get(WRITE_OPTION, False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


@contextmanager
def translated(url: URL) -> Iterator[None]:
    """Turn any database failure inside the block into one StoreError that says what to do."""
    try:
        yield
    except StoreError:
        raise
    except (SQLAlchemyError, sqlite3.Error) as error:
        raise describe(error, url) from error


def describe(error: BaseException, url: URL) -> StoreError:
    original = error.orig if isinstance(error, DBAPIError) else error
    text = str(original).strip()
    where = display(url)
    for pattern, message, hint in _KNOWN:
        if re.search(pattern, text, re.IGNORECASE):
            return StoreError(message.format(where=where), hint=hint.format(where=where))
    first_line = text.splitlines()[0] if text else type(original).__name__
    return StoreError(
        f"the results database {where} failed: {first_line}",
        hint="run `quizkit db check`; if the problem stays, restore a `quizkit db backup` copy",
    )


_SERVER = (
    "check that the PostgreSQL server is running and that QUIZKIT_DB_URL (or --db-url) names it"
)
_KNOWN: tuple[tuple[str, str, str], ...] = (
    (
        r"unable to open database file",
        "cannot open the results database {where}",
        "check that its folder exists and this user may write there, or set QUIZKIT_DB_URL",
    ),
    (
        r"file is not a database|malformed|disk image",
        "{where} is damaged or is not an SQLite database",
        "move the file aside and run `quizkit db init`, or put back a copy made by `quizkit db backup`",
    ),
    (
        r"readonly database|read-only",
        "the results database {where} is read-only",
        "let this user write the database file and its folder",
    ),
    (
        r"database is locked|database is busy",
        "the results database {where} stayed busy for 30 s",
        "try again in a moment; if it keeps happening, close other programs that hold the file",
    ),
    (
        r"database or disk is full|no space left",
        "the disk holding {where} is full",
        "free some space, then try again",
    ),
    (
        r"no such table|no such column|relation .* does not exist|column .* does not exist",
        "the results database {where} lacks a table or column this quizkit needs (an older schema)",
        "run `quizkit db upgrade` (after making a copy with `quizkit db backup`)",
    ),
    (
        r"password authentication failed|no password supplied",
        "PostgreSQL refused the user or password in {where}",
        "check the user name and password in QUIZKIT_DB_URL (or --db-url)",
    ),
    (
        r"database \".*\" does not exist",
        "the PostgreSQL database named in {where} does not exist",
        "create it (createdb, owned by the URL's user) or fix its name in the URL",
    ),
    (
        r"connection refused|could not translate host name|name or service not known"
        r"|no route to host|network is unreachable|failed to resolve host",
        "cannot reach the PostgreSQL server at {where}",
        _SERVER,
    ),
    (
        r"too many clients|remaining connection slots are reserved",
        "the PostgreSQL server at {where} has no free connection left",
        "raise max_connections on the server (each open lesson holds one connection), or put "
        "PgBouncer in front of it",
    ),
    (
        r"timeout expired|timed out",
        "the PostgreSQL server at {where} did not answer in time",
        _SERVER,
    ),
    (
        r"server closed the connection|terminating connection|connection .* closed",
        "the connection to the PostgreSQL server at {where} was lost",
        "try again; if it keeps happening, " + _SERVER,
    ),
)
