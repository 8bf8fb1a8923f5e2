"""Which attempt counts and which answer counts: the two rules every score reads (quizkit.counting)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pytest

from quizkit.counting import Counting, counted, counting_order, latest_by_question

T0 = datetime(2026, 5, 1, 9, tzinfo=UTC)
ATTEMPTS = [  # started in this order; 70 then 88 then 88 again then 40
    {"name": "a", "started_at": T0, "score": 70.0},
    {"name": "b", "started_at": T0 + timedelta(hours=1), "score": 88.0},
    {"name": "c", "started_at": T0 + timedelta(hours=2), "score": 88.0},
    {"name": "d", "started_at": T0 + timedelta(hours=3), "score": 40.0},
]


@pytest.mark.parametrize(
    ("counting", "expected"),
    [("highest", "b"), ("last", "d"), ("first", "a")],  # highest: a tie goes to the earlier attempt
)
def test_counted_attempt(counting: str, expected: str) -> None:
    chosen = counted(list(reversed(ATTEMPTS)), counting)  # the order given does not matter
    assert chosen is not None and chosen["name"] == expected


def test_no_attempt_counts_nothing_and_the_rule_is_one_table() -> None:
    assert counted([], Counting.HIGHEST) is None
    assert counting_order("highest") == (("score", False), ("started_at", True))
    with pytest.raises(ValueError):
        counting_order("best")


@dataclass(frozen=True)
class Row:
    id: int
    question_id: str
    response: str


def test_latest_answer_is_the_greatest_id_whatever_the_order() -> None:
    rows = [Row(7, "q1", "B"), Row(3, "q1", "A"), Row(5, "q2", "C"), Row(9, "q1", "D")]
    latest = latest_by_question(rows)
    assert {qid: row.response for qid, row in latest.items()} == {"q1": "D", "q2": "C"}
    assert latest_by_question(reversed(rows)) == latest
