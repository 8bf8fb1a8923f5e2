"""错题本: the questions a cadre got wrong in sessions and in lesson quizzes, to practise them again.

A question enters the book when the answer that counted in a session attempt or in a lesson's attempt
(the latest row of that attempt; a lesson quiz, its 错题重练, the self-test) was wrong: a cadre expects
the mistakes of their lessons there too, labelled by lesson (``lessons``: lesson ids, in course order)
as session mistakes are by code (``sessions``). Answers outside both — the 错题本's own practice, 今日复习
— do not add mistakes. A question counts as 已掌握 once the cadre's latest answer to it anywhere is right
and came after the last wrong one, for example in the 错题本 practice. Practice answers are stored as
ordinary practice attempts outside any session, so they never change an exam score.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from quizkit.bank.loader import Bank
from quizkit.learner.backend import MistakeSource, SessionDirectory
from quizkit.learner.catalogue import BankCatalogue, QuestionCatalogue
from quizkit.question_types import TYPE_NAMES

MISTAKE_COLUMNS = [
    "question_id",
    "wrong_times",
    "last_wrong_at",
    "sessions",
    "lessons",
    "mastered",
]


def catalogue_of(bank: Bank | QuestionCatalogue | None) -> QuestionCatalogue | None:
    """The kernel's bank, or what stands for it on a hub (the grading service), as a catalogue."""
    return BankCatalogue(bank) if isinstance(bank, Bank) else bank


def mistake_book(
    store: MistakeSource, cadre_id: str, *, bank: Bank | QuestionCatalogue | None = None
) -> pd.DataFrame:
    """One row per question answered wrong in a session or a lesson (``MISTAKE_COLUMNS``; with a
    bank — or the grading service's catalogue — also law, type and stem), most recent mistake
    first."""
    rows = store.cadre_answers_frame(cadre_id)
    graded = rows["session_id"].notna() | rows["lesson"].notna()
    counted = rows[rows["counts"].astype(bool) & graded]
    wrong = counted[~counted["correct"].astype(bool)]
    if wrong.empty:
        return pd.DataFrame(columns=MISTAKE_COLUMNS)
    codes = _session_codes(store, [str(i) for i in wrong["session_id"].dropna().unique()])
    book = wrong.groupby("question_id").agg(
        wrong_times=("attempt_id", "size"),
        last_wrong_at=("answered_at", "max"),
        sessions=("session_id", lambda ids: sorted({codes.get(i, i) for i in ids.dropna()})),
        lessons=("lesson", lambda ids: sorted({str(i) for i in ids.dropna()})),
    )
    last = rows.sort_values("answer_id", kind="stable").drop_duplicates("question_id", keep="last")
    last = last.set_index("question_id")
    after = last.loc[book.index, "answered_at"] > book["last_wrong_at"]
    book["mastered"] = last.loc[book.index, "correct"].astype(bool) & after
    book = book.reset_index().sort_values("last_wrong_at", ascending=False)
    catalogue = catalogue_of(bank)
    if catalogue is not None:
        stems = catalogue.question_stems([str(q) for q in book["question_id"]])
        entries = book["question_id"].map(stems.get)
        book["law"] = entries.map(lambda e: e["law"] if e else "")
        book["type"] = entries.map(lambda e: TYPE_NAMES.get(e["type"], "") if e else "")
        book["stem"] = entries.map(lambda e: e["stem"] if e else "")
    return book.reset_index(drop=True)


def _session_codes(store: SessionDirectory, session_ids: Iterable[str]) -> dict[str, str]:
    rows = (store.get_session_row(session_id) for session_id in session_ids)
    return {row.id: row.code for row in rows if row is not None}


def due_questions(book: pd.DataFrame, bank: Bank | QuestionCatalogue | None = None) -> list[str]:
    """The ids still to practise (not mastered, and still in the bank when one is given)."""
    ids = [str(q) for q in book.loc[~book["mastered"].astype(bool), "question_id"]]
    catalogue = catalogue_of(bank)
    if catalogue is None or not ids:
        return ids
    known = catalogue.question_stems(ids)
    return [q for q in ids if q in known]


__all__ = ["MISTAKE_COLUMNS", "due_questions", "mistake_book"]
