"""Item analysis of one session: which attempts feed it, the tables, the flagged questions.

First attempts by default (later attempts break item-analysis assumptions: the cadre has seen the
questions); the session's ``analysis_attempts`` rule or the caller may choose ``last`` or ``all``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

import numpy as np
import pandas as pd

from quizkit.bank.loader import Bank
from quizkit.learner.backend import SessionReadings
from quizkit.question_types import TYPE_NAMES
from quizkit.records import FINISHED_STATUSES, utc_now
from quizkit.sessions.analysis import (
    FLAG_NAMES,
    ItemCells,
    PaperStatistics,
    Thresholds,
    cell_statistics,
    paper_statistics,
)
from quizkit.sessions.frames import select_attempts
from quizkit.sessions.manage import Session
from quizkit.settings import Settings

WHICH = ("first", "last", "all")
WHICH_NAMES = {"first": "每人第一次作答", "last": "每人最后一次作答", "all": "全部已交答卷"}


@dataclass(frozen=True)
class SessionAnalysis:
    session: Session
    which: str
    items: pd.DataFrame  # analysis.ITEM_COLUMNS, plus law, type, stem when a bank is given
    test: PaperStatistics
    shortage: str | None = None  # why no question has a discrimination figure (None: some have)

    @property
    def flagged(self) -> pd.DataFrame:
        return self.items[self.items["flags"].map(bool).astype(bool)]

    def flag_text(self, flags: Iterable[str]) -> str:
        return "、".join(FLAG_NAMES[flag] for flag in flags)


@dataclass(frozen=True)
class _Matrices:
    cells: ItemCells  # each (attempt, question) held, question by question
    by_slot: pd.DataFrame  # attempts × slots
    max_marks: pd.Series  # per question
    max_total: float


def _codes(values: pd.Series) -> tuple[np.ndarray, pd.Index]:
    """Integer codes of ``values`` and the names they stand for, names sorted (as
    ``factorize(sort=True)`` gives them); a categorical column keeps the codes it was read with."""
    if not isinstance(values.dtype, pd.CategoricalDtype):
        codes, names = pd.factorize(values, sort=True)
        return codes, pd.Index(names, name=values.name)
    values = values.cat.remove_unused_categories()
    names = values.cat.categories.astype(object)
    order = np.argsort(names.to_numpy(), kind="stable")
    rank = np.empty(len(order), dtype=np.int64)
    rank[order] = np.arange(len(order))
    codes = rank[values.cat.codes.to_numpy()]
    return codes, pd.Index(names[order], name=values.name, dtype=object)


def _table(
    rows: tuple[np.ndarray, pd.Index], columns: tuple[np.ndarray, pd.Index], values: pd.Series
) -> pd.DataFrame:
    """rows × columns sums of ``values`` (NaN where there is none), both axes sorted: what
    ``pivot_table(aggfunc="sum")`` gives, from integer codes made once instead of hashing a
    million pairs per table."""
    (row_codes, row_names), (column_codes, column_names) = rows, columns
    shape = (len(column_names), len(row_names))  # one item's marks stored together
    cells = column_codes.astype(np.int64) * shape[1] + row_codes  # flat positions
    size = shape[0] * shape[1]
    # bincount adds in input order, like np.add.at, at a fraction of its cost
    weights = values.to_numpy(dtype=float)
    sums = np.bincount(cells, weights=weights, minlength=size).astype(float, copy=False)
    empty = np.ones(size, dtype=bool)  # a flag per cell, not a second count
    empty[cells] = False
    sums[empty] = np.nan
    sums = sums.reshape(shape)
    return pd.DataFrame(sums.T, index=row_names, columns=column_names, copy=False)


def _by(codes: tuple[np.ndarray, pd.Index], values: pd.Series, how: str) -> pd.Series:
    """Per-name ``sum`` or ``max`` of ``values`` (pandas' grouped sum, compensated like before)."""
    found = values.groupby(codes[0]).agg(how)
    return pd.Series(found.to_numpy(), index=codes[1][found.index.to_numpy()], name=values.name)


def _matrices(attempts: pd.DataFrame, item_marks: pd.DataFrame, which: str) -> _Matrices:
    chosen = select_attempts(attempts, which)["attempt_id"]
    marks = item_marks[item_marks["attempt_id"].isin(chosen)]
    by_attempt, by_question = _codes(marks["attempt_id"]), _codes(marks["question_id"])
    width = max(len(by_attempt[1]), 1)
    order = np.argsort(by_question[0].astype(np.int64) * width + by_attempt[0], kind="stable")
    totals = _by(by_attempt, marks["mark"], "sum").to_numpy(dtype=float)
    paper_totals = _by(by_attempt, marks["max_mark"], "sum")
    cells = ItemCells(
        items=by_question[1],
        item_codes=by_question[0][order],
        marks=marks["mark"].to_numpy(dtype=float)[order],
        worth=marks["max_mark"].to_numpy(dtype=float)[order],
        totals=totals[by_attempt[0][order]],
    )
    return _Matrices(
        cells=cells,
        by_slot=_table(by_attempt, _codes(marks["slot"]), marks["mark"]),
        max_marks=_by(by_question, marks["max_mark"], "max"),
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


SHORTAGE = "数据不足，无法计算区分度："


def thresholds(settings: Settings) -> Thresholds:
    """The flag thresholds the project's settings ask for (``item_flag_min_attempts``)."""
    return Thresholds(min_flag_attempts=settings.item_flag_min_attempts)


def shortage(
    attempts: pd.DataFrame, which: str, items: pd.DataFrame, test: PaperStatistics
) -> str | None:
    """Why the analysis has no discrimination figure, in a trainer's words (None: it has some)."""
    if items["discrimination_index"].notna().any():
        return None
    if test.attempts == 0:
        reason = "还没有已交的答卷"
        done = attempts[attempts["status"].isin(FINISHED_STATUSES)]
        if which != "all" and (done["kind"] == "makeup").any():
            reason += "（补考答卷不计入题目分析；要计入请选“全部已交答卷”，--attempts all）"
    elif test.attempts == 1:
        reason = "只有 1 份答卷，至少需要 2 份"
    else:
        reason = f"{test.attempts} 份答卷的总分全部相同（或每题得分都没有差别）"
    return SHORTAGE + reason


def analyse_session(
    store: SessionReadings,
    session: Session,
    *,
    which: str | None = None,
    bank: Bank | None = None,
    limits: Thresholds | None = None,
    now: datetime | None = None,
) -> SessionAnalysis:
    """Item and test statistics of the session's finished attempts (attempts overdue at ``now``,
    default the store's clock, are closed first with what was saved)."""
    chosen = which or session.rules.analysis_attempts
    store.expire_overdue_attempts(now or utc_now(), session_id=session.id)
    attempts = store.session_attempts_frame(session.id, papers=False)
    found = _matrices(attempts, store.session_item_marks_frame(session.id), chosen)
    items = cell_statistics(found.cells, found.max_marks, limits)
    items = items.sort_values("question_id").reset_index(drop=True)
    if bank is not None:
        items = _describe(items, bank)
    test = paper_statistics(found.by_slot, found.max_total)
    return SessionAnalysis(session, chosen, items, test, shortage(attempts, chosen, items, test))


__all__ = [
    "SHORTAGE",
    "WHICH",
    "WHICH_NAMES",
    "SessionAnalysis",
    "analyse_session",
    "shortage",
    "thresholds",
]
