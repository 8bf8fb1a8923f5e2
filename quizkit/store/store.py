"""The Store, and opening it: the one entry point to the results database."""

from __future__ import annotations

from sqlalchemy import Connection, inspect
from sqlalchemy.engine import URL

from quizkit.errors import StoreError
from quizkit.store.answers import AnswersMixin
from quizkit.store.attempts import AttemptsMixin
from quizkit.store.base import StoreBase
from quizkit.store.certificates import CertificatesMixin
from quizkit.store.chain_check import ChainCheckMixin
from quizkit.store.connection import (
    WRITE_OPTION,
    create_store_engine,
    display,
    parse_url,
    sqlite_path,
    translated,
)
from quizkit.store.frames import FramesMixin
from quizkit.store.item_marks import ItemMarksMixin
from quizkit.store.maintenance import MaintenanceMixin
from quizkit.store.migrations import (
    SCHEMA_VERSION,
    newer_schema_error,
    older_schema_error,
    stored_version,
    upgrade,
)
from quizkit.store.reporting import ReportingMixin
from quizkit.store.review_queries import ReviewQueriesMixin
from quizkit.store.roster import RosterMixin
from quizkit.store.roster_sync import RosterSyncMixin
from quizkit.store.schema import DATA_TABLES
from quizkit.store.session_figures import SessionFiguresMixin
from quizkit.store.session_queries import SessionQueriesMixin
from quizkit.store.session_rows import SessionRowsMixin


class Store(
    RosterMixin,
    RosterSyncMixin,
    SessionQueriesMixin,
    ItemMarksMixin,
    ReviewQueriesMixin,
    AttemptsMixin,
    AnswersMixin,
    SessionRowsMixin,
    CertificatesMixin,
    FramesMixin,
    ReportingMixin,
    MaintenanceMixin,
    SessionFiguresMixin,
    ChainCheckMixin,
    StoreBase,
):
    """The results database: roster, sessions, attempts, the answer log, certificates.

    Open it with :func:`open_store`. Safe to share between threads; open one per process.
    """

    @property
    def schema_version(self) -> int | None:
        with self._read() as conn:
            return stored_version(conn)


def _resolve(url: str) -> URL:
    """The URL to open, as given: the project (quizkit.project) resolves settings and relative
    SQLite paths before the store is asked; the store never reads settings itself."""
    return parse_url(url)


def open_store(url: str, *, create: bool = True) -> Store:
    """Open the results database named by ``url`` (resolved already: see quizkit.project).

    ``create``: build the schema in an empty database. A database with an older schema is not
    touched: StoreError asks for `quizkit db upgrade`. Every failure is one StoreError.
    """
    parsed = _resolve(url)
    path = sqlite_path(parsed) if parsed.get_backend_name() == "sqlite" else None
    if not create and path is not None and not path.exists():
        raise StoreError(
            f"there is no results database at {path}",
            hint="run `quizkit db init` first, or point QUIZKIT_DB_URL (--db-url) at the database",
        )
    store = Store(create_store_engine(parsed), parsed)
    try:
        with translated(parsed), store._engine.connect() as conn:
            _prepare(conn, parsed, create=create)
    except BaseException:
        store.close()
        raise
    return store


def _prepare(conn: Connection, url: URL, *, create: bool) -> None:
    with conn.begin():
        version = stored_version(conn)
    if version is None:
        if not create:
            raise StoreError(
                f"the results database {display(url)} is empty",
                hint="run `quizkit db init` to create its tables",
            )
        conn.execution_options(**{WRITE_OPTION: True})
        with conn.begin():
            upgrade(conn)
        return
    if version > SCHEMA_VERSION:
        raise newer_schema_error(version)
    if version < SCHEMA_VERSION:
        raise older_schema_error(version)
    missing = set(DATA_TABLES) - set(inspect(conn).get_table_names())
    if missing:
        raise StoreError(
            f"the results database {display(url)} lacks the table(s) {', '.join(sorted(missing))}",
            hint="put back a copy made with `quizkit db backup`, or move the file aside and run "
            "`quizkit db init`",
        )


def upgrade_store(url: str) -> tuple[int | None, int]:
    """Bring the database to the current schema; returns (version before, version after)."""
    parsed = _resolve(url)
    engine = create_store_engine(parsed)
    try:
        with translated(parsed), engine.connect() as conn:
            conn.execution_options(**{WRITE_OPTION: True})
            _refuse_damaged(conn, parsed)
            with conn.begin():
                before = stored_version(conn)
                upgrade(conn)
        return before, SCHEMA_VERSION
    finally:
        engine.dispose()


def _refuse_damaged(conn: Connection, url: URL) -> None:
    """An SQLite file that fails its quick check is not upgraded (nor reported as up to date)."""
    if url.get_backend_name() != "sqlite":
        return
    with conn.begin():
        found = [str(row[0]) for row in conn.exec_driver_sql("PRAGMA quick_check")]
    if found != ["ok"]:
        raise StoreError(
            f"{display(url)} is damaged: {found[0]}",
            hint="nothing was changed; put back a copy made by `quizkit db backup`, "
            "or move the file aside and run `quizkit db init`",
        )


def database_file(store: Store) -> str | None:
    """The SQLite file behind a store (None for PostgreSQL or memory)."""
    path = sqlite_path(store._url) if store.dialect == "sqlite" else None
    return None if path is None else str(path)
