"""pandas DataFrames for reports. Column names are English snake_case; times are UTC
(``datetime64[…, UTC]``, NaT when unset); a missing text value (parent, login, lesson…) is NA, test
it with ``isna()``; one row per record, nothing aggregated (aggregation belongs to reports).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import Select, select

from quizkit.store.base import StoreBase
from quizkit.store.raw_reads import raw_columns
from quizkit.store.schema import answers, attempts, cadres, units

if TYPE_CHECKING:
    import pandas as pd

CADRE_COLUMNS = [
    "cadre_id",
    "name",
    "unit",
    "position",
    "phone",
    "exempt",
    "exempt_reason",
    "login",
    "active",
    "track",
]
UNIT_COLUMNS = ["unit", "parent"]
ATTEMPT_KEY_COLUMNS = [  # the attempt columns every frame of attempts starts with (reporting.py too)
    "attempt_id",
    "cadre_id",
    "quiz_id",
    "lesson",
    "session_id",
    "kind",
    "status",
    "started_at",
    "deadline_at",
]
ATTEMPT_COLUMNS = [*ATTEMPT_KEY_COLUMNS, "finished_at", "name", "unit"]
ANSWER_COLUMNS = [
    "answer_id",
    "submission_id",
    "attempt_id",
    "question_id",
    "question_hash",
    "response",
    "score",
    "points",
    "correct",
    "time_taken_ms",
    "answered_at",
    "cadre_id",
    "quiz_id",
    "lesson",
    "session_id",
    "kind",
    "attempt_status",
    "name",
    "unit",
    "position",
    "exempt",
]
_TIMES = {"started_at", "deadline_at", "finished_at", "answered_at"}
_BOOLS = {"exempt", "active", "correct", "counts"}


def _frame(rows: Sequence[Any], columns: list[str]) -> pd.DataFrame:
    import pandas as pd  # imported on use: `quizkit db init` stays quick

    frame = pd.DataFrame.from_records([tuple(row) for row in rows], columns=columns)
    for column in columns:
        if column in _TIMES:
            frame[column] = pd.to_datetime(frame[column], utc=True)
        elif column in _BOOLS:
            frame[column] = frame[column].astype(bool)
    if "time_taken_ms" in columns:
        frame["time_taken_ms"] = frame["time_taken_ms"].astype("Int64")
    if "score" in columns:
        frame = frame.astype({"score": "float64", "points": "float64", "answer_id": "int64"})
    return frame


class FramesMixin(StoreBase):
    def _frame(self, query: Select[Any], columns: list[str]) -> pd.DataFrame:
        with self._read() as conn:
            return _frame(conn.execute(query).all(), columns)

    def cadres_frame(self, *, units: Sequence[str] | None = None) -> pd.DataFrame:
        """The roster: cadre_id, name, unit, position, phone, exempt (bool), exempt_reason,
        login (NA when unset), active (bool), track (学习路径 id, NA when unset: the unit's default);
        ordered by unit, name, cadre_id (code points). ``units``: only the cadres of these units."""
        import pandas as pd

        query = select(*(cadres.c[name] for name in ("id", *CADRE_COLUMNS[1:])))
        if self.dialect == "sqlite":  # code point order, as pandas sorts: no re-sort
            query = query.order_by(cadres.c.unit, cadres.c.name, cadres.c.id)
        if units is not None:
            query = query.where(cadres.c.unit.in_(list(units)))
        with self._read() as conn:  # straight from the driver: 20,000 rows, no Row objects
            columns = raw_columns(conn, query, len(CADRE_COLUMNS))
        frame = pd.DataFrame(  # dtypes inferred per column as from_records infers them
            {
                name: pd.Series(values, dtype=None if values else object)
                for name, values in zip(CADRE_COLUMNS, columns, strict=True)
            }
        )
        for name in _BOOLS.intersection(CADRE_COLUMNS):
            frame[name] = frame[name].astype(bool)
        if self.dialect == "sqlite":
            return frame
        return frame.sort_values(["unit", "name", "cadre_id"], ignore_index=True)

    def units_frame(self) -> pd.DataFrame:
        """Units: unit (name), parent (NA for a top unit); ordered by name."""
        return self._frame(
            select(units.c.name, units.c.parent).order_by(units.c.name), UNIT_COLUMNS
        )

    def attempts_frame(self, *, session_id: str | None = None) -> pd.DataFrame:
        """One row per attempt: attempt_id, cadre_id, quiz_id, lesson, session_id, kind
        (practice|exam|retry), status (open|submitted|expired), started_at, deadline_at, finished_at,
        and the cadre's name and unit; ordered by started_at."""
        query = (
            select(
                *(attempts.c[c] for c in ("id", "cadre_id", "quiz_id", "lesson", "session_id")),
                *(attempts.c[c] for c in ("kind", "status", "started_at", "deadline_at")),
                attempts.c.finished_at,
                cadres.c.name,
                cadres.c.unit,
            )
            .join(cadres, cadres.c.id == attempts.c.cadre_id)
            .order_by(attempts.c.started_at, attempts.c.id)
        )
        if session_id is not None:
            query = query.where(attempts.c.session_id == session_id)
        return self._frame(query, ATTEMPT_COLUMNS)

    def answers_frame(
        self, *, session_id: str | None = None, kind: str | None = None
    ) -> pd.DataFrame:
        """One row per stored answer (corrections included), in answered order:

        answer_id, submission_id, attempt_id, question_id, question_hash, response (str, list of
        labels, bool or None), score, points, correct (bool), time_taken_ms (Int64, <NA> if unknown),
        answered_at; from the attempt: cadre_id, quiz_id, lesson, session_id, kind, attempt_status;
        from the roster: name, unit, position, exempt.
        """
        query = (
            select(
                answers.c.id,
                *(answers.c[c] for c in ANSWER_COLUMNS[1:11]),
                *(attempts.c[c] for c in ("cadre_id", "quiz_id", "lesson", "session_id", "kind")),
                attempts.c.status,
                *(cadres.c[c] for c in ("name", "unit", "position", "exempt")),
            )
            .join(attempts, attempts.c.id == answers.c.attempt_id)
            .join(cadres, cadres.c.id == attempts.c.cadre_id)
            .order_by(answers.c.answered_at, answers.c.id)
        )
        if session_id is not None:
            query = query.where(attempts.c.session_id == session_id)
        if kind is not None:
            query = query.where(attempts.c.kind == kind)
        return self._frame(query, ANSWER_COLUMNS)
