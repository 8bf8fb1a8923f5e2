"""The inputs of every report: the store's tables as DataFrames, read once in one place.

Reports are pure functions of a :class:`ReportData`; tests and trainers' notebooks build one from a store
(:func:`load_report_data`) or by hand (:func:`make_report_data`). From a store, exam results are the
scores kept on attempts (``percent``), only study answers are read, and per-law / per-tag accuracy is
added up in the database (``ReportData.aggregates``); by hand, every figure comes from ``answers``. Column names are the store's
(``cadre_id``, ``attempt_id``…). Attempt and session times become naive local times, so a "year" is the
calendar year where the office is.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any, Protocol

import pandas as pd

from quizkit.records import STUDY_KINDS, utc_now

EXAM_KINDS = ("exam", "makeup")
PRACTICE_KINDS = ("practice",)
ATTEMPT_EXTRA_COLUMNS = ["paper", "percent"]  # a paper (dict) and a stored score, when known

# units, attempts and answers have the columns of the store's report frames (quizkit.store.frames /
# quizkit.store.reporting, imported in make_report_data so that importing reports loads no SQLAlchemy)
CADRE_COLUMNS = [
    "cadre_id",
    "name",
    "unit",
    "position",
    "exempt",
    "exempt_reason",
    "active",
    "track",
]
JOINED_COLUMNS = ["cadre_id", "kind"]
SESSION_COLUMNS = ["session_id", "code", "title", "kind", "rules", "opens_at", "closes_at"]


class TopicSource(Protocol):
    """Adds up accuracy per topic in the database (``quizkit.store.Store.topic_figures``)."""

    def topic_figures(
        self, attempts_: Sequence[tuple[str, str]], topics: Sequence[tuple[str, str, str]]
    ) -> pd.DataFrame: ...


class ReportSource(Protocol):
    """What reports read from the store (``quizkit.store.Store`` satisfies it)."""

    def cadres_frame(self, *, units: Sequence[str] | None = None) -> pd.DataFrame: ...
    def units_frame(self) -> pd.DataFrame: ...
    def report_attempts_frame(
        self, *, session_id: str | None = None, cadre_ids: Sequence[str] | None = None
    ) -> pd.DataFrame: ...
    def report_answers_frame(
        self,
        *,
        session_id: str | None = None,
        kinds: Sequence[str] | None = None,
        cadre_ids: Sequence[str] | None = None,
    ) -> pd.DataFrame: ...
    def topic_figures(
        self, attempts_: Sequence[tuple[str, str]], topics: Sequence[tuple[str, str, str]]
    ) -> pd.DataFrame: ...
    def sessions_frame(self) -> pd.DataFrame: ...
    def certificates_frame(self, *, session_id: str | None = None) -> pd.DataFrame: ...
    def expire_overdue_attempts(self, now: datetime, *, session_id: str | None = None) -> int: ...


def _empty(columns: list[str]) -> pd.DataFrame:
    return pd.DataFrame({column: pd.Series(dtype="object") for column in columns})


@dataclass(frozen=True)
class ReportData:
    """Roster, units, sessions, attempts and answers.

    ``answers`` holds the answer that counts per (attempt, question) — the latest row, as
    ``quizkit.counting`` defines it; the store's frames hold only those — with the attempt's
    ``cadre_id`` and ``kind`` attached. ``scope_sessions``: the exam
    sessions the figures cover (their ``units``/``cadres`` rules say who is due to sit: 应考); None
    means every exam session in ``sessions``. ``attempts`` may carry ``percent``, the score stored
    when the attempt closed; ``aggregates``: where per-topic figures are added up when ``answers``
    holds no exam answers (data read from a store; see ``quizkit.reports.topics``).
    """

    cadres: pd.DataFrame
    units: pd.DataFrame
    attempts: pd.DataFrame
    answers: pd.DataFrame
    sessions: pd.DataFrame = field(default_factory=lambda: _empty(SESSION_COLUMNS))
    scope_sessions: tuple[str, ...] | None = None
    aggregates: TopicSource | None = None

    def session(self, session_id: str) -> dict[str, Any] | None:
        rows = self.sessions[self.sessions["session_id"] == session_id]
        return None if rows.empty else dict(rows.iloc[0])

    def restrict(self, keep: pd.Series) -> ReportData:
        """The same data with only the attempts where ``keep`` is true (and their answers)."""
        attempts = self.attempts[keep.to_numpy(dtype=bool)]
        answers = self.answers[self.answers["attempt_id"].isin(attempts["attempt_id"])]
        return replace(self, attempts=attempts, answers=answers)

    def exam_sessions_in_scope(self) -> pd.DataFrame:
        """The exam sessions (rows of ``sessions``) whose admission rules define 应考."""
        exams = self.sessions[self.sessions["kind"].isin(EXAM_KINDS)]
        if self.scope_sessions is None:
            return exams
        return exams[exams["session_id"].isin(self.scope_sessions)]

    def unit_parents(self) -> dict[str, str | None]:
        return {
            str(unit): (None if pd.isna(parent) else str(parent))
            for unit, parent in zip(self.units["unit"], self.units["parent"], strict=True)
        }


def local_times(values: pd.Series) -> pd.Series:
    """Aware (or naive UTC) times as naive times of the machine's time zone."""
    times = pd.to_datetime(values, utc=True)
    zone = datetime.now().astimezone().tzinfo
    return times.dt.tz_convert(zone).dt.tz_localize(None)


