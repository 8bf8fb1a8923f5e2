"""The append-only answer log: record answers idempotently, read them back, a cadre's progress."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Insert, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError

from quizkit.counting import latest_by_question
from quizkit.errors import StoreError
from quizkit.question_types import response_from_json, response_to_json
from quizkit.records import AnswerRecord, StoredAnswer, as_utc, utc_now
from quizkit.store.base import StoreBase
from quizkit.store.chain import insert_chained, lock_chain_ends
from quizkit.store.schema import answers, attempts
from quizkit.store.scores import store_scores

if TYPE_CHECKING:
    import pandas as pd

PROGRESS_COLUMNS = ["lesson", "quizzes", "answered", "correct", "last_answered_at"]
# how far an answer's answered_at may lie ahead of the store's clock (a learner machine's clock drift)
MAX_CLOCK_SKEW = timedelta(minutes=5)


def _insert_ignoring_duplicates(dialect: str) -> Insert:
    """INSERT … ON CONFLICT (submission_id) DO NOTHING RETURNING id: a row comes back only when new."""
    insert: Insert
    if dialect == "postgresql":
        insert = postgresql.insert(answers).on_conflict_do_nothing(index_elements=["submission_id"])
    else:
        insert = sqlite.insert(answers).on_conflict_do_nothing(index_elements=["submission_id"])
    return insert.returning(answers.c.id)


_INSERTS = {name: _insert_ignoring_duplicates(name) for name in ("sqlite", "postgresql")}


def _answer_values(answer: AnswerRecord) -> dict[str, Any]:
    if not answer.submission_id or not answer.attempt_id or not answer.question_id:
        raise StoreError(
            "an answer needs a submission id, an attempt id and a question id",
            item=answer.question_id or None,
        )
    try:  # the one Response form; its JSON form (lists for tuples) is what the column holds
        response = response_to_json(response_from_json(answer.response))
    except ValueError:
        raise StoreError(
            f"answer {answer.submission_id}: response {answer.response!r} is not storable"
        ) from None
    if not 0 <= answer.score <= answer.points:
        raise StoreError(
            f"answer {answer.submission_id}: score {answer.score} is outside 0…{answer.points}",
            item=answer.question_id,
        )
    now = utc_now()
    answered_at = now if answer.answered_at is None else _not_in_future(answer, now)
    return {
        "submission_id": answer.submission_id,
        "attempt_id": answer.attempt_id,
        "question_id": answer.question_id,
        "question_hash": answer.question_hash,
        "response": response,
        "score": float(answer.score),
        "points": float(answer.points),
        "correct": bool(answer.correct),
        "time_taken_ms": answer.time_taken_ms,
        "answered_at": answered_at,
        "recorded_at": now,
    }


def _not_in_future(answer: AnswerRecord, now: datetime) -> datetime:
    """The answer's answered_at in UTC; refused when it lies more than MAX_CLOCK_SKEW ahead of ``now``."""
    assert answer.answered_at is not None
    answered_at = as_utc(answer.answered_at)
    if answered_at > now + MAX_CLOCK_SKEW:
        raise StoreError(
            f"answer {answer.submission_id}: answered_at {answered_at.isoformat()} is in the future"
            f" (the store's clock says {now.isoformat()})",
            item=answer.question_id,
            hint="check the clock of the computer that sent the answer, then send it again",
        )
    return answered_at


def _no_such_attempt(missing: set[str]) -> StoreError:
    return StoreError(
        f"cannot record the answer: attempt {', '.join(sorted(missing)) or '?'} does not exist",
        hint="start an attempt (Store.start_attempt) before recording its answers",
    )


def _paper_points(paper: Any) -> dict[str, float] | None:
    """Question id → points on a stored paper (``{"questions": [{"id", "points"}, …]}``); None when
    the attempt keeps no such paper (a lesson quiz), so there is nothing to check against."""
    if not isinstance(paper, Mapping) or not isinstance(paper.get("questions"), list):
        return None
    points: dict[str, float] = {}
    for item in paper["questions"]:
        if isinstance(item, Mapping) and isinstance(item.get("points"), int | float):
            points[str(item.get("id"))] = float(item["points"])
    return points


def _check_against_papers(conn: Connection, rows: list[dict[str, Any]]) -> list[str]:
    """Refuse an answer to a question not on its attempt's paper, or worth other points than the
    paper gives it (the store re-checks what a kernel sends; score within points is checked above).
    Returns the closed attempts among them, whose stored scores the new answers change."""
    wanted = {row["attempt_id"] for row in rows}
    query = select(attempts.c.id, attempts.c.paper, attempts.c.status).where(
        attempts.c.id.in_(wanted)
    )
    found = list(conn.execute(query))
    papers = {attempt_id: _paper_points(paper) for attempt_id, paper, _ in found}
    closed = [attempt_id for attempt_id, _, status in found if status != "open"]
    for row in rows:
        points = papers.get(row["attempt_id"])
        if points is None:
            continue
        question, given = row["question_id"], row["points"]
        if question not in points:
            raise StoreError(
                f"answer {row['submission_id']}: question {question} is not on the paper of "
                f"attempt {row['attempt_id']}",
                item=question,
                hint="answer only the questions of the paper the attempt was given",
            )
        if abs(points[question] - given) > 1e-9:
            raise StoreError(
                f"answer {row['submission_id']}: question {question} is worth {points[question]:g}"
                f" points on the paper of attempt {row['attempt_id']}, not {given:g}",
                item=question,
                hint="grade the answer with the points its paper gives the question",
            )
    return closed


