"""A sitting: autosave of every choice, the stored clock, 交卷, and what the cadre is told."""

from __future__ import annotations

import pytest

from quizkit.bank import Bank
from quizkit.errors import SessionError
from quizkit.sessions import ExamSitting, close_session, extend_session
from quizkit.sessions.sitting import TIME_UP
from quizkit.store import Store
from tests.sessions.conftest import FakeClock
from tests.sessions.factories import add_cadres
from tests.sessions.helpers import exam, right, wrong


def test_every_choice_is_stored_as_it_is_made_and_the_latest_counts(
    any_store: Store, bank: Bank, clock: FakeClock
) -> None:
    add_cadres(any_store, 1)
    session = exam(any_store, bank, duration_minutes=30)
    sitting = ExamSitting.join(any_store, bank, session, "c001", clock=clock)
    assert sitting.save("xk-single-01", wrong(sitting, "xk-single-01"))
    assert sitting.save("xk-single-01", right(sitting, "xk-single-01"))
    assert sitting.save("xk-multiple-01", ("A",))
    assert sitting.save("xk-multiple-01", ("A", "C"))
    rows = any_store.answers_for_attempt(sitting.attempt.id)
    assert [(r.question_id, r.response, r.correct) for r in rows] == [
        ("xk-single-01", "A", False),
        ("xk-single-01", "C", True),
        ("xk-multiple-01", ("A",), False),
        ("xk-multiple-01", ("A", "C"), True),
    ]
    assert sitting.score().earned == 4.0 and sitting.score().answered == 2


def test_a_restarted_kernel_resumes_the_same_attempt_paper_clock_and_answers(
    any_store: Store, bank: Bank, clock: FakeClock
) -> None:
    add_cadres(any_store, 1)
    session = exam(any_store, bank, duration_minutes=30, shuffle_options=True)
    first = ExamSitting.join(any_store, bank, session, "c001", clock=clock)
    first.save("xk-single-01", right(first, "xk-single-01"))
    clock.advance(minutes=10)
    again = ExamSitting.join(any_store, bank, session, "c001", clock=clock)  # a new kernel
    assert again.attempt.id == first.attempt.id
    assert again.paper == first.paper
    assert again.attempt.deadline_at == first.attempt.deadline_at
    assert again.shown_response("xk-single-01") == right(first, "xk-single-01")
    left = again.time_left()
    assert left is not None and 19 * 60 < left.total_seconds() <= 20 * 60


def test_a_submission_after_the_deadline_is_refused_and_closed_with_what_was_saved(
    any_store: Store, bank: Bank, clock: FakeClock
) -> None:
    add_cadres(any_store, 1)
    session = exam(any_store, bank, duration_minutes=30)
    sitting = ExamSitting.join(any_store, bank, session, "c001", clock=clock)
    sitting.save("xk-single-01", right(sitting, "xk-single-01"))
    sitting.save("xk-judge-01", right(sitting, "xk-judge-01"))
    clock.advance(minutes=30, seconds=1)
    with pytest.raises(SessionError, match=TIME_UP):
        sitting.save("cf-single-01", right(sitting, "cf-single-01"))
    with pytest.raises(SessionError):
        sitting.submit()
    attempt = any_store.get_attempt(sitting.attempt.id)
    assert attempt is not None and attempt.status == "expired" and attempt.finished_at is not None
    stored = any_store.answers_for_attempt(sitting.attempt.id)
    assert sorted(r.question_id for r in stored) == ["xk-judge-01", "xk-single-01"]
    result = sitting.result()
    assert (
        result.status == "expired" and result.score.earned == 4.0 and result.score.possible == 8.0
    )


def test_submit_before_the_deadline_closes_the_attempt_and_shows_the_score(
    any_store: Store, bank: Bank, clock: FakeClock
) -> None:
    add_cadres(any_store, 1)
    session = exam(any_store, bank, duration_minutes=30)
    sitting = ExamSitting.join(any_store, bank, session, "c001", clock=clock)
    for pq in sitting.questions:
        sitting.save(pq.item.question_id, right(sitting, pq.item.question_id))
    clock.advance(minutes=29)
    result = sitting.submit()
    assert result.status == "submitted"
    assert (result.score.percent, result.band, result.passed, result.visible) == (
        100.0,
        "优秀",
        True,
        "score",
    )
    assert result.feedback == ()  # review "score": no answers shown
    with pytest.raises(SessionError):
        sitting.save("xk-single-01", "A")


