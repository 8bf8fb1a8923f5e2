"""Store.topic_figures: accuracy per topic added up in the database, checked against figures worked
by hand — answers that count only (a corrected answer's earlier row left out), a question with two
tags counted once for each, a cadre with two attempts counted once per topic, questions without a
topic grouped once under None, attempts outside the scope left out."""

from __future__ import annotations

import pandas as pd

from quizkit.store import Store
from tests.store.factories import make_answer, make_cadre

TOPICS = [
    ("q1", "law", "民法典"),
    ("q2", "law", "民法典"),
    ("q3", "law", "行政复议法"),
    ("q1", "tag", "期限"),
    ("q3", "tag", "期限"),
    ("q3", "tag", "程序"),
]


def _figures(
    store: Store, pairs: list[tuple[str, str]]
) -> dict[tuple[object, object], tuple[object, ...]]:
    frame = store.topic_figures(pairs, TOPICS)
    frame = frame.astype(object).where(frame.notna(), None)
    return {
        (row["group"], row["topic"]): tuple(row[name] for name in list(frame.columns)[2:])
        for _, row in frame.iterrows()
    }


def test_topic_figures_match_the_hand_count(store: Store) -> None:
    one, two = make_cadre(1), make_cadre(2)
    store.upsert_cadres([one, two])
    first = store.start_attempt(one.id, quiz_id="p")
    second = store.start_attempt(one.id, quiz_id="p")  # the same cadre again
    third = store.start_attempt(two.id, quiz_id="p")
    outside = store.start_attempt(two.id, quiz_id="p")  # not in scope
    store.record_answers(
        [
            make_answer(first.id, "q1", correct=False),
            make_answer(first.id, "q1"),  # the correction counts: q1 right in the first attempt
            make_answer(first.id, "q3", correct=False),
            make_answer(second.id, "q2", score=1.5, correct=False),
            make_answer(third.id, "q3"),
            make_answer(third.id, "q9"),  # no topic
            make_answer(outside.id, "q2"),
        ]
    )
    scope = [(first.id, one.id), (second.id, one.id), (third.id, two.id)]
    # (questions, people, answers, correct, score, points), by hand:
    assert _figures(store, scope) == {
        ("law", "民法典"): (2, 1, 2, 1, 3.5, 4.0),  # q1 ✓ (corrected), q2 1.5 of 2; cadre 1 only
        ("law", "行政复议法"): (1, 2, 2, 1, 2.0, 4.0),  # q3 ✗ by cadre 1, ✓ by cadre 2
        ("tag", "期限"): (2, 2, 3, 2, 4.0, 6.0),  # q1 and q3
        ("tag", "程序"): (1, 2, 2, 1, 2.0, 4.0),  # q3
        (None, None): (1, 1, 1, 1, 2.0, 2.0),  # q9
    }


def test_no_attempts_no_figures(store: Store) -> None:
    assert isinstance(store.topic_figures([], TOPICS), pd.DataFrame)
    assert store.topic_figures([], TOPICS).empty


def test_only_a_corrected_attempt_goes_through_the_counting_rule(store: Store) -> None:
    """A question answered in two attempts is not a correction (both rows count); a question
    answered twice in one attempt is (its later row counts, even when the earlier was right)."""
    one = make_cadre(1)
    store.upsert_cadres([one])
    first = store.start_attempt(one.id, quiz_id="p")
    second = store.start_attempt(one.id, quiz_id="p")
    store.record_answers(
        [
            make_answer(first.id, "q1"),
            make_answer(first.id, "q1", score=0.0, correct=False),  # corrected to wrong
            make_answer(first.id, "q2"),
            make_answer(second.id, "q1"),  # another attempt: counts as well
            make_answer(second.id, "q3", score=0.5, correct=False),
        ]
    )
    figures = _figures(store, [(first.id, one.id), (second.id, one.id)])
    assert figures[("law", "民法典")] == (2, 1, 3, 2, 4.0, 6.0)  # q1 twice (✗, ✓) and q2 ✓
    assert figures[("tag", "期限")] == (2, 1, 3, 1, 2.5, 6.0)  # q1 (✗, ✓) and q3 (0.5 of 2)
    assert figures[("tag", "程序")] == (1, 1, 1, 0, 0.5, 2.0)


def test_people_per_topic_from_distinct_pairs_and_from_repeats_agree() -> None:
    """Cadres per topic: pairs known to be distinct (no corrections, one attempt per cadre) skip
    the distinct step and give what the general path gives."""
    import numpy as np

    from quizkit.store.reporting import _people

    rng = np.random.default_rng(7)
    cadres = np.repeat(np.arange(300), 5)
    questions = np.concatenate([rng.choice(40, size=5, replace=False) for _ in range(300)])
    topic_questions = np.array([*range(40), *range(0, 40, 3)])  # some questions have two topics
    topic_places = np.array([*(q % 6 for q in range(40)), *(6 for _ in range(0, 40, 3))])
    general = _people(cadres, questions, topic_questions, topic_places, 7)
    known = _people(cadres, questions, topic_questions, topic_places, 7, distinct=True)
    assert general.tolist() == known.tolist()
    by_hand = [
        len(
            {
                c
                for c, q in zip(cadres, questions, strict=True)
                if q in topic_questions[topic_places == p]
            }
        )
        for p in range(7)
    ]
    assert general.tolist() == by_hand