def stored_from_row(row: Mapping[Any, Any]) -> StoredAnswer:
    return StoredAnswer(
        id=int(row["id"]),
        submission_id=row["submission_id"],
        attempt_id=row["attempt_id"],
        question_id=row["question_id"],
        question_hash=row["question_hash"],
        response=response_from_json(row["response"]),
        score=float(row["score"]),
        points=float(row["points"]),
        correct=bool(row["correct"]),
        time_taken_ms=row["time_taken_ms"],
        answered_at=row["answered_at"],
    )


class AnswersMixin(StoreBase):
    def record_answer(self, answer: AnswerRecord) -> bool:
        """Store one answer and commit before returning. False: this submission id was already stored."""
        return self.record_answers([answer]) == 1

    def record_answers(self, answers_: Iterable[AnswerRecord]) -> int:
        """Store many answers in one transaction (all or none); returns how many were new."""
        rows = [_answer_values(answer) for answer in answers_]
        if not rows:
            return 0
        statement = _INSERTS[self.dialect]
        try:
            with self._write() as conn:  # chained inside the transaction that stores the rows
                links = lock_chain_ends(conn, (row["attempt_id"] for row in rows))
                if missing := {row["attempt_id"] for row in rows} - links.keys():
                    raise _no_such_attempt(missing)
                closed = _check_against_papers(conn, rows)
                stored = insert_chained(conn, statement, rows, links)
                store_scores(conn, closed)  # an answer to a closed attempt: its score again
                return stored
        except StoreError as error:
            if isinstance(error.__cause__, IntegrityError):
                raise self._missing_attempt(rows) from error
            raise

    def _missing_attempt(self, rows: list[dict[str, Any]]) -> StoreError:
        wanted = {row["attempt_id"] for row in rows}
        with self._read() as conn:
            found = set(conn.scalars(select(attempts.c.id).where(attempts.c.id.in_(wanted))))
        return _no_such_attempt(wanted - found)

    def answers_for_attempt(self, attempt_id: str) -> list[StoredAnswer]:
        """Every answer of the attempt, corrections included, in answered order."""
        query = (
            select(answers)
            .where(answers.c.attempt_id == attempt_id)
            .order_by(answers.c.answered_at, answers.c.id)
        )
        with self._read() as conn:
            return [stored_from_row(row) for row in conn.execute(query).mappings()]

    def latest_answers(self, cadre_id: str, quiz_id: str) -> dict[str, StoredAnswer]:
        """The newest answer (greatest id: ``quizkit.counting.latest_by_question``) per question id
        over all the cadre's attempts of this quiz."""
        query = (
            select(answers)
            .join(attempts, attempts.c.id == answers.c.attempt_id)
            .where(attempts.c.cadre_id == cadre_id, attempts.c.quiz_id == quiz_id)
        )
        with self._read() as conn:
            rows = [stored_from_row(row) for row in conn.execute(query).mappings()]
        return latest_by_question(rows)

    def progress(self, cadre_id: str) -> pd.DataFrame:
        """Per lesson (attempts without a lesson are left out), sorted by lesson:

        lesson (str), quizzes (distinct quizzes attempted), answered (distinct questions answered),
        correct (questions whose newest answer is correct), last_answered_at (UTC, NaT if none).
        """
        with self._read() as conn:
            rows = _progress_rows(conn, cadre_id)
        lessons: dict[str, dict[str, Any]] = {}
        for row in rows:  # in id order: a later row for a question replaces (quizkit.store.latest)
            entry = lessons.setdefault(row.lesson, {"quizzes": set(), "latest": {}, "last": None})
            entry["quizzes"].add(row.quiz_id)
            if row.question_id is not None:
                entry["latest"][row.question_id] = bool(row.correct)
                last = entry["last"]
                entry["last"] = row.answered_at if last is None else max(last, row.answered_at)
        records = [
            {
                "lesson": lesson,
                "quizzes": len(entry["quizzes"]),
                "answered": len(entry["latest"]),
                "correct": sum(entry["latest"].values()),
                "last_answered_at": entry["last"],
            }
            for lesson, entry in sorted(lessons.items())
        ]
        import pandas as pd  # imported on use: `quizkit db init` stays quick

        frame = pd.DataFrame.from_records(records, columns=PROGRESS_COLUMNS)
        frame["last_answered_at"] = pd.to_datetime(frame["last_answered_at"], utc=True)
        return frame.astype({"quizzes": "int64", "answered": "int64", "correct": "int64"})


def _progress_rows(conn: Connection, cadre_id: str) -> list[Any]:
    query = (
        select(
            attempts.c.lesson,
            attempts.c.quiz_id,
            answers.c.question_id,
            answers.c.correct,
            answers.c.answered_at,
        )
        .select_from(attempts.outerjoin(answers, answers.c.attempt_id == attempts.c.id))
        .where(attempts.c.cadre_id == cadre_id, attempts.c.lesson.is_not(None))
        .order_by(answers.c.id)
    )
    return list(conn.execute(query))
