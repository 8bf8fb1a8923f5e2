"""The store's lean report frames and make_report_data on the known store (SQLite and PostgreSQL)."""

from __future__ import annotations

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
    data = known.data()
    assert set(data.answers["attempt_id"].astype(str)) <= set(attempts["attempt_id"])
    # c06's corrected answer: two stored rows, one kept (the later, full marks)
    c06 = data.answers[
        (data.answers["cadre_id"] == "c06") & (data.answers["question_id"] == "cf-1")
    ]
    assert len(c06) == 1 and c06.iloc[0]["score"] == 10.0
    assert len(exact[exact["question_id"] == "cf-1"]) == len(
        data.answers[data.answers["question_id"] == "cf-1"]
    )
    every = known.store.answers_frame()  # the whole log: c06's earlier cf-1 row too
    every = every[every["attempt_id"].isin(attempts["attempt_id"])]
    assert (
        len(every[every["question_id"] == "cf-1"]) == len(exact[exact["question_id"] == "cf-1"]) + 1
    )
    assert set(data.answers["kind"].astype(str)) == {"exam", "practice", "retry"}
