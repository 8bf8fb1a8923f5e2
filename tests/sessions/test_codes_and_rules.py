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


@pytest.mark.parametrize(
    ("pass_mark", "bands", "said"),
    [
        (70, None, "低于及格线的分数显示等级“合格”"),  # default bands: 合格 from 60
        (50, None, "50 分显示等级“不合格”"),
        (60, {"良好": 80, "不合格": 0}, "60 分显示等级“不合格”"),
    ],
)
def test_bands_named_pass_or_fail_must_agree_with_the_pass_mark(
    pass_mark: float, bands: dict[str, float] | None, said: str
) -> None:
    from quizkit.sessions.rules import check_bands

    values: dict[str, object] = {"paper": {"questions": ["q"]}, "pass_mark": pass_mark}
    if bands is not None:
        values["bands"] = [{"name": name, "minimum": low} for name, low in bands.items()]
    with pytest.raises(SessionError, match="及格线（pass_mark）") as raised:
        check_bands(SessionRules.model_validate(values))
    assert said in str(raised.value)


@pytest.mark.parametrize(
    "values",
    [
        {},  # 60 and the default bands
        {"pass_mark": 70, "bands": {"优秀": 90, "良好": 80, "合格": 70, "不合格": 0}},
        {"pass_mark": 70, "bands": {"及格": 60, "差": 0}},  # names of their own: left alone
        {"pass_mark": 0, "bands": {"合格": 0}},
    ],
)
def test_bands_that_agree_with_the_pass_mark_are_accepted(values: dict[str, object]) -> None:
    from quizkit.sessions.rules import check_bands

    given = dict(values)
    if isinstance(bands := given.get("bands"), dict):
        given["bands"] = [{"name": name, "minimum": low} for name, low in bands.items()]
    check_bands(SessionRules.model_validate({"paper": {"questions": ["q"]}, **given}))
