"""What every part of the Store shares: the engine and the read/write transaction helpers."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Self

from sqlalchemy import Connection, Engine
from sqlalchemy.engine import URL

from quizkit.store.connection import WRITE_OPTION, display, sqlite_path, translated
from quizkit.store.writelock import WriterQueue


class StoreBase:
    """Holds one engine; every database call goes through ``_read`` or ``_write``."""

    def __init__(self, engine: Engine, url: URL) -> None:
        self._engine = engine
        self._url = url
        self.url: str = display(url)
        self.dialect: str = engine.dialect.name
        path = sqlite_path(url) if self.dialect == "sqlite" else None
        self._queue = WriterQueue(path) if path is not None else None

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One committed write transaction (BEGIN IMMEDIATE on SQLite); rolled back on error."""
        with translated(self._url), self._engine.connect() as conn, self._queued():
            conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                yield conn

    @contextmanager
    def _queued(self) -> Iterator[None]:
        if self._queue is None:
            yield
        else:
            with self._queue.held():
                yield

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """One read transaction, a consistent snapshot while writers carry on."""
        with translated(self._url), self._engine.connect() as conn, conn.begin():
            yield conn

    def close(self) -> None:
        """Release the connections; the Store cannot be used afterwards."""
        self._engine.dispose()
        if self._queue is not None:
            self._queue.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Store {self.url}>"
