"""The trainer's live figures, item analysis from the store, and the 错题本."""

from __future__ import annotations

from datetime import timedelta

import pytest

from quizkit.bank import Bank
from quizkit.records import AnswerRecord, utc_now
from quizkit.sessions import ExamSitting, analyse_session, due_questions, live_data, mistake_book
from quizkit.store import Store
from tests.sessions.conftest import FakeClock
from tests.sessions.factories import add_cadres
from tests.sessions.helpers import exam, right, wrong


def test_live_data_follows_the_room(any_store: Store, bank: Bank, clock: FakeClock) -> None:
    add_cadres(any_store, 3)
    session = exam(any_store, bank, duration_minutes=30)
    empty = live_data(any_store, session, clock())
    assert empty.board.empty and empty.overview.joined == 0 and empty.overview.mean_percent is None
    one = ExamSitting.join(any_store, bank, session, "c001", clock=clock)
    two = ExamSitting.join(any_store, bank, session, "c002", clock=clock)
    one.save("xk-single-01", right(one, "xk-single-01"))
    one.save("xk-judge-01", wrong(one, "xk-judge-01"))
    two.save("xk-single-01", wrong(two, "xk-single-01"))
    one.submit()
    live = live_data(any_store, session, clock())
    board = live.board.set_index("cadre_id")
    assert (live.overview.joined, live.overview.working, live.overview.finished) == (2, 1, 1)
    assert board.loc["c001", ["状态", "已答", "题数", "得分", "百分制"]].tolist() == [
        "已交卷",
        2,
        4,
        2.0,
        25.0,
    ]
    assert board.loc["c002", "状态"] == "作答中" and board.loc["c002", "剩余分钟"] == pytest.approx(
        30, abs=0.2
    )
    rates = live.rates.set_index("question_id")
    assert rates.loc["xk-single-01", ["作答人数", "答对人数", "正确率"]].tolist() == [2, 1, 50.0]
    assert rates.loc["xk-judge-01", "正确率"] == 0.0
    later = live_data(any_store, session, clock() + timedelta(minutes=31)).board.set_index(
        "cadre_id"
    )
    assert later.loc["c002", "状态"] == "到时交卷"


def test_analysis_from_the_store_uses_first_attempts_by_default(
    sqlite_store: Store, bank: Bank, clock: FakeClock
) -> None:
    add_cadres(sqlite_store, 4)
    session = exam(sqlite_store, bank, attempts_allowed=2)
    for index in range(1, 5):
        sitting = ExamSitting.join(sqlite_store, bank, session, f"c{index:03d}", clock=clock)
        for pq in sitting.questions[:index]:  # cadre n answers the first n questions right
            sitting.save(pq.item.question_id, right(sitting, pq.item.question_id))
        sitting.submit()
    retake = ExamSitting.join(sqlite_store, bank, session, "c001", clock=clock)
    for pq in retake.questions:
        retake.save(pq.item.question_id, right(retake, pq.item.question_id))
    retake.submit()
    first = analyse_session(sqlite_store, session).items.set_index("question_id")
    assert first.loc["xk-single-01", "facility"] == 1.0  # everyone's first attempt had it right
    assert first.loc["cf-single-01", "facility"] == 0.25
    assert first.loc["cf-single-01", "n"] == 4
    every = analyse_session(sqlite_store, session, which="all").items.set_index("question_id")
    assert every.loc["cf-single-01", ["n", "facility"]].tolist() == [5, 0.4]
    last = analyse_session(sqlite_store, session, which="last")
    assert (
        last.test.attempts == 4
        and last.items.set_index("question_id").loc["cf-single-01", "facility"] == 0.5
    )


