"""A small versioned upgrade chain. Each step is frozen: it builds exactly the tables of its version,
so a database made by any older quizkit reaches the current schema through the same steps as a new one.

To change the schema: add a step (version N+1) below, change schema.py to match, and extend
tests/store/test_migrations.py. Never edit a released step.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import (
    Boolean,
    Column,
    Connection,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    inspect,
    select,
    text,
)

from quizkit.errors import StoreError
from quizkit.records import utc_now
from quizkit.store import schema
from quizkit.store.chain_upgrade import v5_answer_chain
from quizkit.store.columns import BigId, UTCDateTime

VERSION_TABLE = schema.schema_version.name


@dataclass(frozen=True)
class Step:
    version: int
    description: str
    apply: Callable[[Connection], None]


def _v1_roster_attempts_answers(conn: Connection) -> None:
    meta = MetaData()
    _v1_roster(meta)
    _v1_attempts_answers(meta)
    meta.create_all(conn)
    _append_only(conn, "answers")


def _v1_roster(meta: MetaData) -> None:
    Table(
        VERSION_TABLE,
        meta,
        Column("version", Integer, primary_key=True, autoincrement=False),
        Column("applied_at", UTCDateTime, nullable=False),
        Column("description", Text, nullable=False),
    )
    Table(
        "units",
        meta,
        Column("name", String(200), primary_key=True),
        Column("parent", String(200), ForeignKey("units.name"), nullable=True),
    )
    Table(
        "cadres",
        meta,
        Column("id", String(64), primary_key=True),
        Column("name", String(100), nullable=False),
        Column("unit", String(200), ForeignKey("units.name"), nullable=False, index=True),
        Column("position", String(200), nullable=False),
        Column("phone", String(50), nullable=False),
        Column("exempt", Boolean, nullable=False),
        Column("exempt_reason", String(200), nullable=False),
        Column("login", String(100), nullable=True, unique=True),
        Column("active", Boolean, nullable=False),
    )


def _v1_attempts_answers(meta: MetaData) -> None:
    Table(
        "attempts",
        meta,
        Column("id", String(64), primary_key=True),
        Column("cadre_id", String(64), ForeignKey("cadres.id"), nullable=False),
        Column("quiz_id", String(200), nullable=False),
        Column("lesson", String(200), nullable=True),
        Column("session_id", String(64), nullable=True, index=True),
        Column("kind", String(20), nullable=False),
        Column("started_at", UTCDateTime, nullable=False),
        Column("deadline_at", UTCDateTime, nullable=True),
        Column("finished_at", UTCDateTime, nullable=True),
        Column("status", String(20), nullable=False),
        Column("paper", Text, nullable=True),
        Index("ix_attempts_cadre_quiz", "cadre_id", "quiz_id"),
    )
    Table(
        "answers",
        meta,
        Column("id", BigId, primary_key=True, autoincrement=True),
        Column("submission_id", String(100), nullable=False, unique=True),
        Column("attempt_id", String(64), ForeignKey("attempts.id"), nullable=False),
        Column("question_id", String(200), nullable=False),
        Column("question_hash", String(128), nullable=False),
        Column("response", Text, nullable=True),
        Column("score", Float, nullable=False),
        Column("points", Float, nullable=False),
        Column("correct", Boolean, nullable=False),
        Column("time_taken_ms", Integer, nullable=True),
        Column("answered_at", UTCDateTime, nullable=False),
        Column("recorded_at", UTCDateTime, nullable=False),
        Index("ix_answers_attempt", "attempt_id", "id"),
    )


def _v2_sessions_certificates(conn: Connection) -> None:
    meta = MetaData()
    Table("cadres", meta, Column("id", String(64), primary_key=True))
    Table(
        "sessions",
        meta,
        Column("id", String(64), primary_key=True),
        Column("code", String(100), nullable=False, unique=True),
        Column("title", String(300), nullable=False),
        Column("kind", String(20), nullable=False),
        Column("rules", Text, nullable=False),
        Column("opens_at", UTCDateTime, nullable=True),
        Column("closes_at", UTCDateTime, nullable=True),
        Column("status", String(20), nullable=False),
        Column("created_at", UTCDateTime, nullable=False),
    )
    Table(
        "certificates",
        meta,
        Column("id", BigId, primary_key=True, autoincrement=True),
        Column("number", String(100), nullable=False, unique=True),
        Column("cadre_id", String(64), ForeignKey("cadres.id"), nullable=False, index=True),
        Column("session_id", String(64), ForeignKey("sessions.id"), nullable=True),
        Column("course", String(300), nullable=False),
        Column("issued_at", UTCDateTime, nullable=False),
        Column("verification_code", String(100), nullable=False, unique=True),
        Column("payload", Text, nullable=False),
    )
    meta.create_all(conn, tables=[meta.tables["sessions"], meta.tables["certificates"]])


def _v3_cadre_track(conn: Connection) -> None:
    """The cadre's study track (学习路径, a track id of courses/course.yaml); NULL = the unit's default."""
    conn.exec_driver_sql("ALTER TABLE cadres ADD COLUMN track VARCHAR(100) NULL")


def _v4_attempt_scores(conn: Connection) -> None:
    """Scores on attempts (raw points, total, percent, passed, band), back-filled for every closed
    attempt from the answer log, and the index that finds the answer that counts."""
    for name, kind in (
        ("raw_points", "FLOAT"),
        ("total_points", "FLOAT"),
        ("percent", "FLOAT"),
        ("passed", "BOOLEAN"),
        ("band", "VARCHAR(20)"),
    ):
        conn.exec_driver_sql(f"ALTER TABLE attempts ADD COLUMN {name} {kind} NULL")
    conn.exec_driver_sql(
        "CREATE INDEX ix_answers_attempt_question ON answers (attempt_id, question_id, id)"
    )
    from quizkit.store.scores import closed_attempt_ids, store_scores

    store_scores(conn, closed_attempt_ids(conn), item_marks=False)  # that column is step 6's


def _v6_item_marks(conn: Connection) -> None:
    """Item marks on attempts (one line per paper question), back-filled for every closed attempt;
    the answer-that-counts index widened to cover the figures reports add up (correct, score, points:
    the per-question sums then read the index alone), and open attempts of a session found by index."""
    conn.exec_driver_sql("ALTER TABLE attempts ADD COLUMN item_marks TEXT NULL")
    conn.exec_driver_sql("DROP INDEX ix_answers_attempt_question")
    conn.exec_driver_sql(
        "CREATE INDEX ix_answers_attempt_question ON answers"
        " (attempt_id, question_id, id, correct, score, points)"
    )
    conn.exec_driver_sql("CREATE INDEX ix_attempts_session_status ON attempts (session_id, status)")
    from quizkit.store.item_marks import store_item_marks
    from quizkit.store.scores import closed_attempt_ids

    store_item_marks(conn, closed_attempt_ids(conn))


APPEND_ONLY_TABLES = ("answers",)


def append_only_triggers(dialect: str, table: str) -> list[str]:
    """The names of the triggers that keep ``table`` append-only (as :func:`_append_only` makes them)."""
    if dialect == "sqlite":
        return [f"{table}_no_update", f"{table}_no_delete"]
    return [f"{table}_no_change"]


def _append_only(conn: Connection, table: str) -> None:
    """Refuse UPDATE and DELETE on ``table`` inside the database itself."""
    message = f"{table} is append-only: record a correction as a new row"
    if conn.dialect.name == "sqlite":
        for action in ("UPDATE", "DELETE"):
            conn.exec_driver_sql(
                f"CREATE TRIGGER {table}_no_{action.lower()} BEFORE {action} ON {table} "
                f"BEGIN SELECT RAISE(ABORT, '{message}'); END"
            )
        return
    conn.exec_driver_sql(
        f"CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS "
        f"$$ BEGIN RAISE EXCEPTION '{message}'; END $$"
    )
    conn.exec_driver_sql(
        f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
        f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()"
    )


STEPS: tuple[Step, ...] = (
    Step(1, "roster, units, attempts and the append-only answer log", _v1_roster_attempts_answers),
    Step(2, "sessions and certificates", _v2_sessions_certificates),
    Step(3, "cadres.track: the cadre's study track (学习路径)", _v3_cadre_track),
    Step(4, "attempts: scores stored when an attempt closes (back-filled)", _v4_attempt_scores),
    Step(5, "answers.chain_*: answers hash-chained per attempt", v5_answer_chain),
    Step(
        6,
        "attempts.item_marks (each paper question's mark, stored at closing); covering indexes",
        _v6_item_marks,
    ),
)
SCHEMA_VERSION = STEPS[-1].version


def stored_version(conn: Connection) -> int | None:
    """The database's schema version; None for an empty database."""
    tables = set(inspect(conn).get_table_names())
    if VERSION_TABLE not in tables:
        if tables:
            raise StoreError(
                "this database holds other tables but no quizkit schema version",
                hint="point QUIZKIT_DB_URL (--db-url) at an empty database or at a quizkit database",
            )
        return None
    version = conn.execute(select(schema.schema_version.c.version).order_by(text("1 DESC")))
    found = version.scalar()
    return int(found) if found is not None else None


