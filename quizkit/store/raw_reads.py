"""Bulk reads straight from the database driver, for the store's frames of many rows.

SQLAlchemy builds a Row object (and runs each column's result processor) per row; for the tens of
thousands to a million rows of a county's reports, item analysis and live board that costs more than
the query. These helpers ask the DBAPI cursor directly and hand back one tuple per column.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Connection, Select


@contextmanager
def paused_gc() -> Iterator[None]:
    """Python's cyclic garbage collector held off while a bulk read builds millions of tuples.

    Every 700 new container objects start a collection, and the older generations are walked again
    and again as a million rows pile up (about a quarter of a million-row read's CPU time); rows hold
    no reference cycles, so nothing is lost by collecting once, afterwards, as usual."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def raw_columns(conn: Connection, query: Select[Any], width: int) -> list[tuple[Any, ...]]:
    """The query's result as one tuple per column, straight from the DBAPI cursor.

    SQLAlchemy builds a Row object per row; for a million answers that costs more than the query, so
    this path asks the driver directly (the selected columns need no type conversion but bool), with
    the garbage collector paused (:func:`paused_gc`).
    """
    compiled = query.compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
    params = compiled.construct_params()
    arguments: Any = (
        tuple(params[name] for name in compiled.positiontup or ())
        if compiled.positional
        else params
    )
    cursor = conn.connection.cursor()
    with paused_gc():
        try:
            cursor.execute(str(compiled), arguments)
            rows = cursor.fetchall()
        finally:
            cursor.close()
        return list(zip(*rows, strict=True)) if rows else [() for _ in range(width)]


__all__ = ["paused_gc", "raw_columns"]
