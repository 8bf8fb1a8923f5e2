"""The grading core: parametrized tables for each policy, and hypothesis for the invariants."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizkit.grading import (
    DEFAULT_BANDS,
    GradeBand,
    MultiPolicy,
    ScoringRules,
    band_clash,
    fraction,
    grade_band,
    is_correct,
    passed,
    score,
)
from quizkit.question_types import response_from_json, response_to_json, sorted_labels
from tests.factories import judge_data, make_question, multiple_data

SINGLE = make_question()
JUDGE = make_question(**judge_data())
MULTI = make_question(
    **multiple_data(
        options={"A": "a", "B": "b", "C": "c", "D": "d", "E": "e"}, answer=["A", "C", "D"]
    )
)


@pytest.mark.parametrize(
    ("response", "expected"),
    [("C", 1.0), ("A", 0.0), (None, 0.0), (True, 0.0), (("C",), 0.0)],
)
def test_single(response: object, expected: float) -> None:
    assert fraction(SINGLE, response) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("response", "expected"), [(True, 1.0), (False, 0.0), (None, 0.0), ("true", 0.0)]
)
def test_judge(response: object, expected: float) -> None:
    assert fraction(JUDGE, response) == expected  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("ticks", "policy", "expected"),
    [
        ("ACD", MultiPolicy.ALL_OR_NOTHING, 1.0),
        ("AC", MultiPolicy.ALL_OR_NOTHING, 0.0),
        ("ACDB", MultiPolicy.ALL_OR_NOTHING, 0.0),
        ("ACD", MultiPolicy.PARTIAL, 1.0),
        ("AC", MultiPolicy.PARTIAL, 2 / 3),
        ("A", MultiPolicy.PARTIAL, 1 / 3),
        ("AB", MultiPolicy.PARTIAL, 0.0),
        ("ACD", MultiPolicy.MOODLE, 1.0),
        ("AC", MultiPolicy.MOODLE, 2 / 3),
        ("ACB", MultiPolicy.MOODLE, 2 / 3 - 1 / 2),
        ("BE", MultiPolicy.MOODLE, 0.0),
        ("ABCDE", MultiPolicy.MOODLE, 0.0),
        ("", MultiPolicy.MOODLE, 0.0),
    ],
)
def test_multiple_policies(ticks: str, policy: MultiPolicy, expected: float) -> None:
    assert fraction(MULTI, sorted_labels(ticks), policy) == pytest.approx(expected)


def test_points_and_rules() -> None:
    rules = ScoringRules(
        points={"single": 1, "multiple": 2, "judge": 1}, multi_policy=MultiPolicy.PARTIAL
    )
    assert score(MULTI, sorted_labels("AC"), rules) == pytest.approx(4 / 3)
    assert score(make_question(points=5), "C", rules) == 5
    assert is_correct(MULTI, sorted_labels("DCA"))
    assert not is_correct(MULTI, sorted_labels("AC"))


@pytest.mark.parametrize(
    ("percent", "band"),
    [
        (100, "优秀"),
        (90, "优秀"),
        (89.99, "良好"),
        (80, "良好"),
        (79, "合格"),
        (60, "合格"),
        (59.5, "不合格"),
        (0, "不合格"),
    ],
)
def test_default_bands(percent: float, band: str) -> None:
    assert grade_band(percent) == band


def test_configurable_bands_and_pass_mark() -> None:
    bands = (GradeBand(name="通过", minimum=80), GradeBand(name="未通过", minimum=0))
    assert grade_band(85, bands) == "通过"
    assert grade_band(79, bands) == "未通过"
    assert passed(80, ScoringRules(pass_mark=80))
    assert not passed(79.9, ScoringRules(pass_mark=80))


def test_one_response_form_and_its_json() -> None:
    assert sorted_labels(["C", "A", "C"]) == ("A", "C")
    assert sorted_labels([]) is None
    for response in ("B", False, ("A", "C"), ("五日", "听证"), None):
        assert response_from_json(response_to_json(response)) == response
    with pytest.raises(ValueError):
        response_from_json({"A": 1})
    with pytest.raises(ValueError):
        response_from_json([1, 2])


labels = st.sets(st.sampled_from("ABCDE"))
policies = st.sampled_from(list(MultiPolicy))
points = st.floats(min_value=0.5, max_value=10)


@given(ticks=labels, policy=policies, pts=points)
def test_score_within_bounds(ticks: set[str], policy: MultiPolicy, pts: float) -> None:
    rules = ScoringRules(multi_policy=policy)
    question = make_question(
        **multiple_data(options={c: c for c in "ABCDE"}, answer=["A", "C", "D"], points=pts)
    )
    assert 0 <= score(question, sorted_labels(ticks), rules) <= pts


@given(answer=st.sets(st.sampled_from("ABCDE"), min_size=2), policy=policies, pts=points)
def test_correct_response_scores_full(answer: set[str], policy: MultiPolicy, pts: float) -> None:
    question = make_question(
        **multiple_data(options={c: c for c in "ABCDE"}, answer=sorted(answer), points=pts)
    )
    assert score(question, sorted_labels(answer), ScoringRules(multi_policy=policy)) == pts


@given(ticks=st.lists(st.sampled_from("ABCDE"), unique=True), policy=policies)
def test_tick_order_never_matters(ticks: list[str], policy: MultiPolicy) -> None:
    forward = fraction(MULTI, sorted_labels(ticks), policy)
    backward = fraction(MULTI, sorted_labels(list(reversed(ticks))), policy)
    assert forward == backward


@pytest.mark.parametrize(
    ("pass_mark", "bands", "clash"),
    [
        (60, DEFAULT_BANDS, None),
        (70, DEFAULT_BANDS, "低于及格线的分数显示等级“合格”"),  # 65: 合格 band, not passed
        (50, DEFAULT_BANDS, "50 分显示等级“不合格”"),  # 55: passed, 不合格 band
        (
            60,
            (GradeBand(name="良好", minimum=80), GradeBand(name="不合格", minimum=0)),
            "60 分显示等级“不合格”",
        ),
        (70, (GradeBand(name="及格", minimum=60), GradeBand(name="差", minimum=0)), None),
        (0, (GradeBand(name="合格", minimum=0),), None),
        (60.5, (GradeBand(name="合格", minimum=60.5), GradeBand(name="不合格", minimum=0)), None),
    ],
)
def test_bands_named_pass_or_fail_clash_with_another_pass_mark(
    pass_mark: float, bands: tuple[GradeBand, ...], clash: str | None
) -> None:
    assert band_clash(pass_mark, bands) == clash
