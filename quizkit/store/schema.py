"""The current tables, for queries (SQLAlchemy Core). Migrations build them; see migrations.py.

units        name, parent                           单位, optionally nested (镇 → 站所/村)
cadres       the roster: stable id, name, unit, position (职务), exempt flag and reason, login,
             track (学习路径; NULL = the unit's default track from courses/course.yaml)
sessions     a practice or exam session; ``rules`` is JSON owned by quizkit.sessions
attempts     one sitting of one quiz by one cadre (practice, exam or retry), with the paper shown
             and, once closed, its score (raw points, total, percent, passed, band; store/scores.py)
             and each paper question's mark (item_marks; store/item_marks.py)
answers      the append-only answer log: never updated or deleted (triggers refuse it); corrections
             are new rows; ``submission_id`` is unique so a resent answer is stored once; each row
             is hash-chained to the previous row of its attempt (chain_*; see store/chain.py)
certificates issued certificates with a unique number and verification code
"""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

from quizkit.store.columns import BigId, JSONText, UTCDateTime

metadata = MetaData()

schema_version = Table(
    "quizkit_schema_version",
    metadata,
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("applied_at", UTCDateTime, nullable=False),
    Column("description", Text, nullable=False),
)

units = Table(
    "units",
    metadata,
    Column("name", String(200), primary_key=True),
    Column("parent", String(200), ForeignKey("units.name"), nullable=True),
)

cadres = Table(
    "cadres",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("name", String(100), nullable=False),
    Column("unit", String(200), ForeignKey("units.name"), nullable=False, index=True),
    Column("position", String(200), nullable=False),
    Column("phone", String(50), nullable=False),
    Column("exempt", Boolean, nullable=False),
    Column("exempt_reason", String(200), nullable=False),
    Column("login", String(100), nullable=True, unique=True),
    Column("active", Boolean, nullable=False),
    Column("track", String(100), nullable=True),
)

attempts = Table(
    "attempts",
    metadata,
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
    Column("paper", JSONText, nullable=True),
    # v4: the score, stored when the attempt closes (quizkit/store/scores.py); NULL while open
    Column("raw_points", Float, nullable=True),
    Column("total_points", Float, nullable=True),
    Column("percent", Float, nullable=True),
    Column("passed", Boolean, nullable=True),
    Column("band", String(20), nullable=True),
    # v6: one line per paper question with its mark, stored with the score (store/item_marks.py)
    Column("item_marks", Text, nullable=True),
    Index("ix_attempts_cadre_quiz", "cadre_id", "quiz_id"),
    Index("ix_attempts_session_status", "session_id", "status"),  # v6
)

answers = Table(
    "answers",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("submission_id", String(100), nullable=False, unique=True),
    Column("attempt_id", String(64), ForeignKey("attempts.id"), nullable=False),
    Column("question_id", String(200), nullable=False),
    Column("question_hash", String(128), nullable=False),
    Column("response", JSONText, nullable=True),
    Column("score", Float, nullable=False),
    Column("points", Float, nullable=False),
    Column("correct", Boolean, nullable=False),
    Column("time_taken_ms", Integer, nullable=True),
    Column("answered_at", UTCDateTime, nullable=False),
    Column("recorded_at", UTCDateTime, nullable=False),
    # v5: the hash chain of the row's attempt (quizkit/store/chain.py); NULL only for a row
    # written outside quizkit, which `quizkit db verify` reports
    Column("chain_prev_id", BigId, nullable=True),
    Column("chain_prev_hash", String(64), nullable=True),
    Column("chain_hash", String(64), nullable=True),
    Index("ix_answers_attempt", "attempt_id", "id"),
    # v4, widened in v6 to cover what the per-question sums read (quizkit/store/reporting.py)
    Index(
        "ix_answers_attempt_question",
        "attempt_id",
        "question_id",
        "id",
        "correct",
        "score",
        "points",
    ),
)

sessions = Table(
    "sessions",
    metadata,
    Column("id", String(64), primary_key=True),
    Column("code", String(100), nullable=False, unique=True),
    Column("title", String(300), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("rules", JSONText, nullable=False),
    Column("opens_at", UTCDateTime, nullable=True),
    Column("closes_at", UTCDateTime, nullable=True),
    Column("status", String(20), nullable=False),
    Column("created_at", UTCDateTime, nullable=False),
)

certificates = Table(
    "certificates",
    metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("number", String(100), nullable=False, unique=True),
    Column("cadre_id", String(64), ForeignKey("cadres.id"), nullable=False, index=True),
    Column("session_id", String(64), ForeignKey("sessions.id"), nullable=True),
    Column("course", String(300), nullable=False),
    Column("issued_at", UTCDateTime, nullable=False),
    Column("verification_code", String(100), nullable=False, unique=True),
    Column("payload", JSONText, nullable=False),
)

#: Tables every current database must have (checked when a store opens).
DATA_TABLES = ("units", "cadres", "sessions", "attempts", "answers", "certificates")
