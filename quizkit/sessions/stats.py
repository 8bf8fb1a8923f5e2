"""Item analysis of one session: which attempts feed it, the tables, the flagged questions.

First attempts by default (later attempts break item-analysis assumptions: the cadre has seen the
questions); the session's ``analysis_attempts`` rule or the caller may choose ``last`` or ``all``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from quizkit.bank.loader import Bank
from quizkit.sessions.analysis import (
    FLAG_NAMES,
    PaperStatistics,
    Thresholds,
    item_statistics,
    paper_statistics,
)
from quizkit.sessions.blueprint import TYPE_NAMES
from quizkit.sessions.frames import SessionData, load_session_data, select_attempts
from quizkit.sessions.manage import Session
from quizkit.store import Store

WHICH = ("first", "last", "all")
WHICH_NAMES = {"first": "每人第一次作答", "last": "每人最后一次作答", "all": "全部已交答卷"}


@dataclass(frozen=True)
class SessionAnalysis:
    session: Session
    which: str
    items: pd.DataFrame  # analysis.ITEM_COLUMNS, plus law, type, stem when a bank is given
    test: PaperStatistics

    @property
    def flagged(self) -> pd.DataFrame:
        return self.items[self.items["flags"].map(bool)]

    def flag_text(self, flags: Iterable[str]) -> str:
        return "、".join(FLAG_NAMES[flag] for flag in flags)


@dataclass(frozen=True)
class _Matrices:
    by_item: pd.DataFrame  # attempts × questions (NaN: not on that paper)
    by_slot: pd.DataFrame  # attempts × slots
    totals: pd.Series  # X per attempt
    max_marks: pd.Series  # per question
    max_total: float


def _matrices(data: SessionData, which: str) -> _Matrices:
    chosen = select_attempts(data.attempts, which)["attempt_id"]
    marks = data.marks[data.marks["attempt_id"].isin(chosen)]
    paper_totals = marks.groupby("attempt_id")["max_mark"].sum()
    return _Matrices(
        by_item=marks.pivot_table(
            index="attempt_id", columns="question_id", values="mark", aggfunc="sum"
        ),
        by_slot=marks.pivot_table(index="attempt_id", columns="slot", values="mark", aggfunc="sum"),
        totals=marks.groupby("attempt_id")["mark"].sum(),
        max_marks=marks.groupby("question_id")["max_mark"].max(),
        max_total=float(paper_totals.max()) if len(paper_totals) else 0.0,
    )


def _describe(items: pd.DataFrame, bank: Bank) -> pd.DataFrame:
    def field(question_id: str, name: str) -> str:
        entry = bank.entries.get(question_id)
        if entry is None:
            return ""
        if name == "law":
            return entry.law
        if name == "type":
            return TYPE_NAMES[entry.question.type]
        return entry.question.stem[:40]

    extra = {
        name: items["question_id"].map(lambda q, n=name: field(q, n))
        for name in ("law", "type", "stem")
    }
    return items.assign(**extra)


def analyse_session(
    store: Store,
    session: Session,
    *,
    which: str | None = None,
    bank: Bank | None = None,
    limits: Thresholds | None = None,
) -> SessionAnalysis:
    """Item and test statistics of the session's finished attempts."""
    chosen = which or session.rules.analysis_attempts
    data = load_session_data(store, session)
    found = _matrices(data, chosen)
    items = item_statistics(found.by_item, found.max_marks, found.totals, limits)
    items = items.sort_values("question_id").reset_index(drop=True)
    if bank is not None:
        items = _describe(items, bank)
    return SessionAnalysis(session, chosen, items, paper_statistics(found.by_slot, found.max_total))


__all__ = ["WHICH", "WHICH_NAMES", "SessionAnalysis", "analyse_session"]
