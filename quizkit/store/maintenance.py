"""Checks, counts and online backup."""

from __future__ import annotations

import os
import sqlite3
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select

from quizkit.errors import StoreError
from quizkit.store.base import StoreBase
from quizkit.store.connection import BUSY_TIMEOUT_S, sqlite_path
from quizkit.store.migrations import SCHEMA_VERSION, stored_version
from quizkit.store.schema import DATA_TABLES, answers, metadata


class MaintenanceMixin(StoreBase):
    def counts(self) -> dict[str, int]:
        """Rows per table: units, cadres, sessions, attempts, answers, certificates."""
        with self._read() as conn:
            return {
                name: int(conn.scalar(select(func.count()).select_from(metadata.tables[name])) or 0)
                for name in DATA_TABLES
            }

    def integrity_check(self) -> list[str]:
        """Every problem found (empty = OK): SQLite's own checks, foreign keys, schema version,
        and answers whose score lies outside 0…points."""
        problems: list[str] = []
        with self._read() as conn:
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

    def backup(self, target: Path) -> Path:
        """Copy the SQLite database to ``target`` (a file, or a folder to put a dated file in)
        with SQLite's online backup API: a consistent snapshot, while others keep writing."""
        source = sqlite_path(self._url) if self.dialect == "sqlite" else None
        if source is None:
            raise StoreError(
                f"`quizkit db backup` copies SQLite files; {self.url} is not one",
                hint="back a PostgreSQL database up with pg_dump, e.g. pg_dump -Fc DBNAME > quizkit.dump",
            )
        target = Path(target)
        if target.is_dir():
            target = target / f"quizkit-{datetime.now():%Y%m%d-%H%M%S}.db"
        if target.resolve() == source.resolve():
            raise StoreError(
                "the backup would overwrite the database itself", hint="name another file"
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