def test_a_trainers_extension_moves_the_stored_deadline(
    any_store: Store, bank: Bank, clock: FakeClock
) -> None:
    add_cadres(any_store, 1)
    session = exam(any_store, bank, duration_minutes=30)
    sitting = ExamSitting.join(any_store, bank, session, "c001", clock=clock)
    _, moved = extend_session(any_store, session, 10)
    assert moved == 1
    clock.advance(minutes=35)
    assert sitting.save("xk-single-01", right(sitting, "xk-single-01"))  # within the extra time
    assert sitting.time_left() is not None and sitting.time_left().total_seconds() == pytest.approx(
        300, abs=2
    )  # type: ignore[union-attr]


def test_closing_the_session_ends_open_attempts(
    any_store: Store, bank: Bank, clock: FakeClock
) -> None:
    add_cadres(any_store, 1)
    session = exam(any_store, bank, duration_minutes=30)
    sitting = ExamSitting.join(any_store, bank, session, "c001", clock=clock)
    sitting.save("xk-single-01", right(sitting, "xk-single-01"))
    close_session(any_store, session)
    with pytest.raises(SessionError, match="已经结束"):
        sitting.save("xk-judge-01", True)
    assert sitting.attempt.status == "expired"
    assert sitting.result().score.earned == 2.0


@pytest.mark.parametrize(
    ("review", "review_from", "visible"),
    [("none", "submit", "none"), ("answers", "submit", "answers"), ("answers", "close", "none")],
)
def test_the_review_policy_decides_what_is_shown(
    sqlite_store: Store, bank: Bank, clock: FakeClock, review: str, review_from: str, visible: str
) -> None:
    add_cadres(sqlite_store, 1)
    session = exam(sqlite_store, bank, review=review, review_from=review_from)
    sitting = ExamSitting.join(sqlite_store, bank, session, "c001", clock=clock)
    sitting.save("xk-single-01", wrong(sitting, "xk-single-01"))
    result = sitting.submit()
    assert result.visible == visible
    assert bool(result.feedback) == (visible == "answers")
    if visible == "answers":
        first = result.feedback[0]
        assert (
            not first.correct and first.explanation and first.citation.startswith("《行政许可法》")
        )
    if review_from == "close":
        close_session(sqlite_store, session)
        assert sitting.result().visible == review


def test_answers_the_store_cannot_take_wait_and_go_in_with_the_next_save(
    sqlite_store: Store, bank: Bank, clock: FakeClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quizkit.errors import StoreError

    add_cadres(sqlite_store, 1)
    session = exam(sqlite_store, bank)
    sitting = ExamSitting.join(sqlite_store, bank, session, "c001", clock=clock)
    real = sqlite_store.record_answer

    def refuse(_answer: object) -> bool:
        raise StoreError("database is locked")

    monkeypatch.setattr(sqlite_store, "record_answer", refuse)
    assert not sitting.save("xk-single-01", right(sitting, "xk-single-01"))
    assert sitting.pending == 1
    with pytest.raises(SessionError):
        sitting.submit()
    monkeypatch.setattr(sqlite_store, "record_answer", real)
    assert sitting.save("xk-judge-01", right(sitting, "xk-judge-01"))
    assert sitting.pending == 0
    assert sitting.submit().score.earned == 4.0


@pytest.mark.parametrize("raw", ["Z", ("A", "Q"), ["A", "C"], True, 7])
def test_an_answer_that_is_not_an_option_is_refused_and_nothing_is_stored(
    sqlite_store: Store, bank: Bank, clock: FakeClock, raw: object
) -> None:
    add_cadres(sqlite_store, 1)
    session = exam(sqlite_store, bank, duration_minutes=30)
    sitting = ExamSitting.join(sqlite_store, bank, session, "c001", clock=clock)
    question = "xk-multiple-01" if isinstance(raw, list | tuple) else "xk-single-01"
    with pytest.raises(SessionError, match="不是本题的选项"):
        sitting.save(question, raw)  # type: ignore[arg-type]
    with pytest.raises(SessionError, match="不是本题的选项"):
        sitting.save("xk-judge-01", "A")
    with pytest.raises(SessionError, match="不在你的试卷上"):
        sitting.save("cf-single-02", "A")
    assert sqlite_store.answers_for_attempt(sitting.attempt.id) == []
