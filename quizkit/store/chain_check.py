"""Checking the answers' hash chain (`quizkit db verify`): the first row edited, deleted or inserted
out of order, named by row id, attempt, cadre and question.

Each attempt's rows are walked in id order (the order they were written in, see store/chain.py). A row
whose content no longer gives its hash was edited; a row chained to a different version of the row
before it shows that row was edited and its hash recomputed; a link to a row that is gone shows a
deletion; a link that skips rows shows the first skipped row was inserted out of order (slipped in
between, or forked off an earlier row); a row with no hash was written outside quizkit.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any, Literal

from sqlalchemy import Connection, select, tuple_

from quizkit.store.base import StoreBase
from quizkit.store.chain import Link, row_hash
from quizkit.store.schema import answers, attempts, cadres

BATCH = 5_000
BreakKind = Literal["edited", "deleted", "inserted"]


@dataclass(frozen=True)
class ChainBreak:
    """One place where an attempt's chain does not hold; ``question_id`` is None for a row that is gone."""

    kind: BreakKind
    row_id: int
    attempt_id: str
    cadre_id: str
    question_id: str | None
    reason: str
    cadre_name: str = ""

    def describe(self) -> str:
        question = self.question_id if self.question_id is not None else "unknown (the row is gone)"
        cadre = f"{self.cadre_id} {self.cadre_name}".strip()
        return (
            f"row {self.row_id} was {self.kind}"
            f"{' out of order' if self.kind == 'inserted' else ''}: {self.reason}\n"
            f"  row {self.row_id} · attempt {self.attempt_id} · cadre {cadre} · question {question}"
        )


@dataclass(frozen=True)
class ChainReport:
    rows: int
    attempts: int
    breaks: tuple[ChainBreak, ...]  # the first break of each broken attempt, by row id

    @property
    def first_break(self) -> ChainBreak | None:
        return self.breaks[0] if self.breaks else None


class ChainCheckMixin(StoreBase):
    def verify_answer_chain(self) -> ChainReport:
        """Walk every attempt's chain; see the module docstring for what each kind of break means."""
        rows = attempt_count = 0
        found: list[ChainBreak] = []
        with self._read() as conn:
            for group in _attempt_groups(conn):
                rows += len(group)
                attempt_count += 1
                broken = first_break(conn, group)
                if broken is not None:
                    found.append(broken)
            found.sort(key=lambda item: item.row_id)
            if found:
                found[0] = _with_name(conn, found[0])
        return ChainReport(rows, attempt_count, tuple(found))


def first_break(conn: Connection, rows: Sequence[dict[str, Any]]) -> ChainBreak | None:
    """The first break in one attempt's rows (sorted by id), or None when its chain holds."""
    position = {int(row["id"]): index for index, row in enumerate(rows)}
    for index, row in enumerate(rows):
        link = Link(str(row["cadre_id"]), row["chain_prev_id"], row["chain_prev_hash"])
        if row["chain_hash"] is None:
            return _break("inserted", row, "it has no chain hash (written outside quizkit)")
        if row_hash(row, link) != row["chain_hash"]:
            return _break("edited", row, "its content no longer matches its hash")
        before = rows[index - 1] if index else None
        if link.prev_id == (None if before is None else int(before["id"])):
            if before is not None and link.prev_hash != before["chain_hash"]:
                reason = f"row {row['id']} was chained to a different version of it"
                return _break("edited", before, reason + " (its hash was recomputed)")
            if before is None and link.prev_hash is not None:
                return _break("inserted", row, "it starts the chain but names a previous hash")
            continue
        return _misplaced(conn, rows, index, position)
    return None


def _misplaced(
    conn: Connection, rows: Sequence[dict[str, Any]], index: int, position: dict[int, int]
) -> ChainBreak:
    """Row ``index`` does not link to the row before it: which row is out of place, or gone."""
    row = rows[index]
    prev_id = row["chain_prev_id"]
    if prev_id is None:
        return _break("inserted", rows[0], f"row {row['id']} starts the attempt's chain after it")
    if prev_id in position and position[prev_id] < index:
        skipped = rows[position[prev_id] + 1]
        return _break("inserted", skipped, f"row {row['id']} links past it to row {prev_id}")
    if prev_id in position:
        return _break("inserted", row, f"it links to row {prev_id}, written after it")
    owner = conn.scalar(select(answers.c.attempt_id).where(answers.c.id == prev_id))
    if owner is None:
        gone = {**row, "id": prev_id, "question_id": None}
        return _break("deleted", gone, f"row {row['id']} links to it, but it is gone")
    return _break("inserted", row, f"it links to row {prev_id} of another attempt ({owner})")


def _break(kind: BreakKind, row: dict[str, Any], reason: str) -> ChainBreak:
    return ChainBreak(
        kind=kind,
        row_id=int(row["id"]),
        attempt_id=str(row["attempt_id"]),
        cadre_id=str(row["cadre_id"]),
        question_id=row["question_id"],
        reason=reason,
    )


def _with_name(conn: Connection, found: ChainBreak) -> ChainBreak:
    name = conn.scalar(select(cadres.c.name).where(cadres.c.id == found.cadre_id))
    return replace(found, cadre_name=str(name or ""))


def _attempt_groups(conn: Connection) -> Iterator[list[dict[str, Any]]]:
    """Every answer with its attempt's cadre, one list per attempt (rows by id), read in batches."""
    query = (
        select(answers, attempts.c.cadre_id)
        .join(attempts, attempts.c.id == answers.c.attempt_id)
        .order_by(answers.c.attempt_id, answers.c.id)
        .limit(BATCH)
    )
    group: list[dict[str, Any]] = []
    after: tuple[str, int] | None = None
    while True:
        page = (
            query
            if after is None
            else query.where(tuple_(answers.c.attempt_id, answers.c.id) > tuple_(*after))
        )
        batch = [dict(row) for row in conn.execute(page).mappings()]
        for row in batch:
            if group and group[0]["attempt_id"] != row["attempt_id"]:
                yield group
                group = []
            group.append(row)
        if len(batch) < BATCH:
            break
        after = (batch[-1]["attempt_id"], int(batch[-1]["id"]))
    if group:
        yield group


__all__ = ["ChainBreak", "ChainCheckMixin", "ChainReport", "first_break"]
