"""Exam results from the answer log: each attempt's score, then the one attempt that counts.

An attempt's score is the sum of the latest stored answer per question (see ``ReportData``), out of the paper's total points when the paper records them, else out of the
points of the questions answered. Exam results come only from exam sessions: an attempt of kind
``exam`` or ``makeup`` without a session (``quizkit.quiz(..., mode="exam")`` in a lesson) is a
self-test, counted as study but never as the cadre's exam. Only finished attempts count (submitted, expired, or open past their
deadline: what was saved when time ran out).

Counting, per cadre and exam session: among regular attempts the policy's ``counting`` picks one
(highest, last or first); 补考 attempts (kind ``makeup``, or started inside the session's make-up window)
are counted the same way among themselves, and with ``include_makeup`` the 补考 result stands in for a
regular result that is missing or failed: against a failed one, the higher of the two counts
(``makeup_counting="higher"``, default) or the 补考 result counts even when lower (``"replace"``). Across the sessions of a year the best counted session result is kept.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

import pandas as pd

from quizkit.counting import Counting, counting_order, paper_points
from quizkit.records import FINISHED_STATUSES
from quizkit.reports.frames import EXAM_KINDS, ReportData
from quizkit.reports.policy import MakeupCounting, ReportPolicy

RESULT_COLUMNS = ["cadre_id", "session_id", "attempt_id", "score", "makeup", "attempts"]


def exam_attempts(attempts: pd.DataFrame) -> pd.DataFrame:
    """The attempts that can be exam results: exam or 补考 attempts of an exam session."""
    return attempts[attempts["kind"].isin(EXAM_KINDS) & attempts["session_id"].notna()]


def _finished(attempts: pd.DataFrame, now: datetime | None) -> pd.Series:
    finished = attempts["status"].isin(FINISHED_STATUSES)
    if "deadline_at" in attempts.columns:
        deadline = pd.to_datetime(attempts["deadline_at"], utc=True)
        moment = pd.Timestamp(now or datetime.now().astimezone()).tz_convert("UTC")
        finished |= (attempts["status"] == "open") & deadline.notna() & (deadline < moment)
    return finished


def _makeup_flags(data: ReportData, attempts: pd.DataFrame, policy: ReportPolicy) -> pd.Series:
    flags = attempts["kind"] == "makeup"
    windows = {
        session["session_id"]: ReportPolicy.from_rules(session["rules"]).makeup_window
        for _, session in data.sessions.iterrows()
        if isinstance(session["rules"], Mapping)
    }
    for session_id in attempts["session_id"].dropna().unique():
        window = policy.makeup_window or windows.get(session_id)
        if window is None:
            continue
        opens, closes = window.local_bounds()
        started = attempts["started_at"]
        inside = attempts["session_id"] == session_id
        if opens is not None:
            inside &= started >= opens
        if closes is not None:
            inside &= started <= closes
        flags |= inside
    return flags


def attempt_scores(
    data: ReportData, policy: ReportPolicy, *, now: datetime | None = None
) -> pd.DataFrame:
    """One row per finished exam attempt: cadre, session, started_at, score (百分制) and makeup flag.

    The score is the one stored when the attempt closed (``percent``); an attempt without one (data
    built by hand) is scored here from ``data.answers`` the same way (``quizkit.store.scores``)."""
    attempts = exam_attempts(data.attempts)
    attempts = attempts[_finished(attempts, now)]
    frame = attempts[["attempt_id", "cadre_id", "session_id", "started_at"]].copy()
    stored = (
        attempts["percent"].astype("float64")
        if "percent" in attempts.columns
        else pd.Series(float("nan"), index=attempts.index)
    )
    missing = stored.isna()
    if missing.any():
        stored = stored.where(~missing, _scored_from_answers(data, attempts[missing]))
    frame["score"] = stored
    frame["makeup"] = _makeup_flags(data, attempts, policy).to_numpy(dtype=bool)
    return frame.reset_index(drop=True)


def _scored_from_answers(data: ReportData, attempts: pd.DataFrame) -> pd.Series:
    """百分制 of these attempts from their answers that count, out of the paper's points."""
    exam = data.answers[data.answers["attempt_id"].isin(attempts["attempt_id"])]
    sums = exam.groupby("attempt_id", observed=True)[["score", "points"]].sum()
    frame = attempts[["attempt_id"]].join(sums, on="attempt_id")
    frame[["score", "points"]] = frame[["score", "points"]].fillna(0.0)
    papers = (
        attempts["paper"] if "paper" in attempts.columns else pd.Series(None, index=attempts.index)
    )
    possible = papers.map(paper_points).astype(float).fillna(frame["points"])
    return (100.0 * frame["score"] / possible.where(possible > 0)).fillna(0.0).round(2)


