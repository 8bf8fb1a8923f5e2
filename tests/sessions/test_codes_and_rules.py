"""Join codes and the rules model (stored as JSON; the reports read the same keys)."""

from __future__ import annotations

from datetime import datetime

import pytest

from quizkit.errors import SessionError
from quizkit.grading import MultiPolicy
from quizkit.reports.policy import Counting, ReportPolicy
from quizkit.sessions.codes import ALPHABET, check_code, new_code, normalize_code
from quizkit.sessions.rules import MakeupRules, PaperRules, SessionRules


@pytest.mark.parametrize(
    ("typed", "code"), [(" k7q2 ", "K7Q2"), ("Ｋ７Ｑ２", "K7Q2"), ("k7-q2", "K7Q2")]
)
def test_typed_codes_are_normalised(typed: str, code: str) -> None:
    assert normalize_code(typed) == code


def test_new_codes_avoid_confusable_characters_and_taken_codes() -> None:
    taken = {"AAAA"}
    codes = [new_code(lambda c: c in taken) for _ in range(200)]
    assert all(len(c) == 4 and set(c) <= set(ALPHABET) for c in codes)
    assert not set("01OIL") & set("".join(codes))
    with pytest.raises(SessionError):
        new_code(lambda _code: True)


@pytest.mark.parametrize("bad", ["", "考试", "A B!", "X" * 21])
def test_chosen_codes_must_be_short_letters_or_digits(bad: str) -> None:
    with pytest.raises(SessionError):
        check_code(bad)


def test_a_paper_is_a_list_or_a_blueprint_not_both() -> None:
    with pytest.raises(ValueError):
        PaperRules()
    with pytest.raises(ValueError):
        PaperRules(questions=("a",), blueprint=({"type": "single", "count": 1, "points": 1},))  # type: ignore[arg-type]


def test_rules_round_trip_through_json_and_read_as_the_reports_read_them() -> None:
    rules = SessionRules(
        paper=PaperRules(questions=("xk-single-01",)),
        counting="last",
        pass_mark=80,
        multi_policy=MultiPolicy.PARTIAL,
        makeup=MakeupRules(opens_at=datetime(2026, 12, 8, 9), closes_at=datetime(2026, 12, 8, 17)),
        year=2026,
    )
    stored = rules.to_json()
    assert SessionRules.from_json(stored) == rules
    policy = ReportPolicy.from_rules(stored)
    assert policy.counting is Counting.LAST
    assert policy.pass_mark == 80
    assert [band.name for band in policy.bands] == ["优秀", "良好", "合格", "不合格"]
    assert policy.makeup_window is not None
    assert policy.makeup_window.opens_at == rules.makeup.opens_at  # type: ignore[union-attr]


def test_stored_rules_that_do_not_validate_name_the_field() -> None:
    with pytest.raises(SessionError, match="attempts_allowed"):
        SessionRules.from_json({"paper": {"questions": ["a"]}, "attempts_allowed": 0})
