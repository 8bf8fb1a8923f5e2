"""Which of a session's attempts feed item analysis (first, last or all finished attempts)."""

from __future__ import annotations

import pandas as pd

from quizkit.records import FINISHED_STATUSES

REGULAR = ("exam", "practice")


def select_attempts(attempts: pd.DataFrame, which: str) -> pd.DataFrame:
    """Finished attempts for analysis: each cadre's ``first`` or ``last`` regular one, or ``all``."""
    done = attempts[attempts["status"].isin(FINISHED_STATUSES)]
    if which == "all":
        return done
    regular = done[done["kind"].isin(REGULAR)].sort_values(["started_at", "attempt_id"])
    return regular.drop_duplicates("cadre_id", keep="first" if which == "first" else "last")


__all__ = ["select_attempts"]
