"""Schema step 5 on a database with answers already in it: chains back-filled per attempt in id order,
the log append-only again afterwards, new answers continuing the chains."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest
from sqlalchemy import Connection, select, text

from quizkit.errors import StoreError
from quizkit.store import SCHEMA_VERSION, chain_check, chain_upgrade, open_store, upgrade_store
from quizkit.store.chain import Link, row_hash
from quizkit.store.connection import WRITE_OPTION, create_store_engine, parse_url
from quizkit.store.migrations import upgrade
from quizkit.store.schema import answers, attempts
from tests.store.factories import make_answer


@contextmanager
def raw(db_url: str) -> Iterator[Connection]:
    engine = create_store_engine(parse_url(db_url))
    try:
        with engine.connect() as conn:
            conn.execution_options(**{WRITE_OPTION: True})
            with conn.begin():
                yield conn
    finally:
        engine.dispose()


def old_log(conn: Connection) -> None:
    """A schema-3 database: two cadres, three attempts, answers interleaved as kernels wrote them."""
    conn.execute(text("INSERT INTO units (name) VALUES ('甲镇')"))
    for cadre in ("c1", "c2"):
        conn.execute(
            text(
                "INSERT INTO cadres (id, name, unit, position, phone, exempt, exempt_reason, active)"
                f" VALUES ('{cadre}', '张三', '甲镇', '', '', false, '', true)"
            )
        )
    for attempt, cadre in (("a1", "c1"), ("a2", "c2"), ("a3", "c1")):
        conn.execute(
            text(
                "INSERT INTO attempts (id, cadre_id, quiz_id, kind, started_at, status)"
                f" VALUES ('{attempt}', '{cadre}', 'q', 'practice', '2026-11-01 08:00:00', 'open')"
            )
        )
    for index, attempt in enumerate(["a1", "a2", "a1", "a3", "a2", "a1", "a3"]):
        conn.execute(
            text(
                "INSERT INTO answers (submission_id, attempt_id, question_id, question_hash,"
                " response, score, points, correct, time_taken_ms, answered_at, recorded_at)"
                f" VALUES ('s{index}', '{attempt}', 'q{index}', 'h', '[\"A\", \"甲\"]', 2, 2,"
                f" true, NULL, '2026-11-01 08:0{index}:00', '2026-11-01 08:0{index}:01.5')"
            )
        )


@pytest.fixture
def small_batches(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of two rows, so that attempts cross batch boundaries in the back-fill and the check."""
    monkeypatch.setattr(chain_upgrade, "BATCH", 2)
    monkeypatch.setattr(chain_check, "BATCH", 2)


@pytest.mark.usefixtures("small_batches")
def test_upgrade_chains_the_existing_answers_in_order(db_url: str) -> None:
    with raw(db_url) as conn:
        upgrade(conn, to_version=3)
        old_log(conn)
    assert upgrade_store(db_url) == (3, SCHEMA_VERSION)
    with open_store(db_url, create=False) as store:
        query = (
            select(answers, attempts.c.cadre_id)
            .join(attempts, attempts.c.id == answers.c.attempt_id)
            .order_by(answers.c.id)
        )
        with store._read() as conn:
            rows = [dict(row) for row in conn.execute(query).mappings()]
        links: dict[str, list[int | None]] = {row["attempt_id"]: [] for row in rows}
        for row in rows:
            link = Link(row["cadre_id"], row["chain_prev_id"], row["chain_prev_hash"])
            assert row["chain_hash"] == row_hash(row, link)
            links[row["attempt_id"]].append(link.prev_id)
        assert links == {"a1": [None, 1, 3], "a2": [None, 2], "a3": [None, 4]}
        report = store.verify_answer_chain()
        assert (report.rows, report.attempts, report.breaks) == (7, 3, ())

        assert store.record_answer(make_answer("a1", "q9")) is True
        assert store.verify_answer_chain().breaks == ()
        assert store.integrity_check() == []


def test_the_log_stays_append_only_after_the_upgrade(db_url: str) -> None:
    with raw(db_url) as conn:
        upgrade(conn, to_version=3)
        old_log(conn)
    upgrade_store(db_url)
    for statement in ("UPDATE answers SET score = 0", "DELETE FROM answers"):
        with pytest.raises(Exception, match="append-only"), raw(db_url) as conn:
            conn.execute(text(statement))
    with open_store(db_url, create=False) as store:
        assert store.counts()["answers"] == 7


def test_an_empty_database_upgrades_and_verifies(db_url: str) -> None:
    with raw(db_url) as conn:
        upgrade(conn, to_version=3)
    upgrade_store(db_url)
    with open_store(db_url, create=False) as store:
        report = store.verify_answer_chain()
        assert (report.rows, report.attempts, report.breaks) == (0, 0, ())
        with pytest.raises(StoreError, match="attempt nope does not exist"):
            store.record_answer(make_answer("nope"))
