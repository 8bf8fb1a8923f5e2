"""The store's lean report frames and make_report_data on the known store (SQLite and PostgreSQL)."""

from __future__ import annotations

from quizkit.reports import load_report_data
from tests.reports.conftest import Known


def test_session_filter_and_latest_answers(known: Known) -> None:
    session = known.sessions["2026-exam"]
    attempts = known.store.report_attempts_frame(session_id=session)
    assert set(attempts["session_id"].dropna()) == {session}
    exact = known.store.report_answers_frame(session_id=session, exact=True)
    assert set(exact["attempt_id"]) <= set(attempts["attempt_id"])
    loose = known.store.report_answers_frame(session_id=session)
    assert set(loose["answer_id"]) >= set(exact["answer_id"])
    assert list(loose["answer_id"]) == sorted(loose["answer_id"])
    # c06's corrected answer: two stored rows, one counts (the later, full marks)
    c06 = attempts.loc[attempts["cadre_id"] == "c06", "attempt_id"].item()
    cf1 = exact[(exact["attempt_id"] == c06) & (exact["question_id"] == "cf-1")]
    assert len(cf1) == 1 and cf1.iloc[0]["score"] == 10.0
    every = known.store.answers_frame()  # the whole log: c06's earlier cf-1 row too
    every = every[every["attempt_id"].isin(attempts["attempt_id"])]
    assert (
        len(every[every["question_id"] == "cf-1"]) == len(exact[exact["question_id"] == "cf-1"]) + 1
    )


def test_report_data_reads_stored_scores_and_study_answers_only(known: Known) -> None:
    data = known.data()
    assert set(data.answers["attempt_id"].astype(str)) <= set(data.attempts["attempt_id"])
    assert set(data.answers["kind"].astype(str)) == {"practice", "retry"}
    # c02's practice answer to xk-1 was corrected from wrong to right: the right one counts
    c02 = data.answers[
        (data.answers["cadre_id"] == "c02") & (data.answers["question_id"] == "xk-1")
    ]
    assert c02["correct"].tolist() == [True]
    c06 = data.attempts[data.attempts["cadre_id"] == "c06"]
    assert c06["percent"].tolist() == [60.0]  # stored when handed in
    open_ = data.attempts[data.attempts["status"] == "open"]
    assert open_["percent"].isna().all() and len(open_) == 1  # c04 is still writing
    assert data.aggregates is known.store


class _Counting:
    """The store, counting the calls that would close overdue attempts."""

    def __init__(self, store: object) -> None:
        self.store, self.expiries = store, 0

    def expire_overdue_attempts(self, *args: object, **kwargs: object) -> int:
        self.expiries += 1
        return int(self.store.expire_overdue_attempts(*args, **kwargs))  # type: ignore[attr-defined]

    def __getattr__(self, name: str) -> object:
        return getattr(self.store, name)


def test_overdue_attempts_are_closed_only_when_some_are_read(known: Known) -> None:
    """Nothing overdue in the attempts read: the store is not asked to close any (a walk over a
    county session's attempts); the data are those read. (Closing an overdue attempt before the
    report reads it: tests/sessions/test_frames.py.)"""
    store = _Counting(known.store)
    session = known.sessions["2026-exam"]
    data = load_report_data(store, session_id=session)  # type: ignore[arg-type]
    assert store.expiries == 0
    assert data.attempts["attempt_id"].tolist() == known.data().attempts["attempt_id"].tolist()
