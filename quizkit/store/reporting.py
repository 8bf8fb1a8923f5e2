"""Lean reads for reports and certificates: the few columns a score sheet needs, fast on big stores.

``answers_frame`` decodes every response and joins the roster; a year's appraisal over a million
answers needs none of that. Exam results come from the scores kept on attempts (``scores.py``); the
answers are read only for study (practice accuracy, lessons), and per-law / per-tag accuracy is added
up in the database (:meth:`ReportingMixin.topic_figures`). Column names follow ``frames.py`` (English
snake_case, times UTC).
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sqlalchemy import (
    Column,
    Connection,
    Integer,
    MetaData,
    Select,
    String,
    Table,
    case,
    cast,
    func,
    select,
)
from sqlalchemy.exc import IntegrityError

from quizkit.errors import StoreError
from quizkit.records import as_utc, utc_now
from quizkit.store.base import StoreBase
from quizkit.store.frames import ATTEMPT_KEY_COLUMNS
from quizkit.store.latest import counts
from quizkit.store.raw_reads import paused_gc, raw_columns
from quizkit.store.schema import answers, attempts, certificates, sessions

if TYPE_CHECKING:
    import pandas as pd

REPORT_ATTEMPT_COLUMNS = [*ATTEMPT_KEY_COLUMNS, "percent"]
TOPIC_FIGURE_COLUMNS = [
    "group",
    "topic",
    "questions",
    "people",
    "answers",
    "correct",
    "score",
    "points",
]
REPORT_ANSWER_COLUMNS = ["answer_id", "attempt_id", "question_id", "score", "points", "correct"]
SESSION_FRAME_COLUMNS = [
    "session_id",
    "code",
    "title",
    "kind",
    "rules",
    "opens_at",
    "closes_at",
    "status",
    "created_at",
]
CERTIFICATE_FRAME_COLUMNS = [
    "certificate_id",
    "number",
    "cadre_id",
    "session_id",
    "course",
    "issued_at",
    "verification_code",
    "payload",
]
_TIMES = {"started_at", "deadline_at", "opens_at", "closes_at", "created_at", "issued_at"}


def _frame(rows: list[Any], columns: list[str]) -> pd.DataFrame:
    import pandas as pd

    frame = pd.DataFrame.from_records([tuple(row) for row in rows], columns=columns)
    for column in _TIMES.intersection(columns):
        frame[column] = pd.to_datetime(frame[column], utc=True)
    if "correct" in columns:
        frame = frame.astype({"score": "float64", "points": "float64", "correct": "bool"})
    return frame


class ReportingMixin(StoreBase):
    def report_attempts_frame(
        self, *, session_id: str | None = None, cadre_ids: Sequence[str] | None = None
    ) -> pd.DataFrame:
        """Attempts with their stored score (``percent``, 百分制; NaN while open); ``session_id``
        keeps that session's attempts and every attempt outside sessions (practice); ``cadre_ids``
        keeps those cadres' attempts (one unit's report).

        Read straight from the driver (times parsed column-wise, not one Python datetime per row).
        With ``cadre_ids``, the session test is written so that no index serves it (``coalesce``):
        SQLite otherwise walked the session's 20,000 attempts by ix_attempts_session_id to find one
        unit's 200 (~30 ms), where the cadres' index finds them directly (<1 ms)."""
        import numpy as np
        import pandas as pd

        query = select(
            *(attempts.c[name] for name in ("id", "cadre_id", "quiz_id", "lesson", "session_id")),
            *(attempts.c[name] for name in ("kind", "status", "started_at", "deadline_at")),
            attempts.c.percent,
        ).order_by(attempts.c.started_at, attempts.c.id)
        if session_id is not None and cadre_ids is not None:
            query = query.where(func.coalesce(attempts.c.session_id, session_id) == session_id)
        elif session_id is not None:
            query = query.where(
                (attempts.c.session_id == session_id) | attempts.c.session_id.is_(None)
            )
        if cadre_ids is not None:
            query = query.where(attempts.c.cadre_id.in_(list(cadre_ids)))
        with self._read() as conn:
            columns = raw_columns(conn, query, len(REPORT_ATTEMPT_COLUMNS))
        frame = pd.DataFrame(  # dtypes inferred per column as from_records infers them
            {
                name: pd.Series(values, dtype=None if values else object)
                for name, values in zip(REPORT_ATTEMPT_COLUMNS[:-1], columns, strict=False)
            }
        )
        for name in ("started_at", "deadline_at"):
            frame[name] = pd.to_datetime(frame[name], utc=True, format="ISO8601")
        frame["percent"] = np.array(
            [np.nan if value is None else value for value in columns[-1]], dtype=np.float64
        )
        return frame

    def report_answers_frame(
        self,
        *,
        session_id: str | None = None,
        exact: bool = False,
        kinds: Sequence[str] | None = None,
        cadre_ids: Sequence[str] | None = None,
    ) -> pd.DataFrame:
        """The answers that count (``quizkit.store.latest``: a corrected answer's earlier rows are
        left out) as answer_id, attempt_id, question_id, score, points, correct — without responses
        or roster columns; in answer order.

        ``session_id`` keeps at least the answers of the attempts ``report_attempts_frame`` keeps.
        When those are most of the attempts, filtering costs more than reading the rest (a million
        answers: about a second more), so the filter is left out unless ``exact``; readers join the
        answers to the attempts they hold anyway. With ``cadre_ids`` (a few hundred cadres) the
        session filter is left out too, without counting attempts first. ``kinds``: only the answers of attempts of these
        kinds (reports read study answers only); ``cadre_ids``: only those cadres' answers.
        """
        query = select(
            answers.c.id,
            answers.c.attempt_id,
            answers.c.question_id,
            answers.c.score,
            answers.c.points,
            answers.c.correct,
        ).where(counts())
        if session_id is not None:
            inside = select(attempts.c.id).where(
                (attempts.c.session_id == session_id) | attempts.c.session_id.is_(None)
            )
            if exact or (cadre_ids is None and self._minority(inside)):
                query = query.where(answers.c.attempt_id.in_(inside))
        if kinds is not None or cadre_ids is not None:
            chosen = select(attempts.c.id)
            if kinds is not None:
                chosen = chosen.where(attempts.c.kind.in_(list(kinds)))
            if cadre_ids is not None:
                chosen = chosen.where(attempts.c.cadre_id.in_(list(cadre_ids)))
            # an IN list the planner drives from (a join made SQLite scan every exam answer)
            query = query.where(answers.c.attempt_id.in_(chosen))
        import numpy as np
        import pandas as pd

        with self._read() as conn:
            columns = raw_columns(conn, query.order_by(answers.c.id), len(REPORT_ANSWER_COLUMNS))
        ids, attempt_ids, question_ids, scores, points, correct = columns
        return pd.DataFrame(
            {
                "answer_id": np.array(ids, dtype="int64"),
                "attempt_id": pd.Series(attempt_ids, dtype=object),
                "question_id": pd.Series(question_ids, dtype=object),
                "score": np.array(scores, dtype="float64"),
                "points": np.array(points, dtype="float64"),
                "correct": np.array(correct, dtype=bool),
            }
        )

    def topic_figures(
        self, attempts_: Sequence[tuple[str, str]], topics: Sequence[tuple[str, str, str]]
    ) -> pd.DataFrame:
        """Accuracy per topic over the answers that count of these ``(attempt_id, cadre_id)`` pairs;
        ``topics`` are ``(question_id, group, topic)`` triples (a question may have several topics
        per group: an answer counts once for each).

        One row per (group, topic) (``TOPIC_FIGURE_COLUMNS``): distinct questions answered, distinct
        cadres, answers, correct answers, score and points summed; answers to a question without a
        topic come back once, with group and topic None.

        One read, not joined to the topics (which would multiply a million answers by the topics
        of each): per question, every answer row of the attempts in scope added up in the database,
        with the numbers of the attempts the rows belong to joined into one string — the (cadre,
        question) pairs answered, reduced to distinct (cadre, topic) pairs here, and the way to see
        a corrected answer (one attempt twice for a question) without the counting rule's
        anti-join over every row (a million index probes). Only when an attempt holds corrections
        is a second read made, of those attempts' superseded rows (``quizkit.store.latest``), and
        taken off the sums. (Two earlier reads — pairs per attempt, then sums — took ~1.4 s on
        SQLite and ~0.9 s on PostgreSQL against ~1.2 s and ~0.5 s.)
        """
        import numpy as np
        import pandas as pd

        if not attempts_:
            return pd.DataFrame(columns=TOPIC_FIGURE_COLUMNS)
        attempt_ids = [attempt for attempt, _ in attempts_]
        cadre_nos = pd.factorize(pd.Series([cadre for _, cadre in attempts_], dtype=object))[0]
        with self._read() as conn:
            scope = _scope_table(conn)
            _fill(conn, scope, list(zip(attempt_ids, range(len(attempt_ids)), strict=True)))
            sums = _QuestionSums.read(conn, _per_question_query(scope, conn.dialect.name))
            revised = sums.revised_attempts(len(attempt_ids))
            if revised.size:
                _mark_revised(conn, scope, [attempt_ids[k] for k in revised])
                superseded = _QuestionSums.read(conn, _superseded_query(scope, conn.dialect.name))
                sums = sums.less(superseded)
            scope.drop(conn)
        # without corrections, and one attempt per cadre, no (cadre, question) pair repeats
        once = not revised.size and int(cadre_nos.max(initial=-1)) + 1 == len(attempt_ids)
        return _topic_frame(sums, np.asarray(cadre_nos, dtype=np.int64), topics, distinct=once)

    def _minority(self, inside: Select[Any]) -> bool:
        """Whether the attempts selected by ``inside`` are fewer than half of all attempts."""
        with self._read() as conn:
            total = conn.scalar(select(func.count()).select_from(attempts)) or 0
            chosen = conn.scalar(select(func.count()).select_from(inside.subquery())) or 0
        return 2 * int(chosen) < int(total)

    def sessions_frame(self) -> pd.DataFrame:
        """Every session with its rules (dict), oldest first."""
        query = select(
            sessions.c.id,
            *(sessions.c[name] for name in SESSION_FRAME_COLUMNS[1:]),
        ).order_by(sessions.c.created_at, sessions.c.id)
        with self._read() as conn:
            return _frame(list(conn.execute(query)), SESSION_FRAME_COLUMNS)

    def certificates_frame(self, *, session_id: str | None = None) -> pd.DataFrame:
        """Issued certificates (payload as dict), in issue order."""
        query = select(
            certificates.c.id, *(certificates.c[name] for name in CERTIFICATE_FRAME_COLUMNS[1:])
        ).order_by(certificates.c.id)
        if session_id is not None:
            query = query.where(certificates.c.session_id == session_id)
        with self._read() as conn:
            return _frame(list(conn.execute(query)), CERTIFICATE_FRAME_COLUMNS)

    def certificate_numbers(self, prefix: str) -> list[str]:
        """Numbers already issued that start with ``prefix`` (to continue a year's sequence)."""
        query = select(certificates.c.number).where(certificates.c.number.like(prefix + "%"))
        with self._read() as conn:
            return [str(number) for number in conn.scalars(query)]

    def record_certificates(self, rows: list[dict[str, Any]]) -> int:
        """Store many issued certificates in one transaction (all or none); each row has the
        columns of ``record_certificate``. A number or code already issued fails the whole batch."""
        if not rows:
            return 0
        values = [{**row, "issued_at": as_utc(row.get("issued_at") or utc_now())} for row in rows]
        try:
            with self._write() as conn:
                conn.execute(certificates.insert(), values)
        except StoreError as error:
            if isinstance(error.__cause__, IntegrityError):
                raise StoreError(
                    "a certificate number or code in this batch was already issued",
                    hint="another export ran at the same time; run this one again",
                ) from error
            raise
        return len(values)

    def count_certificates(self) -> int:
        with self._read() as conn:
            return int(conn.scalar(select(func.count()).select_from(certificates)) or 0)


def _scope_table(conn: Connection) -> Table:
    """A temporary table of the attempts in scope, each with a small number and a flag for an
    attempt with a corrected answer, private to this connection and dropped after the reads."""
    scope = Table(
        f"qk_scope_{uuid.uuid4().hex[:8]}",
        MetaData(),
        Column("attempt_id", String(64), primary_key=True),
        Column("attempt_no", Integer, nullable=False),
        Column("revised", Integer, nullable=False, server_default="0"),
        prefixes=["TEMPORARY"],
    )
    scope.create(conn)
    return scope


def _fill(conn: Connection, table: Table, rows: Sequence[tuple[str, int]]) -> None:
    """(attempt_id, attempt_no) rows into the scope table, through the driver: COPY on PostgreSQL
    (20,000 INSERTed rows took ~0.7 s there), one executemany on SQLite."""
    name = conn.dialect.identifier_preparer.quote(table.name)
    if conn.dialect.name == "postgresql":
        with (
            conn.connection.cursor() as cursor,  # type: ignore[attr-defined]
            cursor.copy(f"COPY {name} (attempt_id, attempt_no) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        # a temporary table has no statistics until analysed: PostgreSQL guessed ~440 rows and
        # hashed the whole answers table for one unit's 200 attempts (~200 ms; ~10 ms analysed)
        conn.exec_driver_sql(f"ANALYZE {name}")
        return
    if conn.dialect.name == "sqlite":
        cursor = conn.connection.cursor()
        try:
            cursor.executemany(f"INSERT INTO {name} (attempt_id, attempt_no) VALUES (?, ?)", rows)
        finally:
            cursor.close()
        return
    values = [{"attempt_id": attempt, "attempt_no": number} for attempt, number in rows]
    for start in range(0, len(values), 5000):
        conn.execute(table.insert(), values[start : start + 5000])


def _mark_revised(conn: Connection, scope: Table, revised: Sequence[str]) -> None:
    """Flag the attempts of ``revised`` (those with a question answered more than once)."""
    for start in range(0, len(revised), 500):
        chosen = list(revised[start : start + 500])
        conn.execute(scope.update().where(scope.c.attempt_id.in_(chosen)).values(revised=1))


def _scope_answers(scope: Table) -> Any:
    """Driven from the attempts in scope: their answers come off ix_answers_attempt_question in
    (attempt, question, id) order, so the answer that counts is found next to the row."""
    return scope.join(answers, answers.c.attempt_id == scope.c.attempt_id)


def _in_scope(query: Select[Any], scope: Table, dialect: str) -> Select[Any]:
    """On SQLite, the scope also as an IN list, which lets the planner drive from the attempts in
    scope (one unit: 200 of 20,000); PostgreSQL plans the join alone well, and the IN list made it
    hash the million answers against the scope twice (~0.9 s against ~0.5 s)."""
    if dialect != "sqlite":
        return query
    return query.where(answers.c.attempt_id.in_(select(scope.c.attempt_id)))


def _per_question_query(scope: Table, dialect: str) -> Select[Any]:
    """Per question: answer rows, correct ones, score and points summed, and the numbers of the
    attempts of the rows joined into one string."""
    correct = case((answers.c.correct, 1), else_=0)
    query = (
        select(
            answers.c.question_id,
            func.count(),
            func.sum(correct),
            func.sum(answers.c.score),
            func.sum(answers.c.points),
            func.aggregate_strings(cast(scope.c.attempt_no, String), ","),
        )
        .select_from(_scope_answers(scope))
        .group_by(answers.c.question_id)
    )
    return _in_scope(query, scope, dialect)


def _superseded_query(scope: Table, dialect: str) -> Select[Any]:
    """As :func:`_per_question_query`, over the rows of flagged attempts that do not count."""
    return _per_question_query(scope, dialect).where(scope.c.revised == 1, ~counts())


@dataclass(frozen=True)
class _QuestionSums:
    """Per question (``questions``): answer rows, correct ones, score and points; and every row
    as (attempt number, question number), two int64 columns."""

    questions: list[str]
    answers: Any
    correct: Any
    score: Any
    points: Any
    attempt_nos: Any
    question_nos: Any

    @classmethod
    def read(cls, conn: Connection, query: Select[Any]) -> _QuestionSums:
        import numpy as np

        questions, answers_, correct, score, points, joined = raw_columns(conn, query, 6)
        with paused_gc():
            sizes = np.fromiter((text.count(",") + 1 for text in joined), np.int64, len(joined))
            numbers = np.fromstring(",".join(joined), dtype=np.int64, sep=",")
        return cls(
            [str(question) for question in questions],
            np.asarray(answers_, dtype=np.int64),
            np.asarray(correct, dtype=np.int64),
            np.asarray(score, dtype=np.float64),
            np.asarray(points, dtype=np.float64),
            numbers,
            np.repeat(np.arange(len(joined), dtype=np.int64), sizes),
        )

    def revised_attempts(self, attempts: int) -> Any:
        """The numbers of the attempts with a question answered more than once (a correction)."""
        import numpy as np

        width = max(len(self.questions), 1)
        keys = self.attempt_nos * width + self.question_nos
        if _distinct(keys, attempts * width).size == keys.size:
            return np.zeros(0, dtype=np.int64)
        ordered = np.sort(keys)
        repeated = ordered[1:][ordered[1:] == ordered[:-1]]
        return np.unique(repeated // width)

    def less(self, other: _QuestionSums) -> _QuestionSums:
        """These sums without ``other``'s (rows that do not count); the rows stay: every one of them
        repeats an (attempt, question) pair that has a row that counts."""
        import numpy as np

        place = {question: k for k, question in enumerate(self.questions)}
        at = np.asarray([place[question] for question in other.questions], dtype=np.int64)
        figures = [self.answers.copy(), self.correct.copy(), self.score.copy(), self.points.copy()]
        for mine, theirs in zip(
            figures, (other.answers, other.correct, other.score, other.points), strict=True
        ):
            np.subtract.at(mine, at, theirs)
        return replace(
            self, answers=figures[0], correct=figures[1], score=figures[2], points=figures[3]
        )


def _topic_frame(
    sums_: _QuestionSums,
    cadre_nos: Any,
    topics: Sequence[tuple[str, str, str]],
    *,
    distinct: bool = False,
) -> pd.DataFrame:
    """``TOPIC_FIGURE_COLUMNS`` from the per-question sums and rows (``distinct``: no (cadre,
    question) pair among them repeats); ``cadre_nos``: each attempt's cadre, as a number, by
    attempt number."""
    import numpy as np
    import pandas as pd

    sums = pd.DataFrame(
        {
            "question_id": pd.Series(sums_.questions, dtype=object),
            "answers": sums_.answers,
            "correct": sums_.correct,
            "score": sums_.score,
            "points": sums_.points,
        }
    )
    if sums.empty:
        return pd.DataFrame(columns=TOPIC_FIGURE_COLUMNS)
    sums["code"] = np.arange(len(sums))  # the question's number
    mapping = pd.DataFrame(list(topics), columns=["question_id", "group", "topic"], dtype=object)
    mapping = mapping.drop_duplicates()
    pairs = sums.merge(mapping, on="question_id", how="left")  # one row per question and topic
    no_topic = pairs["group"].isna()
    keys = pairs["group"].fillna("") + "\x00" + pairs["topic"].fillna("")
    place, names = pd.factorize(keys.where(~no_topic, "\x01"))  # "\x01": no topic
    pairs["place"] = place
    grouped = pairs.groupby("place", sort=True)  # places 0 … n-1, as _people counts them
    table = grouped[["answers", "correct", "score", "points"]].sum()
    table["questions"] = grouped.size()
    table["people"] = _people(
        cadre_nos[sums_.attempt_nos],
        sums_.question_nos,
        pairs["code"].to_numpy(dtype=np.int64),
        place.astype(np.int64),
        len(names),
        distinct=distinct,
    )
    first = pairs.drop_duplicates("place").set_index("place").sort_index()
    table["group"] = first["group"].astype(object).where(first["group"].notna(), None)
    table["topic"] = first["topic"].astype(object).where(first["topic"].notna(), None)
    return table.reset_index(drop=True)[TOPIC_FIGURE_COLUMNS]


_BITMAP_LIMIT = 1 << 26  # distinct keys below this many are found with a flag per key (64 MB)


def _distinct(keys: Any, size: int) -> Any:
    """The distinct values of ``keys`` (integers in [0, ``size``)), sorted: one flag per possible
    key when there are not too many (no sort of a million keys), else a sort and a comparison."""
    import numpy as np

    if size <= _BITMAP_LIMIT:
        flags = np.zeros(size, dtype=bool)
        flags[keys] = True
        return np.flatnonzero(flags)
    ordered = np.sort(keys)
    if ordered.size == 0:
        return ordered
    return ordered[np.concatenate(([True], ordered[1:] != ordered[:-1]))]


def _people(
    cadres: Any,
    questions: Any,
    topic_questions: Any,
    topic_places: Any,
    places: int,
    *,
    distinct: bool = False,
) -> Any:
    """Distinct cadres per topic: the distinct (cadre, question) pairs, each spread over the
    question's topics (``topic_questions[k]`` belongs to topic ``topic_places[k]``), made distinct
    per (cadre, topic) and counted. ``distinct``: the pairs are known to be distinct already."""
    import numpy as np

    width = int(max(questions.max(initial=0), topic_questions.max(initial=0))) + 1
    people = int(cadres.max(initial=0)) + 1
    keys = cadres * width + questions
    pairs = keys if distinct else _distinct(keys, people * width)
    cadre, question = pairs // width, pairs % width
    order = np.argsort(topic_questions, kind="stable")
    ordered = topic_questions[order]
    firsts = np.searchsorted(ordered, np.arange(width), side="left")  # per question number
    lasts = np.searchsorted(ordered, np.arange(width), side="right")
    starts, counts_ = firsts[question], (lasts - firsts)[question]
    spread = np.repeat(cadre, counts_)
    offsets = np.arange(int(counts_.sum())) - np.repeat(np.cumsum(counts_) - counts_, counts_)
    topic = topic_places[order][np.repeat(starts, counts_) + offsets]
    keys = spread * places + topic
    if people * places <= _BITMAP_LIMIT:  # a flag per (cadre, topic), counted down each topic
        flags = np.zeros(people * places, dtype=bool)
        flags[keys] = True
        return flags.reshape(people, places).sum(axis=0)
    seen = _distinct(keys, people * places)
    return np.bincount(seen % places, minlength=places)


__all__ = [
    "CERTIFICATE_FRAME_COLUMNS",
    "REPORT_ANSWER_COLUMNS",
    "REPORT_ATTEMPT_COLUMNS",
    "SESSION_FRAME_COLUMNS",
    "TOPIC_FIGURE_COLUMNS",
    "ReportingMixin",
]
