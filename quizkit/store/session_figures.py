"""The trainer's live board, added up in the database: per-attempt sums and per-question counts.

The board refreshes every few seconds while 2,000 cadres sit an exam. Reading every answer that counts
(~50,000 rows) and every JSON paper to lay marks out per paper item costs more than the refresh may;
:meth:`SessionFiguresMixin.session_board_frames` returns what the board shows instead, in one read
transaction (board and rates agree):

- per attempt: how many answers that count carry a response, the sum of their scores, how many
  questions the paper has and what it is worth;
- per question: how many attempts answered it (a counted answer with a response) and how many of
  those were right.

"The answer that counts" is ``quizkit.store.latest.counts`` (the latest row per attempt and question).
The store refuses an answer to a question not on its attempt's paper (``quizkit.store.answers``), so
sums over the answers that count are sums over the paper's items (an unanswered item adds 0).

What a paper is worth is ``quizkit.counting.paper_points``: the database reads the paper's
``total_points`` (every paper quizkit draws records it) and the length of its question list with its
JSON functions (measured against sending 2,000 papers of 50 questions and decoding them in Python:
SQLite ~0.02 s against ~0.17 s; PostgreSQL, parsing each paper once, ~0.14 s against ~0.17 s); only a
paper without a numeric ``total_points`` is sent and decided by ``paper_points`` itself (then, like the
stored scores, the points of the questions answered when the paper records no total). A paper is
written once, when its attempt starts, so the Store keeps each attempt's (questions, worth) once read:
papers are parsed on the first refresh and for attempts started since, not every few seconds.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Float,
    Integer,
    Text,
    case,
    cast,
    column,
    func,
    literal,
    null,
    select,
    true,
    tuple_,
    type_coerce,
    union_all,
)
from sqlalchemy.dialects.postgresql import JSON

from quizkit.counting import paper_points
from quizkit.store.base import StoreBase
from quizkit.store.latest import counts
from quizkit.store.raw_reads import raw_columns
from quizkit.store.schema import answers, attempts
from quizkit.store.session_queries import SESSION_ATTEMPT_COLUMNS, session_attempts_query

if TYPE_CHECKING:
    import pandas as pd

SESSION_BOARD_COLUMNS = [  # the session's attempt columns without the paper, then the figures
    *(name for name in SESSION_ATTEMPT_COLUMNS if name != "paper"),
    "answered",
    "items",
    "earned",
    "possible",
]
SESSION_RATE_COLUMNS = ["question_id", "answered_by", "correct_by"]
_ATTEMPT_FIELDS = SESSION_BOARD_COLUMNS[:9]
_TIMES = ("started_at", "deadline_at", "finished_at")
_CHUNK = 500
_KEPT_PAPERS = 200_000  # attempts whose paper figures are kept (a few MB); then start again


class SessionFiguresMixin(StoreBase):
    """The live board's figures, summed in SQL."""

    def session_board_frames(self, session_id: str) -> tuple[pd.DataFrame, pd.DataFrame]:
        """The session's board and rates, read in one transaction.

        Board (``SESSION_BOARD_COLUMNS``): one row per attempt, oldest first; ``answered``: answers
        that count with a response; ``items``: questions on the paper; ``earned``: the sum of the
        scores of the answers that count (equal to the sum over the paper's items: the store refuses
        answers to questions not on the paper); ``possible``: what the paper is worth
        (``quizkit.counting.paper_points``; the points of the questions answered when the paper
        records none). Times are aware UTC.

        Rates (``SESSION_RATE_COLUMNS``): one row per question with an answer that counts, in no
        particular order; ``answered_by``: attempts whose answer that counts has a response;
        ``correct_by``: those of them marked correct."""
        known = self._paper_figures()
        with self._read() as conn:  # straight from the driver (times parsed by pandas)
            columns = raw_columns(
                conn, session_attempts_query(session_id, papers=False), len(_ATTEMPT_FIELDS)
            )
            missing = [attempt_id for attempt_id in columns[0] if attempt_id not in known]
            if missing:
                if len(known) + len(missing) > _KEPT_PAPERS:
                    known.clear()
                known.update(_read_paper_figures(conn, missing, self.dialect))
            sums = conn.execute(_sums_query(session_id, self.dialect)).all()
        return _board_frame(columns, known, sums), _rates_frame(sums)

    def _paper_figures(self) -> dict[str, tuple[int, float | None]]:
        """Attempt id → (questions on its paper, what it is worth or None), kept for this store's
        life: an attempt's paper is written once, when it starts, and never changed."""
        kept: dict[str, tuple[int, float | None]] | None = self.__dict__.get("_kept_papers")
        if kept is None:
            kept = self.__dict__.setdefault("_kept_papers", {})
        return kept


def _paper_columns(dialect: str) -> tuple[ColumnElement[Any], ...]:
    """(items, total, paper): the length of the paper's question list (0 without one), its numeric
    ``total_points`` (else NULL) and, only when that is NULL, the paper's text. PostgreSQL parses
    the text once per row (``json_to_record``); every ``->`` would parse it again."""
    items: ColumnElement[Any]
    if dialect == "postgresql":
        parts = (
            func.json_to_record(cast(attempts.c.paper, JSON))
            .table_valued(
                column("total_points", JSON), column("questions", JSON), joins_implicitly=True
            )
            .render_derived(with_types=True)
        )
        questions, total_points = parts.c.questions, parts.c.total_points
        items = case(
            (func.json_typeof(questions) == "array", func.json_array_length(questions)), else_=0
        )
        numeric = func.json_typeof(total_points) == "number"
        total = case((numeric, cast(cast(total_points, Text), Float)), else_=null())
    else:
        items = func.coalesce(func.json_array_length(attempts.c.paper, "$.questions"), 0)
        numeric = func.json_type(attempts.c.paper, "$.total_points").in_(["integer", "real"])
        total = case(
            (numeric, type_coerce(func.json_extract(attempts.c.paper, "$.total_points"), Float)),
            else_=null(),
        )
    paper = case((numeric, null()), else_=type_coerce(attempts.c.paper, Text))
    return (
        attempts.c.id,
        type_coerce(items, Integer).label("items"),
        total.label("total"),
        paper.label("paper"),
    )


