"""`verify_answer_chain` names the first row edited, deleted or inserted out of order, on SQLite and
PostgreSQL. Each test tampers the way someone with the database file or password would: the
append-only triggers lifted, then plain SQL."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import pytest
from sqlalchemy import Connection, select, text

from quizkit.store import CadreRecord, Store
from quizkit.store.chain import Link, chained
from quizkit.store.chain_check import ChainBreak
from quizkit.store.connection import WRITE_OPTION, create_store_engine, parse_url
from quizkit.store.schema import answers
from tests.store.factories import make_answer


@contextmanager
def tampering(db_url: str) -> Iterator[Connection]:
    """A raw connection on which UPDATE and DELETE of answers are no longer refused."""
    engine = create_store_engine(parse_url(db_url))
    try:
        with engine.connect() as conn:
            conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                if conn.dialect.name == "sqlite":
                    conn.execute(text("DROP TRIGGER answers_no_update"))
                    conn.execute(text("DROP TRIGGER answers_no_delete"))
                else:
                    conn.execute(text("ALTER TABLE answers DISABLE TRIGGER answers_no_change"))
                yield conn
    finally:
        engine.dispose()


@pytest.fixture
def log(store: Store) -> dict[str, list[int]]:
    """Two cadres' attempts, rows interleaved: attempt "a" gets ids 1, 3, 5, 7; "b" gets 2, 4, 6."""
    store.upsert_cadres(
        [
            CadreRecord(id="c001", name="张三", unit="城关镇"),
            CadreRecord(id="c002", name="李四", unit="城关镇"),
        ]
    )
    first = store.start_attempt("c001", quiz_id="exam")
    second = store.start_attempt("c002", quiz_id="exam")
    ids: dict[str, list[int]] = {first.id: [], second.id: []}
    for index in range(7):
        attempt = first if index % 2 == 0 else second
        store.record_answer(make_answer(attempt.id, f"q{index // 2 + 1}"))
        ids[attempt.id].append(last_id(store))
    return ids


def last_id(store: Store) -> int:
    with store._read() as conn:
        return int(conn.scalar(select(answers.c.id).order_by(answers.c.id.desc()).limit(1)) or 0)


def row(conn: Connection, row_id: int) -> dict[str, Any]:
    return dict(conn.execute(select(answers).where(answers.c.id == row_id)).mappings().one())


def only_break(store: Store) -> ChainBreak:
    report = store.verify_answer_chain()
    assert len(report.breaks) == 1, report.breaks
    assert report.first_break is not None
    return report.first_break


def expect(found: ChainBreak, kind: str, row_id: int, attempt: str, question: str | None) -> None:
    assert (found.kind, found.row_id, found.attempt_id, found.question_id) == (
        kind,
        row_id,
        attempt,
        question,
    )
    assert (found.cadre_id, found.cadre_name) == ("c001", "张三")
    assert f"row {row_id} was {kind}" in found.describe()
    assert f"attempt {attempt} · cadre c001 张三" in found.describe()


def test_an_untouched_log_verifies(store: Store, log: dict[str, list[int]]) -> None:
    report = store.verify_answer_chain()
    assert (report.rows, report.attempts, report.breaks) == (7, 2, ())


def test_an_edited_row_is_named(store: Store, log: dict[str, list[int]], db_url: str) -> None:
    attempt, ids = next(iter(log.items()))
    with tampering(db_url) as conn:
        conn.execute(
            answers.update().where(answers.c.id == ids[1]).values(score=0.0, correct=False)
        )
    found = only_break(store)
    expect(found, "edited", ids[1], attempt, "q2")
    assert "no longer matches its hash" in found.reason


def test_an_edited_row_with_its_hash_recomputed_is_named(
    store: Store, log: dict[str, list[int]], db_url: str
) -> None:
    attempt, ids = next(iter(log.items()))
    with tampering(db_url) as conn:
        edited = {**row(conn, ids[1]), "response": "A", "cadre_id": "c001"}
        link = Link("c001", edited["chain_prev_id"], edited["chain_prev_hash"])
        values = {"response": "A", "chain_hash": chained(edited, link)["chain_hash"]}
        conn.execute(answers.update().where(answers.c.id == ids[1]).values(**values))
    found = only_break(store)
    expect(found, "edited", ids[1], attempt, "q2")
    assert "its hash was recomputed" in found.reason


