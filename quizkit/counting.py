"""What counts: which answer of an attempt, and which of a cadre's attempts. One rule each, for all.

**The answer that counts** for a question in an attempt is the stored row with the greatest id. The
answer log only appends (autosave writes a row per choice, a correction is a new row), so the row
written last is the answer as the cadre left it. :func:`latest_by_question` applies the rule to rows in
hand; the store applies the same rule in SQL (``quizkit.store.latest``) for its frames and aggregates,
the scores it keeps on attempts, item analysis, the live board and the 错题本.

**The attempt that counts** among a cadre's finished attempts of a session:

``Counting`` is the knob (a session's ``counting`` rule, a report's policy, the CLI's ``--counting``):

- ``highest``: the attempt with the highest score counts (the common rule); on a tie, the earlier one;
- ``last``: the attempt started last counts;
- ``first``: the attempt started first counts.

:func:`counting_order` states the rule once, as the order in which a cadre's finished attempts are
ranked (the first counts); :func:`counted` applies it to plain rows, and the reports apply the same
order to DataFrames (``quizkit.reports.scoring``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Any, Protocol, TypeVar


class Counting(StrEnum):
    HIGHEST = "highest"
    LAST = "last"
    FIRST = "first"


COUNTING_LABELS = {Counting.HIGHEST: "最高分", Counting.LAST: "最后一次", Counting.FIRST: "第一次"}

_ORDER: dict[Counting, tuple[tuple[str, bool], ...]] = {
    Counting.HIGHEST: (("score", False), ("started_at", True)),
    Counting.LAST: (("started_at", False),),
    Counting.FIRST: (("started_at", True),),
}

Row = TypeVar("Row", bound=Mapping[str, Any])


class _Logged(Protocol):
    @property
    def id(self) -> int: ...
    @property
    def question_id(self) -> str: ...


Answer = TypeVar("Answer", bound=_Logged)


def latest_by_question(answers: Iterable[Answer]) -> dict[str, Answer]:
    """The answer that counts per question: the row with the greatest id (in any order given)."""
    latest: dict[str, Answer] = {}
    for row in answers:
        found = latest.get(row.question_id)
        if found is None or row.id > found.id:
            latest[row.question_id] = row
    return latest


def paper_points(paper: Any) -> float | None:
    """What an attempt is scored out of: the total its stored paper records (``total_points``,
    ``total`` or ``max_points``), else the sum of its questions' points; None when it records neither
    (then the points of the questions answered are the total)."""
    if isinstance(paper, Mapping):
        for key in ("total_points", "total", "max_points"):
            if isinstance(paper.get(key), int | float):
                return float(paper[key])
        paper = paper.get("questions") or paper.get("items")
    if isinstance(paper, list) and paper and all(isinstance(item, Mapping) for item in paper):
        points = [item.get("points") for item in paper]
        if all(isinstance(value, int | float) for value in points):
            return float(sum(points))
    return None


def counting_order(counting: Counting | str) -> tuple[tuple[str, bool], ...]:
    """How a cadre's finished attempts are ranked, the counted one first: ``(field, ascending)``
    pairs over ``score`` (百分制) and ``started_at``."""
    return _ORDER[Counting(counting)]


def counted(rows: Sequence[Row], counting: Counting | str) -> Row | None:
    """The counted row among one cadre's attempts (mappings with ``score`` and ``started_at``), or
    None when there is none. Ties keep the order given."""
    ordered = list(rows)
    for field, ascending in reversed(counting_order(counting)):
        ordered.sort(key=lambda row: row[field], reverse=not ascending)  # stable, also reversed
    return ordered[0] if ordered else None


__all__ = [
    "COUNTING_LABELS",
    "Counting",
    "counted",
    "counting_order",
    "latest_by_question",
    "paper_points",
]