def _read_paper_figures(
    conn: Connection, attempt_ids: list[str], dialect: str
) -> dict[str, tuple[int, float | None]]:
    """(items, worth) of these attempts' papers; worth None: the paper records no total
    (``paper_points``), so the points of the questions answered are the total."""
    found: dict[str, tuple[int, float | None]] = {}
    for start in range(0, len(attempt_ids), _CHUNK):
        chunk = attempt_ids[start : start + _CHUNK]
        query = select(*_paper_columns(dialect)).where(attempts.c.id.in_(chunk))
        for attempt_id, items, total, paper in conn.execute(query):
            if total is None:
                total = paper_points(None if paper is None else json.loads(paper))
            found[attempt_id] = (int(items or 0), None if total is None else float(total))
    return found


def _sums_query(session_id: str, dialect: str) -> Any:
    """Rows (attempt_id, question_id, answered, earned, points, correct): per attempt with
    question_id NULL (answered, the sum of scores and of points), per question with attempt_id NULL
    (answered_by, correct_by in ``answered`` and ``correct``). One pass over the answers that count:
    GROUPING SETS on PostgreSQL (from each attempt through a LATERAL join, so the planner probes the
    answers' index instead of scanning the whole log), a CTE read twice on SQLite."""
    given = answers.c.response.is_not(None)
    answered = case((given, 1), else_=0)
    right = case((given & (answers.c.correct == true()), 1), else_=0)
    columns = (
        answers.c.attempt_id,
        answers.c.question_id,
        answered.label("answered"),
        right.label("right"),
        answers.c.score,
        answers.c.points,
    )
    if dialect == "postgresql":
        counted = (
            select(*columns)
            .where(answers.c.attempt_id == attempts.c.id, counts())
            .lateral("counted")
        )
        return (
            select(
                counted.c.attempt_id,
                counted.c.question_id,
                func.sum(counted.c.answered),
                func.sum(counted.c.score),
                func.sum(counted.c.points),
                func.sum(counted.c.right),
            )
            .select_from(attempts.join(counted, true()))
            .where(attempts.c.session_id == session_id)
            .group_by(
                func.grouping_sets(tuple_(counted.c.attempt_id), tuple_(counted.c.question_id))
            )
        )
    rows = (
        select(*columns)
        .join(attempts, attempts.c.id == answers.c.attempt_id)
        .where(attempts.c.session_id == session_id, counts())
        .cte("counted")
    )
    per_attempt = select(
        rows.c.attempt_id,
        literal(None, Text).label("question_id"),
        func.sum(rows.c.answered),
        func.sum(rows.c.score),
        func.sum(rows.c.points),
        literal(0, Integer),
    ).group_by(rows.c.attempt_id)
    per_question = select(
        literal(None, Text).label("attempt_id"),
        rows.c.question_id,
        func.sum(rows.c.answered),
        literal(0.0, Float),
        literal(0.0, Float),
        func.sum(rows.c.right),
    ).group_by(rows.c.question_id)
    return union_all(per_attempt, per_question)


def _board_frame(
    columns: Sequence[Sequence[Any]],
    papers: dict[str, tuple[int, float | None]],
    sums: Sequence[Any],
) -> pd.DataFrame:
    """``SESSION_BOARD_COLUMNS`` from the attempts' columns, the papers' figures and the sums."""
    import numpy as np
    import pandas as pd

    per_attempt = {
        row[0]: (int(row[2] or 0), float(row[3] or 0.0), float(row[4] or 0.0))
        for row in sums
        if row[1] is None
    }
    frame = pd.DataFrame(dict(zip(_ATTEMPT_FIELDS, columns, strict=True)), columns=_ATTEMPT_FIELDS)
    for name in _TIMES:
        frame[name] = pd.to_datetime(frame[name], utc=True)
    none = (0, 0.0, 0.0)
    found = [per_attempt.get(attempt_id, none) for attempt_id in columns[0]]
    shown = [papers[attempt_id] for attempt_id in columns[0]]
    frame["answered"] = np.array([row[0] for row in found], dtype=np.int64)
    frame["items"] = np.array([items for items, _ in shown], dtype=np.int64)
    frame["earned"] = np.array([row[1] for row in found], dtype=np.float64)
    frame["possible"] = np.array(
        [row[2] if worth is None else worth for row, (_, worth) in zip(found, shown, strict=True)],
        dtype=np.float64,
    )
    return frame


def _rates_frame(sums: Sequence[Any]) -> pd.DataFrame:
    import numpy as np
    import pandas as pd

    found = [row for row in sums if row[0] is None]
    return pd.DataFrame(
        {
            "question_id": [row[1] for row in found],
            "answered_by": np.array([int(row[2] or 0) for row in found], dtype=np.int64),
            "correct_by": np.array([int(row[5] or 0) for row in found], dtype=np.int64),
        },
        columns=SESSION_RATE_COLUMNS,
    )


__all__ = ["SESSION_BOARD_COLUMNS", "SESSION_RATE_COLUMNS", "SessionFiguresMixin"]
