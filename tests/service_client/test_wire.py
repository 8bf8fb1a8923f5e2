"""The wire format: records and frames survive the trip; a reply that does not fit is refused."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pandas as pd
import pytest

from quizkit.errors import StoreError
from quizkit.records import Attempt, ReviewAnswer, StoredAnswer
from quizkit.service_client.wire import (
    decode,
    decode_frame,
    decode_review,
    encode,
    encode_frame,
    encode_review,
)

WHEN = datetime(2026, 3, 1, 8, 30, 15, 123456, tzinfo=UTC)


def trip(value: object) -> object:
    return json.loads(json.dumps(value))


def test_records_come_back_equal_with_aware_times_and_tuple_responses() -> None:
    attempt = Attempt("a1", "c1", "session-K7Q2", None, "s1", "exam", WHEN, WHEN, None, "open")
    assert decode(Attempt, trip(encode(attempt))) == attempt
    answer = StoredAnswer(7, "s", "a1", "q", "h", ("A", "C"), 2.0, 2.0, True, 1200, WHEN)
    back = decode(StoredAnswer, trip(encode(answer)))
    assert back == answer and back.response == ("A", "C")
    review = ReviewAnswer("c1", "q", True, WHEN, "practice", None)
    assert decode_review(trip(encode_review(review))) == review


@pytest.mark.parametrize(
    "data",
    [
        None,
        [],
        {"id": "a1"},
        {
            **encode(Attempt("a", "c", "q", None, None, "exam", WHEN, None, None, "open")),
            "started_at": "gestern",
        },
    ],
)
def test_a_reply_that_does_not_fit_is_a_store_error(data: object) -> None:
    with pytest.raises(StoreError):
        decode(Attempt, data)


def test_frames_keep_columns_times_missing_values_and_nested_papers() -> None:
    frame = pd.DataFrame(
        {
            "attempt_id": ["a1", "a2"],
            "score": [2.0, float("nan")],
            "correct": [True, False],
            "started_at": pd.to_datetime([WHEN, WHEN], utc=True),
            "paper": [{"seed": "x", "questions": []}, None],
        }
    )
    back = decode_frame(trip(encode_frame(frame)))
    assert list(back.columns) == list(frame.columns)
    assert back["started_at"].tolist() == frame["started_at"].tolist()
    assert back["score"].iloc[0] == 2.0 and pd.isna(back["score"].iloc[1])
    assert back["paper"].iloc[0] == {"seed": "x", "questions": []} and back["paper"].iloc[1] is None
    assert back["correct"].tolist() == [True, False]
