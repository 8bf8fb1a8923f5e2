"""Item marks kept on closed attempts (schema step 6): one line per question of the paper.

Item analysis needs, for every handed-in paper, the mark of each question on it. Worked out from the
answer log, that is a million answers that count plus 20,000 JSON papers for a county's exam; known at
closing, it is one short text per attempt. So the transaction that stores an attempt's score
(``quizkit.store.scores.store_scores``: hand-in, 结束, expiry, a late answer) also stores
``attempts.item_marks``, and item analysis reads 20,000 rows instead of a million.

The text has one line per paper question, in paper order, four tab-separated fields::

    question_id  slot  max_mark  mark

``max_mark`` is what the paper gives the question; ``mark`` the score of the answer that counts
(``quizkit.counting``: the latest row), 0 when it was never answered. Numbers are written with
``repr`` and read back exactly (pandas 3 parses floats round-trip by default; tested). Answers to questions not on the paper have no line (the store refuses
them anyway). The answer log stays the source of truth: ``quizkit db check`` recomputes these lines and
names an attempt whose stored lines differ.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, bindparam, select

from quizkit.records import FINISHED_STATUSES
from quizkit.store.base import StoreBase
from quizkit.store.counted_reads import CountedAnswers, read_counted
from quizkit.store.raw_reads import raw_columns
from quizkit.store.schema import attempts

if TYPE_CHECKING:
    import pandas as pd

ITEM_MARK_COLUMNS = ["attempt_id", "question_id", "slot", "max_mark", "mark"]
_FIELDS = ITEM_MARK_COLUMNS[1:]
_DTYPES: dict[str, str] = {
    "question_id": "object",  # not "category": pandas would read slot 1.10 as the number 1.1
    "slot": "object",
    "max_mark": "float64",
    "mark": "float64",
}
_UNSAFE = str.maketrans({"\t": " ", "\n": " ", "\r": " "})


def paper_items(paper: Any) -> list[tuple[str, str, float]]:
    """(question_id, slot, points) of each question on a stored paper (``Paper.to_json``), in
    order; none for an attempt without such a paper (entries without points are not marked, as the
    store checks answers only against questions with points)."""
    questions = paper.get("questions") if isinstance(paper, Mapping) else None
    items = []
    for entry in questions if isinstance(questions, list) else []:
        if isinstance(entry, Mapping) and isinstance(entry.get("points"), int | float):
            question_id = str(entry.get("id"))
            slot = str(entry.get("slot") or question_id)
            items.append((question_id, slot, float(entry["points"])))
    return items


def item_marks_text(paper: Any, scores: Mapping[str, float]) -> str:
    """The stored lines of one attempt from its paper and the scores of its answers that count."""
    lines = []
    for question_id, slot, points in paper_items(paper):
        mark = float(scores.get(question_id, 0.0))
        fields = (question_id.translate(_UNSAFE), slot.translate(_UNSAFE))
        lines.append(f"{fields[0]}\t{fields[1]}\t{points!r}\t{mark!r}\n")
    return "".join(lines)


def item_marks_from(counted: Mapping[str, CountedAnswers]) -> dict[str, str]:
    """The item-mark text of each attempt read by :func:`read_counted`."""
    return {
        attempt_id: item_marks_text(entry.paper, entry.scores)
        for attempt_id, entry in counted.items()
    }


def compute_item_marks(conn: Connection, attempt_ids: Sequence[str]) -> dict[str, str]:
    """The item-mark text of these attempts, worked out from the answer log."""
    return item_marks_from(read_counted(conn, attempt_ids))


_UPDATE = (
    attempts.update()
    .where(attempts.c.id == bindparam("attempt_id"))
    .values(item_marks=bindparam("item_marks"))
)


def write_item_marks(conn: Connection, texts: Mapping[str, str]) -> int:
    """Store these attempts' item-mark texts in the caller's transaction."""
    rows = [{"attempt_id": attempt_id, "item_marks": text} for attempt_id, text in texts.items()]
    if rows:
        conn.execute(_UPDATE, rows)
    return len(rows)


def store_item_marks(conn: Connection, attempt_ids: Iterable[str]) -> int:
    """Work out and store the item marks of these (closed) attempts in the caller's transaction."""
    return write_item_marks(conn, compute_item_marks(conn, sorted(set(attempt_ids))))


def item_marks_frame(attempt_ids: Sequence[str], texts: Sequence[str]) -> pd.DataFrame:
    """One row per paper question of these attempts (``ITEM_MARK_COLUMNS``), attempts in the given
    order; ``attempt_id``, ``question_id`` and ``slot`` are categoricals (their codes are what the
    item tables are built from)."""
    import numpy as np
    import pandas as pd

    sizes = np.fromiter((text.count("\n") for text in texts), dtype=np.int64, count=len(texts))
    body = "".join(texts)
    if not body:
        lines = pd.DataFrame({name: pd.Series(dtype=object) for name in _FIELDS[:2]})
        lines = lines.assign(max_mark=pd.Series(dtype=float), mark=pd.Series(dtype=float))
    else:
        lines = pd.read_csv(
            io.StringIO(body),
            sep="\t",
            header=None,
            names=_FIELDS,
            dtype=_DTYPES,
            quoting=3,  # csv.QUOTE_NONE: fields never hold tabs or line ends (item_marks_text)
            na_filter=False,
            engine="c",
        )
    order = pd.Categorical.from_codes(
        np.repeat(np.arange(len(attempt_ids)), sizes), categories=pd.Index(list(attempt_ids))
    )
    lines.insert(0, "attempt_id", pd.Series(order, index=lines.index))
    for name in ("question_id", "slot"):
        lines[name] = lines[name].astype("category")
    return lines[ITEM_MARK_COLUMNS]


class ItemMarksMixin(StoreBase):
    """The item marks of a session's closed attempts, for item analysis."""

    def session_item_marks_frame(self, session_id: str) -> pd.DataFrame:
        """One row per paper question of the session's handed-in and expired attempts
        (``ITEM_MARK_COLUMNS``), attempts oldest first, questions in paper order."""
        query = (
            select(attempts.c.id, attempts.c.item_marks)
            .where(
                attempts.c.session_id == session_id,
                attempts.c.status.in_(FINISHED_STATUSES),
            )
            .order_by(attempts.c.started_at, attempts.c.id)
        )
        with self._read() as conn:
            ids, texts = raw_columns(conn, query, 2)
            missing = [
                attempt_id for attempt_id, text in zip(ids, texts, strict=True) if text is None
            ]
            worked = (
                compute_item_marks(conn, missing) if missing else {}
            )  # closed by hand, not through the store
        filled = [worked[a] if t is None else str(t) for a, t in zip(ids, texts, strict=True)]
        return item_marks_frame([str(attempt_id) for attempt_id in ids], filled)


__all__ = [
    "ITEM_MARK_COLUMNS",
    "ItemMarksMixin",
    "compute_item_marks",
    "item_marks_frame",
    "item_marks_from",
    "item_marks_text",
    "paper_items",
    "store_item_marks",
    "write_item_marks",
]
