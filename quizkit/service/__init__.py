"""The grading service (``quizkit serve``): on a JupyterHub, the one holder of the answer keys,
the database credentials and the certificate key.

    callers (the hub says who) → app (HTTP, JSON, api/v1) → desk (every call decided here)
                                                      └→ writer (answers, group commit) → store

A cadre's kernel reaches it through ``quizkit.service_client`` — the same backend protocols as the
in-process store (``quizkit.learner.backend``), so the views have one code path.
"""

from quizkit.service.desk import Caller, Desk

__all__ = ["Caller", "Desk"]