def _pick(group: pd.DataFrame, counting: Counting) -> pd.DataFrame:
    """The counted attempt of each (cadre, session) group of rows (``counting_order``'s first)."""
    keys = ["cadre_id", "session_id"]
    order = counting_order(counting)
    ordered = group.sort_values(
        [*keys, *(field for field, _ in order)],
        ascending=[True, True, *(ascending for _, ascending in order)],
        kind="stable",
    )
    return ordered.drop_duplicates(keys, keep="first")


def counted_results(scores: pd.DataFrame, policy: ReportPolicy) -> pd.DataFrame:
    """The counted result per cadre and session (columns ``RESULT_COLUMNS``)."""
    if scores.empty:
        return pd.DataFrame(columns=RESULT_COLUMNS)
    keys = ["cadre_id", "session_id"]
    scores = scores.assign(session_id=scores["session_id"].fillna(""))
    regular = _pick(scores[~scores["makeup"]], policy.counting).set_index(keys)
    counted, weighed = regular, False
    if policy.include_makeup and bool(scores["makeup"].any()):  # no 补考 attempt: nothing to weigh
        weighed = True
        makeup = _pick(scores[scores["makeup"]], policy.counting).set_index(keys)
        failed = regular.index[regular["score"] < policy.pass_mark]
        retaken = makeup.index.intersection(failed)
        if policy.makeup_counting is MakeupCounting.HIGHER:
            higher = makeup.loc[retaken, "score"] > regular.loc[retaken, "score"]
            retaken = retaken[higher.to_numpy(dtype=bool)]
        replace = makeup.index.difference(regular.index).union(retaken)
        counted = pd.concat([regular.drop(index=replace, errors="ignore"), makeup.loc[replace]])
    else:
        scores = scores[~scores["makeup"]]
    counts = scores.groupby(keys).size().rename("attempts")
    counted = counted.join(counts).reset_index()[RESULT_COLUMNS]
    if not weighed:  # _pick's rows are in key order already, one per key
        return counted.reset_index(drop=True)
    return counted.sort_values(keys).reset_index(drop=True)


def best_per_cadre(results: pd.DataFrame) -> pd.DataFrame:
    """Across the sessions in scope, each cadre's best counted result (attempts summed)."""
    if results.empty:
        return pd.DataFrame(columns=[*RESULT_COLUMNS, "sessions"]).set_index("cadre_id")
    ordered = results.sort_values(["cadre_id", "score"], ascending=[True, False])
    best = ordered.drop_duplicates("cadre_id").set_index("cadre_id")
    best["attempts"] = results.groupby("cadre_id")["attempts"].sum()
    best["sessions"] = results.groupby("cadre_id")["session_id"].nunique()
    return best


def session_year(session: Mapping[Any, Any]) -> int | None:
    """The year a session belongs to: its rules' ``year``, else the year it opens (local time)."""
    rules = session.get("rules")
    if isinstance(rules, Mapping) and isinstance(rules.get("year"), int):
        return int(rules["year"])
    opens = session.get("opens_at")
    if opens is not None and not pd.isna(opens):
        return int(pd.Timestamp(opens).year)
    return None


def in_year(data: ReportData, year: int) -> ReportData:
    """The data of one appraisal year: its attempts, and its exam sessions as the scope of 应考."""
    keep = (
        attempt_years(data, data.attempts) == year
        if not data.attempts.empty
        else pd.Series([], dtype=bool)
    )
    sessions = data.exam_sessions_in_scope()
    of_year = [
        str(row["session_id"])
        for _, row in sessions.iterrows()
        if session_year(row.to_dict()) == year
    ]
    return replace(data.restrict(keep), scope_sessions=tuple(of_year))


def attempt_years(data: ReportData, attempts: pd.DataFrame) -> pd.Series:
    """Each attempt's year: its session's year when it has one, else the year it started."""
    years = {
        str(row["session_id"]): session_year(row.to_dict()) for _, row in data.sessions.iterrows()
    }
    by_session = attempts["session_id"].map(lambda value: years.get(str(value)))
    return by_session.fillna(attempts["started_at"].dt.year).astype(int)


__all__ = [
    "RESULT_COLUMNS",
    "attempt_scores",
    "attempt_years",
    "best_per_cadre",
    "counted_results",
    "exam_attempts",
    "in_year",
    "paper_points",
    "session_year",
]
