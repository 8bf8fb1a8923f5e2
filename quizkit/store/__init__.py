"""The results store: the only part of quizkit that talks to the database (SQLAlchemy 2).

SQLite at results/quizkit.db by default; PostgreSQL when QUIZKIT_DB_URL (or ``[tool.quizkit] db_url``
or ``--db-url``) names a ``postgresql+psycopg://`` URL. Every answer is committed before
``record_answer`` returns, and a resent submission is stored once.
"""

from quizkit.records import (
    ATTEMPT_KINDS,
    ATTEMPT_STATUSES,
    AnswerRecord,
    Attempt,
    CadreRecord,
    CertificateRecord,
    SessionRow,
    StoredAnswer,
)
from quizkit.store.migrations import SCHEMA_VERSION
from quizkit.store.store import Store, open_store, upgrade_store

__all__ = [
    "ATTEMPT_KINDS",
    "ATTEMPT_STATUSES",
    "SCHEMA_VERSION",
    "AnswerRecord",
    "Attempt",
    "CadreRecord",
    "CertificateRecord",
    "SessionRow",
    "Store",
    "StoredAnswer",
    "open_store",
    "upgrade_store",
]
