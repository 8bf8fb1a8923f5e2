"""The upgrade chain: from the first schema version up, with data kept; odd schemas refused clearly."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace

import pytest
from sqlalchemy import Connection, inspect, text

from quizkit.errors import StoreError
from quizkit.store import SCHEMA_VERSION, open_store, upgrade_store
from quizkit.store.connection import WRITE_OPTION, create_store_engine, parse_url
from quizkit.store.migrations import STEPS, upgrade
from quizkit.store.schema import metadata
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


def shape(conn: Connection) -> dict[str, set[tuple[str, bool]]]:
    found = inspect(conn)
    return {
        table: {(c["name"], bool(c["nullable"])) for c in found.get_columns(table)}
        for table in found.get_table_names()
    }


def test_steps_are_numbered_from_one() -> None:
    versions = [step.version for step in STEPS]
    assert versions == sorted(set(versions)) and versions[0] == 1
    assert versions[-1] == SCHEMA_VERSION
    assert versions == list(range(1, SCHEMA_VERSION + 1))  # no number left out


def test_chain_builds_exactly_the_current_schema(db_url: str) -> None:
    with raw(db_url) as conn:
        assert upgrade(conn) == [step.version for step in STEPS]
    with raw(db_url) as conn:
        built = shape(conn)
        indexes = {t: {i["name"] for i in inspect(conn).get_indexes(t)} for t in built}
    expected = {
        table.name: {(column.name, bool(column.nullable)) for column in table.columns}
        for table in metadata.sorted_tables
    }
    assert built == expected
    assert "ix_answers_attempt" in indexes["answers"]
    assert "ix_attempts_cadre_quiz" in indexes["attempts"]


def test_upgrade_from_version_one_keeps_the_data(db_url: str) -> None:
    with raw(db_url) as conn:
        assert upgrade(conn, to_version=1) == [1]
        conn.execute(text("INSERT INTO units (name) VALUES ('甲镇')"))
        conn.execute(
            text(
                "INSERT INTO cadres (id, name, unit, position, phone, exempt, exempt_reason, active)"
                " VALUES ('c1', '张三', '甲镇', '', '', false, '', true)"
            )
        )
        conn.execute(
            text(
                "INSERT INTO attempts (id, cadre_id, quiz_id, kind, started_at, status)"
                " VALUES ('a1', 'c1', 'q', 'practice', '2026-11-01 08:00:00', 'open')"
            )
        )
    with pytest.raises(StoreError, match="schema version 1; this quizkit needs") as caught:
        open_store(db_url)
    assert "quizkit db upgrade" in str(caught.value)

    assert upgrade_store(db_url) == (1, SCHEMA_VERSION)
    assert upgrade_store(db_url) == (SCHEMA_VERSION, SCHEMA_VERSION)  # idempotent
    with open_store(db_url, create=False) as store:
        assert store.schema_version == SCHEMA_VERSION
        assert store.get_cadre("c1") is not None
        assert store.record_answer(make_answer("a1")) is True
        assert store.create_session_row(code="s", title="t", kind="exam").code == "s"
        assert store.integrity_check() == []
        assert store.counts() == {
            "units": 1,
            "cadres": 1,
            "sessions": 1,
            "attempts": 1,
            "answers": 1,
            "certificates": 0,
        }


def test_newer_schema_is_refused(db_url: str) -> None:
    open_store(db_url).close()
    with raw(db_url) as conn:
        conn.execute(
            text(
                "INSERT INTO quizkit_schema_version (version, applied_at, description)"
                " VALUES (99, '2030-01-01 00:00:00', 'future')"
            )
        )
    with pytest.raises(StoreError, match="version 99, newer than this quizkit") as caught:
        open_store(db_url)
    assert "upgrade quizkit" in str(caught.value)


def test_a_foreign_database_is_left_alone(db_url: str) -> None:
    with raw(db_url) as conn:
        conn.execute(text("CREATE TABLE payroll (id INTEGER PRIMARY KEY)"))
    with pytest.raises(StoreError, match="other tables but no quizkit schema version"):
        open_store(db_url)
    with raw(db_url) as conn:
        assert set(inspect(conn).get_table_names()) == {"payroll"}


def test_a_missing_table_is_named(db_url: str) -> None:
    open_store(db_url).close()
    with raw(db_url) as conn:
        conn.execute(text("DROP TABLE certificates"))
    with pytest.raises(StoreError, match=r"lacks the table\(s\) certificates"):
        open_store(db_url)


def test_a_table_lost_while_open_gives_one_message(db_url: str) -> None:
    store = open_store(db_url)
    try:
        with raw(db_url) as conn:
            conn.execute(text("DROP TABLE certificates"))
        with pytest.raises(StoreError, match="older schema") as caught:
            store.counts()
        assert "quizkit db upgrade" in str(caught.value)
    finally:
        store.close()


def test_empty_database_without_create(db_url: str) -> None:
    with raw(db_url):
        pass  # the file or schema exists, with no tables
    with pytest.raises(StoreError, match="is empty") as caught:
        open_store(db_url, create=False)
    assert "quizkit db init" in str(caught.value)


def test_step_three_adds_the_cadre_track_and_keeps_the_roster(db_url: str) -> None:
    with raw(db_url) as conn:
        assert upgrade(conn, to_version=2) == [1, 2]
        conn.execute(text("INSERT INTO units (name) VALUES ('甲镇')"))
        conn.execute(
            text(
                "INSERT INTO cadres (id, name, unit, position, phone, exempt, exempt_reason, active)"
                " VALUES ('c1', '张三', '甲镇', '副镇长', '', false, '', true)"
            )
        )
        assert "track" not in {c["name"] for c in inspect(conn).get_columns("cadres")}
    with raw(db_url) as conn:
        assert upgrade(conn) == [step.version for step in STEPS if step.version >= 3]
        assert "track" in {c["name"] for c in inspect(conn).get_columns("cadres")}
    with open_store(db_url, create=False) as store:
        before = store.get_cadre("c1")
        assert before is not None and before.position == "副镇长" and before.track is None
        store.upsert_cadre(replace(before, track="village"))
        assert store.get_cadre("c1") == replace(before, track="village")
        assert store.cadres_frame()["track"].tolist() == ["village"]


def test_step_six_widens_the_counting_index_to_cover_the_sums(db_url: str) -> None:
    """The chain builds every index of schema.py with its columns (step 6 widens the one that finds
    the answer that counts to cover correct, score and points)."""
    with raw(db_url) as conn:
        upgrade(conn)
    with raw(db_url) as conn:
        built = {
            index["name"]: index["column_names"]
            for table in metadata.sorted_tables
            for index in inspect(conn).get_indexes(table.name)
        }
    declared = {
        index.name: [column.name for column in index.columns]
        for table in metadata.sorted_tables
        for index in table.indexes
    }
    assert {name: built.get(name) for name in declared} == declared
    assert declared["ix_answers_attempt_question"][3:] == ["correct", "score", "points"]