def test_the_mistake_book_lists_wrong_answers_until_practised_right(
    sqlite_store: Store, bank: Bank, clock: FakeClock
) -> None:
    add_cadres(sqlite_store, 1)
    session = exam(sqlite_store, bank)
    sitting = ExamSitting.join(sqlite_store, bank, session, "c001", clock=clock)
    sitting.save("xk-single-01", wrong(sitting, "xk-single-01"))
    sitting.save("xk-judge-01", wrong(sitting, "xk-judge-01"))
    sitting.save(
        "xk-judge-01", right(sitting, "xk-judge-01")
    )  # corrected before 交卷: not a mistake
    sitting.save("cf-single-01", wrong(sitting, "cf-single-01"))
    sitting.submit()
    book = mistake_book(sqlite_store, "c001", bank=bank)
    assert sorted(book["question_id"]) == ["cf-single-01", "xk-single-01"]
    assert book["sessions"].tolist() == [["K7Q2"], ["K7Q2"]]
    assert not book["mastered"].any() and set(book["law"]) == {
        "administrative-licensing",
        "administrative-penalty",
    }
    # practise one of them right, outside any session (as the 错题本 quiz does)
    practice = sqlite_store.start_attempt("c001", quiz_id="mistakes", kind="practice")
    question = bank.question("xk-single-01")
    sqlite_store.record_answer(
        AnswerRecord(
            "p1",
            practice.id,
            question.id,
            question.content_hash(),
            "C",
            2.0,
            2.0,
            True,
            answered_at=utc_now() + timedelta(seconds=1),
        )
    )
    book = mistake_book(sqlite_store, "c001", bank=bank).set_index("question_id")
    assert bool(book.loc["xk-single-01", "mastered"]) and not bool(
        book.loc["cf-single-01", "mastered"]
    )
    assert due_questions(book.reset_index(), bank) == ["cf-single-01"]
    assert sitting.score().earned == 2.0  # practice never changes the exam's score (the judge only)


def test_an_empty_mistake_book(sqlite_store: Store) -> None:
    add_cadres(sqlite_store, 1)
    book = mistake_book(sqlite_store, "c001")
    assert book.empty and due_questions(book) == []


def said(
    store: Store, attempt_id: str, question_id: str, correct: bool, seconds: int, bank: Bank
) -> None:
    """Store one answer ``seconds`` from now, right or wrong (the response is not graded here)."""
    question = bank.question(question_id)
    store.record_answer(
        AnswerRecord(
            f"{attempt_id}-{question_id}-{seconds}",
            attempt_id,
            question_id,
            question.content_hash(),
            "A",
            2.0 if correct else 0.0,
            2.0,
            correct,
            answered_at=utc_now() + timedelta(seconds=seconds),
        )
    )


def test_lesson_mistakes_are_in_the_book_labelled_by_lesson(
    any_store: Store, bank: Bank, clock: FakeClock
) -> None:
    add_cadres(any_store, 1)
    lesson = any_store.start_attempt("c001", quiz_id="xk-basics", lesson="01-licensing")
    said(any_store, lesson.id, "xk-single-01", False, 1, bank)
    said(any_store, lesson.id, "xk-judge-01", False, 2, bank)
    said(any_store, lesson.id, "cf-single-01", True, 3, bank)
    self_test = any_store.start_attempt("c001", quiz_id="self", lesson="11-self-test")
    said(any_store, self_test.id, "xk-judge-01", False, 4, bank)
    outside = any_store.start_attempt("c001", quiz_id="今日复习", kind="retry")  # no lesson
    said(any_store, outside.id, "xk-multiple-01", False, 5, bank)

    book = mistake_book(any_store, "c001", bank=bank).set_index("question_id")
    assert sorted(book.index) == ["xk-judge-01", "xk-single-01"]  # not the review's, not the right
    assert book.loc["xk-judge-01", "lessons"] == ["01-licensing", "11-self-test"]
    assert book.loc["xk-judge-01", "wrong_times"] == 2
    assert book.loc["xk-single-01", "lessons"] == ["01-licensing"]
    assert book.loc["xk-single-01", "sessions"] == []
    assert book.index[0] == "xk-judge-01"  # the latest mistake first

    # the lesson's own 错题重练 puts one right: 已掌握; an exam mistake joins the same row
    retry = any_store.start_attempt(
        "c001", quiz_id="xk-basics", lesson="01-licensing", kind="retry"
    )
    said(any_store, retry.id, "xk-single-01", True, 6, bank)
    sitting = ExamSitting.join(any_store, bank, exam(any_store, bank), "c001", clock=clock)
    sitting.save("xk-judge-01", wrong(sitting, "xk-judge-01"))
    sitting.submit()
    book = mistake_book(any_store, "c001", bank=bank).set_index("question_id")
    assert bool(book.loc["xk-single-01", "mastered"])
    assert book.loc["xk-judge-01", "sessions"] == ["K7Q2"]
    assert book.loc["xk-judge-01", "lessons"] == ["01-licensing", "11-self-test"]
    assert book.loc["xk-judge-01", "wrong_times"] == 3
    assert due_questions(book.reset_index(), bank) == ["xk-judge-01"]
