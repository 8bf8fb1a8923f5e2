"""The answer log: committed, idempotent, append-only, read back in order."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from quizkit.errors import StoreError
from quizkit.store import CadreRecord, Store, StoredAnswer, open_store
from tests.store.factories import make_answer

T0 = datetime(2025, 11, 20, 9, 0, tzinfo=UTC)  # + 60 days stays in the past


def test_recorded_answer_is_visible_to_another_connection(
    store: Store, cadre: CadreRecord, db_url: str
) -> None:
    attempt = store.start_attempt(cadre.id, quiz_id="licensing-basics", lesson="01")
    answer = make_answer(attempt.id, response=("A", "C"), time_taken_ms=3100)
    assert store.record_answer(answer) is True

    other = open_store(db_url, create=False)
    try:
        (stored,) = other.answers_for_attempt(attempt.id)
    finally:
        other.close()
    assert isinstance(stored, StoredAnswer)
    assert stored.submission_id == answer.submission_id
    assert stored.response == ("A", "C")
    assert stored.score == 2.0 and stored.points == 2.0 and stored.correct is True
    assert stored.time_taken_ms == 3100
    assert stored.answered_at.tzinfo is not None
    assert abs(stored.answered_at - datetime.now(UTC)) < timedelta(minutes=1)


def test_same_submission_twice_is_stored_once(store: Store, cadre: CadreRecord) -> None:
    attempt = store.start_attempt(cadre.id, quiz_id="q")
    answer = make_answer(attempt.id, submission_id="sub-1")
    assert store.record_answer(answer) is True
    assert store.record_answer(answer) is False
    assert (
        store.record_answer(make_answer(attempt.id, submission_id="sub-1", response="D")) is False
    )
    assert [a.response for a in store.answers_for_attempt(attempt.id)] == ["C"]
    assert store.counts()["answers"] == 1


@pytest.mark.parametrize(
    "response", ["B", ("A", "B", "D"), True, False, None, (), "行政许可", ("五日", "听证")]
)
def test_every_response_shape_round_trips(
    store: Store, cadre: CadreRecord, response: str | tuple[str, ...] | bool | None
) -> None:
    attempt = store.start_attempt(cadre.id, quiz_id="q")
    store.record_answer(make_answer(attempt.id, response=response, correct=False))
    (stored,) = store.answers_for_attempt(attempt.id)
    assert stored.response == response
    assert type(stored.response) is type(response)


def test_record_answers_counts_new_rows_in_one_transaction(
    store: Store, cadre: CadreRecord
) -> None:
    attempt = store.start_attempt(cadre.id, quiz_id="q", kind="exam")
    first = make_answer(attempt.id, "q1")
    assert store.record_answers([first, make_answer(attempt.id, "q2")]) == 2
    assert store.record_answers([first, make_answer(attempt.id, "q3")]) == 1
    assert store.record_answers([]) == 0
    with pytest.raises(StoreError, match="attempt nope does not exist"):
        store.record_answers([make_answer(attempt.id, "q4"), make_answer("nope", "q5")])
    # all or none: q4 was rolled back with the bad row
    assert [a.question_id for a in store.answers_for_attempt(attempt.id)] == ["q1", "q2", "q3"]


def test_answers_come_back_in_answered_order_and_corrections_are_new_rows(
    store: Store, cadre: CadreRecord
) -> None:
    attempt = store.start_attempt(cadre.id, quiz_id="q")
    store.record_answer(make_answer(attempt.id, "q2", answered_at=T0 + timedelta(seconds=30)))
    store.record_answer(make_answer(attempt.id, "q1", answered_at=T0))
    store.record_answer(
        make_answer(attempt.id, "q1", response="A", correct=False, answered_at=T0 + timedelta(60))
    )
    stored = store.answers_for_attempt(attempt.id)
    assert [(a.question_id, a.response) for a in stored] == [("q1", "C"), ("q2", "C"), ("q1", "A")]
    assert stored[0].answered_at == T0


def test_latest_answers_spans_attempts_of_one_quiz(store: Store, cadre: CadreRecord) -> None:
    first = store.start_attempt(cadre.id, quiz_id="quiz-a")
    second = store.start_attempt(cadre.id, quiz_id="quiz-a")
    other_quiz = store.start_attempt(cadre.id, quiz_id="quiz-b")
    store.record_answer(make_answer(first.id, "q1", response="A", answered_at=T0))
    store.record_answer(make_answer(first.id, "q2", response="B", answered_at=T0))
    store.record_answer(make_answer(second.id, "q1", response="C", answered_at=T0 + timedelta(1)))
    store.record_answer(
        make_answer(other_quiz.id, "q1", response="D", answered_at=T0 + timedelta(2))
    )
    latest = store.latest_answers(cadre.id, "quiz-a")
    assert {qid: a.response for qid, a in latest.items()} == {"q1": "C", "q2": "B"}
    assert latest["q1"].attempt_id == second.id
    assert store.latest_answers(cadre.id, "no-such-quiz") == {}


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"score": 3.0}, "outside 0…2.0"),
        ({"score": -1.0}, "outside"),
        ({"submission_id": ""}, "needs a submission id"),
        ({"response": {"A": 1}}, "not storable"),
        ({"response": [1, 2]}, "not storable"),
    ],
)
def test_bad_answers_are_refused_with_a_message(
    store: Store, cadre: CadreRecord, overrides: dict[str, object], message: str
) -> None:
    attempt = store.start_attempt(cadre.id, quiz_id="q")
    answer = make_answer(attempt.id)
    with pytest.raises(StoreError, match=message):
        store.record_answer(type(answer)(**{**answer.__dict__, **overrides}))
    assert store.answers_for_attempt(attempt.id) == []


def test_answer_rows_cannot_be_updated_or_deleted(
    store: Store, cadre: CadreRecord, db_url: str
) -> None:
    attempt = store.start_attempt(cadre.id, quiz_id="q")
    store.record_answer(make_answer(attempt.id))
    engine = create_engine(db_url)
    try:
        for statement in ("UPDATE answers SET score = 0", "DELETE FROM answers"):
            with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
                conn.execute(text(statement))
    finally:
        engine.dispose()
    (stored,) = store.answers_for_attempt(attempt.id)
    assert stored.score == 2.0


def test_an_answer_stamped_in_the_stores_future_is_refused(
    store: Store, cadre: CadreRecord
) -> None:
    attempt = store.start_attempt(cadre.id, quiz_id="q")
    now = datetime.now(UTC)
    drifted = make_answer(attempt.id, "q1", answered_at=now + timedelta(minutes=4))
    assert store.record_answer(drifted) is True  # within the 5-minute clock skew
    batch = [
        make_answer(attempt.id, "q2", answered_at=now),
        make_answer(attempt.id, "q3", answered_at=now + timedelta(minutes=6)),
    ]
    with pytest.raises(StoreError, match="in the future") as refused:
        store.record_answers(batch)
    assert refused.value.item == "q3"
    assert [a.question_id for a in store.answers_for_attempt(attempt.id)] == [
        "q1"
    ]  # none of the batch


PAPER = {
    "total_points": 6.0,
    "questions": [{"id": "q1", "points": 2.0}, {"id": "q2", "points": 4.0}],
}


@pytest.mark.parametrize(
    ("question", "points", "score", "message"),
    [
        ("q2", 2.0, 2.0, "q2 is worth 4 points on the paper of attempt .*, not 2"),
        ("q1", 4.0, 4.0, "q1 is worth 2 points on the paper"),
        ("q9", 2.0, 2.0, "q9 is not on the paper of attempt"),
    ],
)
def test_answers_are_checked_against_the_attempts_paper(
    store: Store, cadre: CadreRecord, question: str, points: float, score: float, message: str
) -> None:
    attempt = store.start_attempt(cadre.id, quiz_id="exam", kind="exam", paper=PAPER)
    good = make_answer(attempt.id, "q1")
    bad = make_answer(attempt.id, question, points=points, score=score)
    with pytest.raises(StoreError, match=message) as refused:
        store.record_answers([good, bad])
    assert refused.value.item == question
    assert store.answers_for_attempt(attempt.id) == []  # all or none
    assert store.record_answers([good, make_answer(attempt.id, "q2", points=4.0, score=3.0)]) == 2


def test_attempts_without_a_paper_of_questions_are_not_checked(
    store: Store, cadre: CadreRecord
) -> None:
    lesson = store.start_attempt(cadre.id, quiz_id="lesson-quiz")
    totals_only = store.start_attempt(cadre.id, quiz_id="x", paper={"total_points": 100})
    assert store.record_answers([make_answer(lesson.id, "any"), make_answer(totals_only.id)]) == 2
