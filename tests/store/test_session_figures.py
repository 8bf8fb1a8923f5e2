"""The live board's figures of ``quizkit.store.session_figures`` on every backend."""

from __future__ import annotations

from quizkit.store import Store
from quizkit.store.session_figures import SESSION_BOARD_COLUMNS, SESSION_RATE_COLUMNS
from tests.store.factories import make_answer, make_cadre

PAPER = {
    "seed": "s",
    "total_points": 6.0,
    "questions": [{"id": f"q{n}", "points": 2.0, "slot": f"q{n}"} for n in (1, 2, 3)],
}


def test_board_frames_sum_the_answers_that_count_per_attempt_and_count_them_per_question(
    store: Store,
) -> None:
    store.upsert_cadres([make_cadre(1), make_cadre(2), make_cadre(3)])
    session = store.create_session_row(code="exam-2026", title="2026年度学法考试", kind="exam")
    other = store.create_session_row(code="exam-other", title="另一场考试", kind="exam")
    first = store.start_attempt("c0001", quiz_id="e1", session_id=session.id, paper=PAPER)
    untotalled = {"questions": [{"id": "q1", "points": 1.5}, {"id": "q2", "points": 2.5}]}
    second = store.start_attempt("c0002", quiz_id="e1", session_id=session.id, paper=untotalled)
    bare = store.start_attempt("c0003", quiz_id="e1", session_id=session.id)  # no paper
    elsewhere = store.start_attempt("c0003", quiz_id="e2", session_id=other.id, paper=PAPER)
    store.record_answer(make_answer(first.id, "q1", correct=False))  # corrected below
    store.record_answer(make_answer(first.id, "q2", response=None, correct=False))
    store.record_answer(make_answer(first.id, "q1", correct=True))
    store.record_answer(make_answer(second.id, "q2", points=2.5, score=1.25, correct=False))
    store.record_answer(make_answer(bare.id, "q9", points=4.0, score=4.0, correct=True))
    store.record_answer(make_answer(elsewhere.id, "q1", correct=True))

    board, rates = store.session_board_frames(session.id)

    assert list(board.columns) == SESSION_BOARD_COLUMNS
    assert list(board["attempt_id"]) == [first.id, second.id, bare.id]  # oldest first
    figures = board[["answered", "items", "earned", "possible"]].to_numpy().tolist()
    assert figures == [[1, 3, 2.0, 6.0], [1, 2, 1.25, 4.0], [1, 0, 4.0, 4.0]]
    assert board["answered"].dtype == "int64" and board["earned"].dtype == "float64"
    assert str(board["started_at"].dt.tz) == "UTC"
    assert list(rates.columns) == SESSION_RATE_COLUMNS
    counted = {row.question_id: (row.answered_by, row.correct_by) for row in rates.itertuples()}
    assert counted == {"q1": (1, 1), "q2": (1, 0), "q9": (1, 1)}  # q2 of c0001: no response

    empty_board, empty_rates = store.session_board_frames("no-such-session")
    assert list(empty_board.columns) == SESSION_BOARD_COLUMNS and empty_board.empty
    assert list(empty_rates.columns) == SESSION_RATE_COLUMNS and empty_rates.empty


def test_paper_figures_are_read_once_per_attempt_and_a_new_attempt_is_added(store: Store) -> None:
    store.upsert_cadres([make_cadre(1), make_cadre(2)])
    session = store.create_session_row(code="exam-2026", title="2026年度学法考试", kind="exam")
    store.start_attempt("c0001", quiz_id="e1", session_id=session.id, paper=PAPER)
    first, _ = store.session_board_frames(session.id)
    assert first["possible"].tolist() == [6.0]
    smaller = {**PAPER, "total_points": 4.0, "questions": PAPER["questions"][:2]}  # type: ignore[index]
    late = store.start_attempt("c0002", quiz_id="e1", session_id=session.id, paper=smaller)
    store.record_answer(make_answer(late.id, "q2", correct=True))
    again, rates = store.session_board_frames(session.id)
    assert again[["items", "earned", "possible"]].to_numpy().tolist() == [
        [3, 0.0, 6.0],
        [2, 2.0, 4.0],
    ]
    assert rates[["question_id", "answered_by", "correct_by"]].to_numpy().tolist() == [["q2", 1, 1]]
