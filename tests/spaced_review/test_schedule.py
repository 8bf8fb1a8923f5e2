"""The pure replay: equal to fsrs's own scheduler for a known sequence; wrong before right."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fsrs import Card, Rating, Scheduler

from quizkit.spaced_review.schedule import due_by, replay

START = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


def test_replay_equals_fsrs_for_a_known_sequence() -> None:
    # wrong, right next day, right 3 days later, wrong a week later, right the day after
    offsets = [0, 1, 4, 11, 12]
    results = [False, True, True, False, True]
    answers = [
        ("q1", ok, START + timedelta(days=d)) for d, ok in zip(offsets, results, strict=True)
    ]
    ours = replay(answers)["q1"]

    reference = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    card = Card(card_id=1)
    for _, ok, at in answers:
        card, _log = reference.review_card(card, Rating.Good if ok else Rating.Again, at)
    assert (ours.due, ours.stability, ours.difficulty, ours.state) == (
        card.due,
        card.stability,
        card.difficulty,
        card.state,
    )
    # and the policy in plain figures: wrong → tomorrow; right again and again → longer each time
    first = replay(answers[:1])["q1"]
    assert first.due - START == timedelta(days=1)


def test_wrong_comes_back_before_right_and_right_grows() -> None:
    cards = replay([("wrong", False, START), ("right", True, START)])
    assert cards["wrong"].due < cards["right"].due
    intervals = []
    at = START
    history: list[tuple[str, bool, datetime]] = []
    for _ in range(4):
        history.append(("q", True, at))
        due = replay(history)["q"].due
        intervals.append(due - at)
        at = due
    assert intervals == sorted(intervals) and intervals[0] < intervals[-1]
    assert len(set(intervals)) == 4


def test_due_by_orders_most_overdue_first() -> None:
    cards = replay(
        [("a", True, START), ("b", False, START), ("c", False, START - timedelta(days=3))]
    )
    assert [qid for qid, _ in due_by(cards, START + timedelta(days=1))] == ["c", "b"]