def test_the_last_row_edited_without_its_hash_is_named(
    store: Store, log: dict[str, list[int]], db_url: str
) -> None:
    attempt, ids = next(iter(log.items()))
    with tampering(db_url) as conn:
        conn.execute(answers.update().where(answers.c.id == ids[-1]).values(response="D"))
    expect(only_break(store), "edited", ids[-1], attempt, "q4")


@pytest.mark.parametrize("position", [0, 2])
def test_a_deleted_row_is_named(
    store: Store, log: dict[str, list[int]], db_url: str, position: int
) -> None:
    attempt, ids = next(iter(log.items()))
    with tampering(db_url) as conn:
        conn.execute(answers.delete().where(answers.c.id == ids[position]))
    found = only_break(store)
    expect(found, "deleted", ids[position], attempt, None)
    assert f"row {ids[position + 1]} links to it, but it is gone" in found.reason
    assert "question unknown (the row is gone)" in found.describe()


def forged(conn: Connection, like: int, link: Link, **changes: Any) -> dict[str, Any]:
    """A copy of row ``like`` with ``changes``, correctly hashed after ``link``: a careful forger."""
    return chained({**row(conn, like), **changes}, link)


def test_a_row_slipped_in_between_is_named(
    store: Store, log: dict[str, list[int]], db_url: str
) -> None:
    attempt, ids = next(iter(log.items()))
    last = ids[-1]
    with tampering(db_url) as conn:
        # room to slip a row in: the attempt's next row written at a far id, correctly chained
        end = row(conn, last)
        later = forged(conn, last, Link("c001", last, end["chain_hash"]), submission_id="later")
        conn.execute(answers.insert().values(**{**later, "id": last + 100}))
        # then a row slipped in between, chained after the same row as the far one
        slipped = forged(
            conn,
            last,
            Link("c001", last, end["chain_hash"]),
            submission_id="slip",
            question_id="q5",
        )
        conn.execute(answers.insert().values(**{**slipped, "id": last + 50}))
    found = only_break(store)
    expect(found, "inserted", last + 50, attempt, "q5")
    assert found.reason == f"row {last + 100} links past it to row {last}"


def test_a_row_put_before_the_first_is_named(
    store: Store, log: dict[str, list[int]], db_url: str
) -> None:
    attempt, ids = next(iter(log.items()))
    with tampering(db_url) as conn:
        values = forged(conn, ids[0], Link("c001"), submission_id="early", question_id="q0")
        conn.execute(answers.insert().values(**{**values, "id": 0}))
    found = only_break(store)
    expect(found, "inserted", 0, attempt, "q0")
    assert f"row {ids[0]} starts the attempt's chain after it" in found.reason


def test_a_row_written_by_plain_sql_is_named(
    store: Store, log: dict[str, list[int]], db_url: str
) -> None:
    attempt, ids = next(iter(log.items()))
    with tampering(db_url) as conn:
        values = {**row(conn, ids[0]), "submission_id": "sql", "question_id": "q7"}
        for key in ("id", "chain_prev_id", "chain_prev_hash", "chain_hash"):
            values.pop(key)
        conn.execute(answers.insert().values(**values))
    found = only_break(store)
    expect(found, "inserted", last_id(store), attempt, "q7")
    assert "written outside quizkit" in found.reason


def test_the_first_break_by_row_id_is_named_when_several_attempts_are_broken(
    store: Store, log: dict[str, list[int]], db_url: str
) -> None:
    (first, first_ids), (second, second_ids) = log.items()
    with tampering(db_url) as conn:
        conn.execute(answers.update().where(answers.c.id == first_ids[3]).values(score=0.0))
        conn.execute(answers.update().where(answers.c.id == second_ids[0]).values(score=0.0))
    report = store.verify_answer_chain()
    assert [(b.row_id, b.attempt_id) for b in report.breaks] == [
        (second_ids[0], second),
        (first_ids[3], first),
    ]
    assert report.first_break is not None and report.first_break.cadre_name == "李四"
