"""Checks, counts and online backup."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy import Connection, func, select

from quizkit.errors import StoreError
from quizkit.store.base import StoreBase
from quizkit.store.connection import BUSY_TIMEOUT_S, sqlite_path
from quizkit.store.migrations import (
    APPEND_ONLY_TABLES,
    SCHEMA_VERSION,
    append_only_triggers,
    stored_version,
)
from quizkit.store.schema import DATA_TABLES, answers, metadata
from quizkit.store.scores import closed_attempt_ids, disagreeing_attempts

SCORE_SAMPLE = 200  # attempts `quizkit db check` recomputes (all with --full)


class MaintenanceMixin(StoreBase):
    def counts(self) -> dict[str, int]:
        """Rows per table: units, cadres, sessions, attempts, answers, certificates."""
        with self._read() as conn:
            return {
                name: int(conn.scalar(select(func.count()).select_from(metadata.tables[name])) or 0)
                for name in DATA_TABLES
            }

    def integrity_check(self) -> list[str]:
        """Every problem found (empty = OK): a read-only file, SQLite's own checks, foreign keys,
        schema version, missing append-only triggers, and answers whose score lies outside 0…points."""
        problems: list[str] = self._read_only()
        with self._read() as conn:
            problems += _missing_triggers(conn)
            if self.dialect == "sqlite":
                result = [row[0] for row in conn.exec_driver_sql("PRAGMA integrity_check")]
                problems += [f"sqlite: {line}" for line in result if line != "ok"]
                for row in conn.exec_driver_sql("PRAGMA foreign_key_check"):
                    problems.append(f"{row[0]} row {row[1]} points at a missing {row[2]} row")
            version = stored_version(conn)
            if version != SCHEMA_VERSION:
                problems.append(f"schema version {version}, expected {SCHEMA_VERSION}")
            bad = conn.scalar(
                select(func.count())
                .select_from(answers)
                .where((answers.c.score < 0) | (answers.c.score > answers.c.points))
            )
            if bad:
                problems.append(f"{bad} answer(s) have a score outside 0…points")
        return problems

    def check_scores(self, *, sample: int | None = SCORE_SAMPLE) -> tuple[int, list[str]]:
        """Recompute the stored scores of ``sample`` closed attempts drawn at random (every one when
        None) from the answer log; returns how many were checked and a line per attempt whose
        stored score disagrees (attempt, cadre, and each figure stored ≠ recomputed)."""
        with self._read() as conn:
            chosen = closed_attempt_ids(conn, limit=sample)
            found = disagreeing_attempts(conn, chosen)
        return len(chosen), [item.describe() for item in found]

    def _read_only(self) -> list[str]:
        """The database file or its folder cannot be written: every answer would fail to save."""
        path = sqlite_path(self._url) if self.dialect == "sqlite" else None
        if path is None or not path.exists():
            return []
        found = []
        if not os.access(path, os.W_OK) or not path.stat().st_mode & 0o222:
            found.append(f"{path} is read-only: answers cannot be saved (let this user write it)")
        if not os.access(path.parent, os.W_OK | os.X_OK):
            found.append(
                f"the folder {path.parent} is not writable: SQLite cannot create "
                f"{path.name}-wal there, so answers cannot be saved"
            )
        return found

    def backup(self, target: Path, *, force: bool = False) -> Path:
        """Copy the SQLite database to ``target`` (a file, or a folder to put a dated file in)
        with SQLite's online backup API: a consistent snapshot, while others keep writing.

        Never onto the database's own files (the db, ``-wal``, ``-shm``, ``-journal``); an existing
        file only with ``force``."""
        source = sqlite_path(self._url) if self.dialect == "sqlite" else None
        if source is None:
            raise StoreError(
                f"`quizkit db backup` copies SQLite files; {self.url} is not one",
                hint="back a PostgreSQL database up with pg_dump, e.g. pg_dump -Fc DBNAME > quizkit.dump",
            )
        target = Path(target)
        if target.is_dir():
            target = target / f"quizkit-{datetime.now():%Y%m%d-%H%M%S}.db"
        own = {Path(f"{source.resolve()}{suffix}") for suffix in ("", "-wal", "-shm", "-journal")}
        if target.resolve() in own:
            raise StoreError(
                f"the backup would overwrite the database's own file {target}",
                hint="name another file, e.g. backups/quizkit-copy.db",
            )
        if target.exists() and not force:
            raise StoreError(
                f"{target} exists; pass --force to overwrite it", hint="or name another file"
            )
        if not target.parent.is_dir():
            raise StoreError(f"the folder {target.parent} does not exist", hint="create it first")
        partial = target.with_name(target.name + ".partial")
        try:
            _copy(source, partial)
            os.replace(partial, target)
        except (sqlite3.Error, OSError) as error:
            partial.unlink(missing_ok=True)
            raise StoreError(
                f"could not back up {source} to {target}: {error}",
                hint="check free space and that this user may write the target folder",
            ) from error
        return target


def _copy(source: Path, target: Path) -> None:
    target.unlink(missing_ok=True)
    reader = sqlite3.connect(source, timeout=BUSY_TIMEOUT_S)
    writer = sqlite3.connect(target)
    try:
        reader.backup(writer)  # all pages in one step: one read snapshot, writers not blocked (WAL)
        writer.execute("PRAGMA journal_mode = DELETE")  # a single self-contained file
        (status,) = writer.execute("PRAGMA quick_check").fetchone()
        if status != "ok":
            raise sqlite3.DatabaseError(f"the copy fails its check: {status}")
    finally:
        writer.close()
        reader.close()


def _missing_triggers(conn: Connection) -> list[str]:
    """Append-only tables whose refusing triggers are gone (someone could then edit answers)."""
    missing = []
    for table in APPEND_ONLY_TABLES:
        if conn.dialect.name == "sqlite":
            query = "SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = ?"
        else:  # the table as the search path finds it (tests use one schema each)
            query = "SELECT tgname FROM pg_trigger WHERE tgrelid = to_regclass(%s)"
        present = {str(row[0]) for row in conn.exec_driver_sql(query, (table,))}
        missing += [
            f"{table} is not append-only: trigger {name} is missing (run `quizkit db upgrade` "
            "on a copy, or restore a `quizkit db backup`)"
            for name in append_only_triggers(conn.dialect.name, table)
            if name not in present
        ]
    return missing