def lock_schema(conn: Connection) -> None:
    """Serialize schema changes between processes (SQLite already holds BEGIN IMMEDIATE)."""
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(7429001)"))


def upgrade(conn: Connection, to_version: int = SCHEMA_VERSION) -> list[int]:
    """Apply the missing steps up to ``to_version`` inside the caller's transaction."""
    lock_schema(conn)
    current = stored_version(conn) or 0
    if current > SCHEMA_VERSION:
        raise newer_schema_error(current)
    applied: list[int] = []
    for step in STEPS:
        if current < step.version <= to_version:
            step.apply(conn)
            conn.execute(
                schema.schema_version.insert().values(
                    version=step.version, applied_at=utc_now(), description=step.description
                )
            )
            applied.append(step.version)
    return applied


def newer_schema_error(version: int) -> StoreError:
    return StoreError(
        f"the results database has schema version {version}, newer than this quizkit "
        f"understands ({SCHEMA_VERSION})",
        hint="upgrade quizkit on this machine (pip install -U quizkit)",
    )


def older_schema_error(version: int) -> StoreError:
    return StoreError(
        f"the results database has schema version {version}; this quizkit needs {SCHEMA_VERSION}",
        hint="run `quizkit db upgrade` (after making a copy with `quizkit db backup`)",
    )
