"""Scores kept on attempts (schema step 4), written in the transaction that closes the attempt.

An attempt's score is known the moment it is handed in or expires, so it is stored then (the way
Moodle keeps ``sumgrades`` on the attempt): reports read tens of thousands of attempt rows instead of
a million answers. The answer log stays the source of truth — ``quizkit db check`` recomputes scores
from it (:func:`disagreeing_attempts`) and names any attempt whose stored score differs.

The figures, as the reports have always counted them:

- ``raw_points``: the sum of the scores of the answers that count (``quizkit.counting``: the latest
  row per question);
- ``total_points``: what the paper is worth (``quizkit.counting.paper_points``), else the points of
  the questions answered;
- ``percent``: 百分制, 100 · raw / total rounded to 2 places (0 when the total is 0);
- ``passed`` and ``band``: by the session's ``pass_mark`` and ``bands`` rules (defaults 60 and
  优秀/良好/合格/不合格); a report with another pass mark decides again from ``percent``.

Closing writes them (``finish_attempt``, 结束, expiry at the deadline); an answer recorded later to a
closed attempt writes them again in its own transaction, so they never disagree with the log.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, bindparam, func, select

from quizkit.counting import paper_points
from quizkit.grading import DEFAULT_BANDS, GradeBand, grade_band
from quizkit.records import FINISHED_STATUSES
from quizkit.store.counted_reads import CountedAnswers, read_counted
from quizkit.store.item_marks import item_marks_from, write_item_marks
from quizkit.store.schema import attempts

SCORE_COLUMNS = ("raw_points", "total_points", "percent", "passed", "band")
DEFAULT_PASS_MARK = 60.0
_CHUNK = 500


@dataclass(frozen=True)
class AttemptScore:
    """What is stored on an attempt (``SCORE_COLUMNS``)."""

    raw_points: float
    total_points: float
    percent: float
    passed: bool
    band: str

    def values(self) -> dict[str, Any]:
        return {name: getattr(self, name) for name in SCORE_COLUMNS}


def _bands(rules: Mapping[str, Any]) -> tuple[GradeBand, ...]:
    given = rules.get("bands") or rules.get("grade_bands")
    if isinstance(given, Mapping):
        return tuple(GradeBand(name=name, minimum=minimum) for name, minimum in given.items())
    if isinstance(given, list | tuple) and given:
        return tuple(GradeBand.model_validate(band) for band in given)
    return DEFAULT_BANDS


def attempt_score(
    earned: float, answered_points: float, paper: Any, rules: Mapping[str, Any] | None
) -> AttemptScore:
    """The stored figures of one attempt from its answers' sums, its paper and its session's rules."""
    total = paper_points(paper)
    possible = total if total is not None else float(answered_points)
    percent = round(100.0 * earned / possible, 2) if possible > 0 else 0.0
    rules = rules or {}
    pass_mark = rules.get("pass_mark")
    mark = float(pass_mark) if isinstance(pass_mark, int | float) else DEFAULT_PASS_MARK
    return AttemptScore(
        raw_points=round(float(earned), 6),
        total_points=float(possible),
        percent=percent,
        passed=percent >= mark,
        band=grade_band(percent, _bands(rules)),
    )


def scores_from(counted: Mapping[str, CountedAnswers]) -> dict[str, AttemptScore]:
    """The score of each attempt read by :func:`read_counted`."""
    return {
        attempt_id: attempt_score(entry.earned, entry.answered_points, entry.paper, entry.rules)
        for attempt_id, entry in counted.items()
    }


def compute_scores(conn: Connection, attempt_ids: Sequence[str]) -> dict[str, AttemptScore]:
    """The scores of these attempts, recomputed from the answer log."""
    return scores_from(read_counted(conn, attempt_ids))


_UPDATE = (
    attempts.update()
    .where(attempts.c.id == bindparam("attempt_id"))
    .values({name: bindparam(name) for name in SCORE_COLUMNS})
)


def store_scores(conn: Connection, attempt_ids: Iterable[str], *, item_marks: bool = True) -> int:
    """Compute and store the scores of these (closed) attempts inside the caller's transaction, and
    their item marks (``quizkit.store.item_marks``; ``item_marks=False`` only for schema step 4,
    which runs before the column exists)."""
    counted = read_counted(conn, sorted(set(attempt_ids)))  # one read for both
    scores = scores_from(counted)
    rows = [{"attempt_id": attempt_id, **score.values()} for attempt_id, score in scores.items()]
    if rows:
        conn.execute(_UPDATE, rows)
        if item_marks:
            write_item_marks(conn, item_marks_from(counted))
    return len(rows)


def closed_attempt_ids(conn: Connection, *, limit: int | None = None) -> list[str]:
    """Ids of the attempts that are handed in or expired (every one, or a ``limit``-sized sample)."""
    query = select(attempts.c.id).where(attempts.c.status.in_(FINISHED_STATUSES))
    if limit is not None:
        query = query.order_by(func.random()).limit(limit)
    return [str(attempt_id) for attempt_id in conn.scalars(query)]


@dataclass(frozen=True)
class Disagreement:
    """An attempt whose stored score or item marks are not what its answers add up to."""

    attempt_id: str
    cadre_id: str
    stored: dict[str, Any]
    computed: dict[str, Any]

    def describe(self) -> str:
        changed = [
            f"{name} {self.stored[name]!r} ≠ {self.computed[name]!r}"
            for name in SCORE_COLUMNS
            if not _same(self.stored[name], self.computed[name])
        ]
        stored_lines = (self.stored.get("item_marks") or "").splitlines()
        computed_lines = (self.computed.get("item_marks") or "").splitlines()
        if stored_lines != computed_lines:
            differing = sum(a != b for a, b in zip(stored_lines, computed_lines, strict=False))
            differing += abs(len(stored_lines) - len(computed_lines))
            changed.append(f"item marks of {differing} question(s) differ")
        return f"attempt {self.attempt_id} (cadre {self.cadre_id}): " + "; ".join(changed)


def _same(stored: Any, computed: Any) -> bool:
    if isinstance(stored, float) and isinstance(computed, float):
        return math.isclose(stored, computed, rel_tol=0, abs_tol=1e-6)
    return bool(stored == computed)


def disagreeing_attempts(conn: Connection, attempt_ids: Sequence[str]) -> list[Disagreement]:
    """The attempts among ``attempt_ids`` whose stored score or item marks differ from what the
    answer log gives."""
    counted = read_counted(conn, attempt_ids)
    computed, marks = scores_from(counted), item_marks_from(counted)
    found: list[Disagreement] = []
    for start in range(0, len(attempt_ids), _CHUNK):
        chunk = list(attempt_ids[start : start + _CHUNK])
        query = select(
            attempts.c.id,
            attempts.c.cadre_id,
            attempts.c.item_marks,
            *(attempts.c[name] for name in SCORE_COLUMNS),
        ).where(attempts.c.id.in_(chunk))
        for row in conn.execute(query).mappings():
            stored = {name: row[name] for name in (*SCORE_COLUMNS, "item_marks")}
            if stored["passed"] is not None:
                stored["passed"] = bool(stored["passed"])
            expected = {**computed[row["id"]].values(), "item_marks": marks[row["id"]]}
            same = all(_same(stored[name], expected[name]) for name in SCORE_COLUMNS)
            if not same or stored["item_marks"] != expected["item_marks"]:
                found.append(Disagreement(row["id"], row["cadre_id"], stored, expected))
    return sorted(found, key=lambda item: item.attempt_id)


__all__ = [
    "SCORE_COLUMNS",
    "AttemptScore",
    "Disagreement",
    "attempt_score",
    "closed_attempt_ids",
    "compute_scores",
    "disagreeing_attempts",
    "store_scores",
]
