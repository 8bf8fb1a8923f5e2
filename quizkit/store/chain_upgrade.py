"""Schema step 5: the answers' hash-chain columns, back-filled for the rows already in the log.

Frozen like every step (see migrations.py): it reads the answers through its own table definition and
hashes with chain format 1. Existing rows are chained per attempt in id order, the order they were
written in; the append-only trigger that refuses UPDATE is lifted for the back-fill only, inside the
same transaction, and is in place again (recreated when it was missing) when the step commits.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Float,
    Integer,
    MetaData,
    String,
    Table,
    bindparam,
    select,
    tuple_,
    update,
)

from quizkit.store.chain import Link, chained
from quizkit.store.columns import BigId, JSONText, UTCDateTime

BATCH = 5_000
_APPEND_ONLY = "answers is append-only: record a correction as a new row"

_meta = MetaData()
_answers = Table(
    "answers",
    _meta,
    Column("id", BigId, primary_key=True),
    Column("submission_id", String(100)),
    Column("attempt_id", String(64)),
    Column("question_id", String(200)),
    Column("question_hash", String(128)),
    Column("response", JSONText),
    Column("score", Float),
    Column("points", Float),
    Column("correct", Boolean),
    Column("time_taken_ms", Integer),
    Column("answered_at", UTCDateTime),
    Column("recorded_at", UTCDateTime),
    Column("chain_prev_id", BigId),
    Column("chain_prev_hash", String(64)),
    Column("chain_hash", String(64)),
)
_attempts = Table("attempts", _meta, Column("id", String(64)), Column("cadre_id", String(64)))


def v5_answer_chain(conn: Connection) -> None:
    """Add chain_prev_id, chain_prev_hash and chain_hash to answers and chain the existing rows."""
    big = "INTEGER" if conn.dialect.name == "sqlite" else "BIGINT"
    for column, kind in (
        ("chain_prev_id", big),
        ("chain_prev_hash", "VARCHAR(64)"),
        ("chain_hash", "VARCHAR(64)"),
    ):
        conn.exec_driver_sql(f"ALTER TABLE answers ADD COLUMN {column} {kind} NULL")
    with _updates_allowed(conn):
        _back_fill(conn)


def _back_fill(conn: Connection) -> None:
    statement = (
        update(_answers)
        .where(_answers.c.id == bindparam("row_id"))
        .values(
            chain_prev_id=bindparam("prev_id"),
            chain_prev_hash=bindparam("prev_hash"),
            chain_hash=bindparam("hash"),
        )
    )
    links: dict[str, Link] = {}
    for rows in _batches(conn):
        changes = []
        for row in rows:
            attempt_id = row["attempt_id"]
            link = links.get(attempt_id) or Link(str(row["cadre_id"]))
            filled = chained(row, link)
            changes.append(
                {
                    "row_id": row["id"],
                    "prev_id": link.prev_id,
                    "prev_hash": link.prev_hash,
                    "hash": filled["chain_hash"],
                }
            )
            links[attempt_id] = Link(link.cadre_id, int(row["id"]), filled["chain_hash"])
        conn.execute(statement, changes)


def _batches(conn: Connection) -> Iterator[list[dict[str, Any]]]:
    """Every answer with its attempt's cadre, by attempt then id, BATCH rows at a time."""
    query = (
        select(_answers, _attempts.c.cadre_id)
        .join(_attempts, _attempts.c.id == _answers.c.attempt_id)
        .order_by(_answers.c.attempt_id, _answers.c.id)
        .limit(BATCH)
    )
    after: tuple[str, int] | None = None
    while True:
        page = query
        if after is not None:
            page = page.where(tuple_(_answers.c.attempt_id, _answers.c.id) > tuple_(*after))
        rows = [dict(row) for row in conn.execute(page).mappings()]
        if not rows:
            return
        yield rows
        after = (rows[-1]["attempt_id"], int(rows[-1]["id"]))


@contextmanager
def _updates_allowed(conn: Connection) -> Iterator[None]:
    """Lift the trigger that refuses UPDATE on answers for the block (DELETE stays refused)."""
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("DROP TRIGGER IF EXISTS answers_no_update")
        yield
        conn.exec_driver_sql(
            "CREATE TRIGGER answers_no_update BEFORE UPDATE ON answers "
            f"BEGIN SELECT RAISE(ABORT, '{_APPEND_ONLY}'); END"
        )
        return
    found = conn.exec_driver_sql(
        "SELECT 1 FROM pg_trigger WHERE tgrelid = to_regclass('answers') "
        "AND tgname = 'answers_no_change'"
    ).first()
    if found is None:
        yield
        return
    conn.exec_driver_sql("ALTER TABLE answers DISABLE TRIGGER answers_no_change")
    yield
    conn.exec_driver_sql("ALTER TABLE answers ENABLE TRIGGER answers_no_change")
