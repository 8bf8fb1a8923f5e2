"""Tamper evidence for the answer log: each answer row carries a SHA-256 hash chained to the
previous row *of its attempt* (schema step 5).

Why one chain per attempt, not one over the whole log:

- writers never wait for each other across attempts: a writer locks only its own attempt's row
  (``SELECT … FOR NO KEY UPDATE`` on PostgreSQL; SQLite serializes writers already), so 200 cadres
  autosaving at once do not queue on one chain head, while two writes to one attempt can never fork it;
- the attempt is what a score is made of, so a break is named where it matters (attempt, cadre);
- a log-wide chain would add no strength: without a secret, anyone who can rewrite rows can recompute
  any unkeyed chain, whatever its shape (see docs/trust-model.md for what the chain does and does not
  show, e.g. the last rows of an attempt removed together).

A row's links: ``chain_prev_id`` (the id of the previous row of the attempt, NULL for its first row),
``chain_prev_hash`` (that row's hash) and ``chain_hash`` = SHA-256 of :func:`canonical_row`. The row's
own id is not hashed (the database assigns it on insert); renumbering a row still breaks the chain,
because the next row names it by id.

Canonical form, format 1 (frozen: step 5 back-fills with it; a change needs a new format number and a
new step): a JSON object with sorted keys, ``separators=(",", ":")``, ``ensure_ascii=False``, no NaN,
encoded UTF-8, of::

    v=1, attempt_id, cadre_id (the attempt's cadre), submission_id, question_id, question_hash,
    response (null, a string, true/false or a list of strings), score, points (JSON numbers as
    Python's shortest float repr, e.g. 2.0), correct (true/false), time_taken_ms (integer or null),
    answered_at, recorded_at (UTC, "YYYY-MM-DDTHH:MM:SS.ffffffZ", always 6 fraction digits),
    prev_id (integer or null), prev_hash (64 hex digits or null)
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import BindParameter, Connection, Executable, bindparam, select

from quizkit.store.schema import answers, attempts

CHAIN_FORMAT = 1
TIMESTAMP_FORMAT = "%Y-%m-%dT%H:%M:%S.%fZ"


@dataclass(frozen=True)
class Link:
    """Where an attempt's chain ends: the last row's id and hash (None, None before its first row)."""

    cadre_id: str
    prev_id: int | None = None
    prev_hash: str | None = None


def utc_text(moment: datetime) -> str:
    """The timestamp as the hash sees it (naive values are taken as UTC, as the store keeps them)."""
    aware = moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    return aware.strftime(TIMESTAMP_FORMAT)


def canonical_row(row: Mapping[str, Any], link: Link) -> bytes:
    """The bytes a row's hash is taken over (format 1, see the module docstring)."""
    time_taken = row["time_taken_ms"]
    values: dict[str, Any] = {
        "v": CHAIN_FORMAT,
        "attempt_id": str(row["attempt_id"]),
        "cadre_id": link.cadre_id,
        "submission_id": str(row["submission_id"]),
        "question_id": str(row["question_id"]),
        "question_hash": str(row["question_hash"]),
        "response": row["response"],
        "score": float(row["score"]),
        "points": float(row["points"]),
        "correct": bool(row["correct"]),
        "time_taken_ms": None if time_taken is None else int(time_taken),
        "answered_at": utc_text(row["answered_at"]),
        "recorded_at": utc_text(row["recorded_at"]),
        "prev_id": link.prev_id,
        "prev_hash": link.prev_hash,
    }
    text = json.dumps(
        values, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    )
    return text.encode("utf-8")


def row_hash(row: Mapping[str, Any], link: Link) -> str:
    return hashlib.sha256(canonical_row(row, link)).hexdigest()


def chained(row: Mapping[str, Any], link: Link) -> dict[str, Any]:
    """The row with its chain columns filled in, linked after ``link``."""
    return {
        **row,
        "chain_prev_id": link.prev_id,
        "chain_prev_hash": link.prev_hash,
        "chain_hash": row_hash(row, link),
    }


_WANTED: BindParameter[list[str]] = bindparam("attempt_ids", expanding=True)
_LOCK = (
    select(attempts.c.id, attempts.c.cadre_id)
    .where(attempts.c.id.in_(_WANTED))
    .order_by(attempts.c.id)
    .with_for_update(key_share=True)  # FOR NO KEY UPDATE: foreign-key checks are not blocked
)
# the newest row of each attempt, by an index scan from its end (ix_answers_attempt): as quick for
# the thousandth answer of an attempt as for the first
_NEWEST = (
    select(answers.c.id)
    .where(answers.c.attempt_id == attempts.c.id)
    .order_by(answers.c.id.desc())
    .limit(1)
    .correlate(attempts)
    .scalar_subquery()
)
_ENDS = (
    select(attempts.c.id, answers.c.id, answers.c.chain_hash)
    .select_from(attempts.join(answers, answers.c.id == _NEWEST))
    .where(attempts.c.id.in_(_WANTED))
)


def lock_chain_ends(conn: Connection, attempt_ids: Iterable[str]) -> dict[str, Link]:
    """Lock the attempts (in id order: no deadlock between batches) and read where each chain ends.

    Call inside the write transaction, before inserting: a second writer to the same attempt waits
    for the lock and then reads the row this one added. Attempts that do not exist are left out."""
    wanted = {"attempt_ids": sorted(set(attempt_ids))}
    locked = conn.execute(_LOCK, wanted).all()
    # a second statement, after the lock: under READ COMMITTED it sees rows committed meanwhile
    ends = {
        attempt_id: (int(row_id), chain_hash)
        for attempt_id, row_id, chain_hash in conn.execute(_ENDS, wanted)
    }
    links = {}
    for attempt_id, cadre_id in locked:
        end_id, end_hash = ends.get(attempt_id, (None, None))
        links[attempt_id] = Link(str(cadre_id), end_id, end_hash)
    return links


def insert_chained(
    conn: Connection,
    statement: Executable,
    rows: Iterable[Mapping[str, Any]],
    links: dict[str, Link],
) -> int:
    """Insert the rows in order, each linked after the last one stored for its attempt; returns how
    many were new (``statement`` returns the new id, or nothing for a resent submission)."""
    stored = 0
    for row in rows:
        link = links[row["attempt_id"]]
        values = chained(row, link)
        new_id = conn.execute(statement, values).scalar()
        if new_id is not None:
            links[row["attempt_id"]] = Link(link.cadre_id, int(new_id), values["chain_hash"])
            stored += 1
    return stored


__all__ = [
    "CHAIN_FORMAT",
    "Link",
    "canonical_row",
    "chained",
    "insert_chained",
    "lock_chain_ends",
    "row_hash",
    "utc_text",
]