def _coded_answers(answers: pd.DataFrame, attempts: pd.DataFrame) -> pd.DataFrame:
    """The answers that count, with categorical ids (one hashing pass; later group-bys work on integer
    codes) and the attempt's cadre and kind taken by position; answers of unknown attempts are dropped."""
    attempt_ids = pd.Index(attempts["attempt_id"].astype(object)).unique()
    codes = attempt_ids.get_indexer(answers["attempt_id"].astype(object))
    keep = codes >= 0
    answers = answers[keep]
    codes = codes[keep]
    answers = answers.assign(
        attempt_id=pd.Categorical.from_codes(codes, categories=attempt_ids),
        question_id=pd.Categorical(answers["question_id"].astype(object)),
    )
    answers = answers.astype({"score": "float64", "points": "float64", "correct": "bool"})
    first = attempts.drop_duplicates("attempt_id").set_index("attempt_id")
    positions = answers["attempt_id"].cat.codes.to_numpy()
    for column in JOINED_COLUMNS:
        values = first[column].reindex(attempt_ids)
        answers[column] = pd.Categorical(values.to_numpy(dtype=object)[positions])
    return answers


def _with_columns(frame: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    frame = frame.copy()
    for column in columns:
        if column not in frame.columns:
            frame[column] = pd.Series(dtype="object", index=frame.index)
    return frame


def make_report_data(
    cadres: pd.DataFrame,
    units: pd.DataFrame,
    attempts: pd.DataFrame,
    answers: pd.DataFrame,
    sessions: pd.DataFrame | None = None,
) -> ReportData:
    """A ReportData with the columns reports use and local times; extra columns are kept."""
    from quizkit.store.frames import UNIT_COLUMNS
    from quizkit.store.reporting import REPORT_ANSWER_COLUMNS, REPORT_ATTEMPT_COLUMNS

    cadres = _with_columns(cadres, CADRE_COLUMNS)
    cadres["exempt"] = cadres["exempt"].fillna(False).astype(bool)
    cadres["active"] = cadres["active"].fillna(True).astype(bool)
    for column in ("position", "exempt_reason"):
        cadres[column] = cadres[column].fillna("").astype(str)
    attempts = _with_columns(attempts, [*REPORT_ATTEMPT_COLUMNS, *ATTEMPT_EXTRA_COLUMNS])
    attempts["started_at"] = local_times(attempts["started_at"])
    attempts["percent"] = pd.to_numeric(attempts["percent"]).astype("float64")
    answers = _with_columns(answers, REPORT_ANSWER_COLUMNS)[REPORT_ANSWER_COLUMNS]
    answers = _coded_answers(answers, attempts)
    sessions = _with_columns(sessions if sessions is not None else _empty([]), SESSION_COLUMNS)
    for column in ("opens_at", "closes_at"):
        sessions[column] = local_times(sessions[column])
    return ReportData(cadres, _with_columns(units, UNIT_COLUMNS), attempts, answers, sessions)


def unit_and_below(unit: str, units: pd.DataFrame) -> list[str]:
    """``unit`` and every unit under it (镇 → 站所/村), from a units frame (unit, parent)."""
    children: dict[str, list[str]] = {}
    for name, parent in zip(units["unit"], units["parent"], strict=True):
        if not pd.isna(parent):
            children.setdefault(str(parent), []).append(str(name))
    found, todo = [unit], [unit]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.append(child)
                todo.append(child)
    return found


def _overdue(attempts: pd.DataFrame, now: datetime, session_id: str | None) -> bool:
    """Whether any attempt read is open past its deadline (and one that ``expire_overdue_attempts``
    for ``session_id`` closes): only then is the store asked to close them, which on a county's
    session is a walk over its 20,000 attempts even when nothing is overdue."""
    if attempts.empty:
        return False
    # a naive ``now`` is local time, as the store reads it
    moment = pd.Timestamp(now.astimezone(UTC))
    deadlines = pd.to_datetime(attempts["deadline_at"], utc=True)
    late = (attempts["status"] == "open") & (deadlines <= moment)
    if session_id is not None:
        late &= attempts["session_id"] == session_id
    return bool(late.fillna(False).any())


def load_report_data(
    store: ReportSource,
    *,
    session_id: str | None = None,
    now: datetime | None = None,
    unit: str | None = None,
) -> ReportData:
    """Read what reports need; ``session_id`` keeps that session's exam and all practice attempts
    (lessons and 学时 count whenever they were studied). Attempts of a store left open past their
    deadline at ``now`` (default: the store's clock) are closed first with what was saved, so reports,
    item analysis and the live view agree. Exam results are the scores stored on the attempts; only
    study answers are read (practice accuracy, lessons); per-topic figures are added up by the store.
    ``unit``: only the cadres of that unit and its sub-units are read (one unit's report). The store
    is asked to close overdue attempts only when the attempts read hold one."""
    now = now or utc_now()
    units = store.units_frame()
    if unit is None:
        cadres, ids = store.cadres_frame(), None
    else:
        cadres = store.cadres_frame(units=unit_and_below(unit, units))
        ids = [str(cadre) for cadre in cadres["cadre_id"]]
    attempts = store.report_attempts_frame(session_id=session_id, cadre_ids=ids)
    if _overdue(attempts, now, session_id):  # rare: close them, then read them as closed
        store.expire_overdue_attempts(now, session_id=session_id)
        attempts = store.report_attempts_frame(session_id=session_id, cadre_ids=ids)
    data = make_report_data(
        cadres,
        units,
        attempts,
        store.report_answers_frame(session_id=session_id, kinds=STUDY_KINDS, cadre_ids=ids),
        store.sessions_frame(),
    )
    data = replace(data, aggregates=store)
    return data if session_id is None else replace(data, scope_sessions=(session_id,))


__all__ = [
    "EXAM_KINDS",
    "PRACTICE_KINDS",
    "ReportData",
    "ReportSource",
    "TopicSource",
    "load_report_data",
    "local_times",
    "make_report_data",
    "unit_and_below",
]
