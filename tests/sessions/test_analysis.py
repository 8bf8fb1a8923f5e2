"""Item statistics against values worked out by hand for a small fixed response matrix.

Eight attempts, four 0/1 items (M_i = 1); totals X = 4, 4, 2, 2, 2, 2, 0, 1 (mean 17/8).
Formulas: Moodle's quiz statistics (https://docs.moodle.org/dev/Quiz_statistics_calculations), as
quoted in quizkit/sessions/analysis.py. Worked for item 1, x = 1,1,1,1,1,1,0,0 and rest
R = X − x = 3,3,1,1,1,1,0,1 (mean 11/8), dividing by S − 1 = 7:

    F   = 6/8 = 0.75
    V(x) = (6·(1/4)² + 2·(3/4)²)/7 = 1.5/7 = 3/14          SD = √(3/14) = 0.462910
    V(R) = (2·(13/8)² + 5·(3/8)² + (11/8)²)/7 = 7.875/7 = 9/8
    Cov(x, R) = (1/4·(13/8+13/8−4·3/8) − 3/4·(−11/8−3/8))/7 = 1.75/7 = 1/4
    DI  = 100 · (1/4) / √(3/14 · 9/8) = 50.9175
    Cov_max (both sorted) = 1/4, so DE = 100 %
    D27 (2 of 8): upper = attempts 1, 2 (X = 4, 4), lower = attempts 8, 7 (X = 1, 0): 1 − 0 = 1
    r_pb = Cov(x, X)/√(V(x)V(X)) with Cov(x, X) = 13/28, V(X) = 103/56: 0.739544

The paper: V(X) = 103/56, SD = 1.356203; KR-20 with p_i q_i (same ratio as with S − 1):
alpha = 4/3 · (1 − (3/16 + 15/64 + 15/64 + 15/64)/(103/64)) = 184/309 = 0.595469;
k-statistics: m2 = 103/64, m3 = 69/256, m4 = 23917/4096 → k2 = 103/56, k3 = 23/56, k4 = −157/280,
skewness = k3/k2^1.5 = 0.164652, kurtosis = k4/k2² = −0.165746;
error ratio = 100·√(1 − alpha) = 63.6027 %, standard error = 0.636027 · 1.356203 = 0.862582.
"""

from __future__ import annotations

import itertools
import math
import random

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quizkit.sessions.analysis import (
    Thresholds,
    flags_for,
    item_statistics,
    paper_statistics,
    upper_lower,
)

MATRIX = [
    [1, 1, 1, 1],
    [1, 1, 1, 1],
    [1, 1, 0, 0],
    [1, 0, 1, 0],
    [1, 0, 0, 1],
    [1, 1, 0, 0],
    [0, 0, 0, 0],
    [0, 1, 0, 0],
]
ITEMS = ["q1", "q2", "q3", "q4"]
# question: facility, sd, DI, DE, D27, r_pb (items 3 and 4 behave alike in this matrix)
EXPECTED = {
    "q1": (0.75, 0.4629100, 50.917508, 100.0, 1.0, 0.7395442),
    "q2": (0.625, 0.5175492, 11.547005, 14.285714, 0.5, 0.4833808),
    "q3": (0.375, 0.5175492, 46.666667, 63.636364, 1.0, 0.7377917),
    "q4": (0.375, 0.5175492, 46.666667, 63.636364, 1.0, 0.7377917),
}


def matrix() -> tuple[pd.DataFrame, pd.Series, pd.Series]:
    marks = pd.DataFrame(MATRIX, columns=ITEMS, index=[f"s{i}" for i in range(1, 9)], dtype=float)
    return marks, pd.Series(1.0, index=ITEMS), marks.sum(axis=1)


def test_item_statistics_match_the_hand_computed_values() -> None:
    marks, max_marks, totals = matrix()
    stats = item_statistics(marks, max_marks, totals, Thresholds(min_flag_attempts=8))
    stats = stats.set_index("question_id")
    columns = [
        "facility",
        "sd",
        "discrimination_index",
        "discriminative_efficiency",
        "d27",
        "point_biserial",
    ]
    for item, expected in EXPECTED.items():
        assert tuple(stats.loc[item, columns]) == pytest.approx(expected, abs=1e-5), item
    assert list(stats["n"]) == [8, 8, 8, 8]
    assert stats.loc["q2", "flags"] == ["weak"]  # DE 14.3 % < 15 %
    assert stats.loc["q1", "flags"] == []


def test_paper_statistics_match_the_hand_computed_values() -> None:
    marks, _, _ = matrix()
    test = paper_statistics(marks, max_total=4)
    assert (test.attempts, test.items, test.mean, test.median) == (8, 4, 2.125, 2.0)
    assert test.sd == pytest.approx(1.3562027, abs=1e-6)
    assert test.alpha == pytest.approx(184 / 309, abs=1e-9)
    assert test.skewness == pytest.approx(0.1646516, abs=1e-6)
    assert test.kurtosis == pytest.approx(-0.1657461, abs=1e-6)
    assert test.error_ratio == pytest.approx(63.60273, abs=1e-4)
    assert test.standard_error == pytest.approx(0.8625819, abs=1e-6)
    assert test.mean_percent == pytest.approx(53.125)


def test_skewness_and_kurtosis_agree_with_pandas_sample_estimators() -> None:
    totals = pd.Series([3.0, 7, 7, 8, 10, 12, 15, 21, 22, 30])
    test = paper_statistics(pd.DataFrame({"a": totals, "b": 0.0}), max_total=40)
    assert test.skewness == pytest.approx(totals.skew())
    assert test.kurtosis == pytest.approx(totals.kurt())


def test_items_missing_from_some_papers_use_only_the_attempts_that_held_them() -> None:
    marks, max_marks, totals = matrix()
    marks.loc[["s7", "s8"], "q1"] = np.nan  # two papers did not hold q1
    totals = marks.fillna(0).sum(axis=1)
    stats = item_statistics(marks, max_marks, totals).set_index("question_id")
    assert stats.loc["q1", "n"] == 6
    assert stats.loc["q1", "facility"] == 1.0
    assert math.isnan(stats.loc["q1", "discrimination_index"])  # no variance among those six
    assert stats.loc["q1", "flags"] == ["easy"]


def test_negative_and_extreme_items_are_flagged() -> None:
    limits = Thresholds()
    assert flags_for(
        {"facility": 0.5, "discrimination_index": -12.0, "discriminative_efficiency": -20.0}, limits
    ) == ["negative"]
    assert flags_for(
        {"facility": 0.95, "discrimination_index": 30.0, "discriminative_efficiency": 50.0}, limits
    ) == ["easy"]
    assert flags_for(
        {"facility": 0.1, "discrimination_index": 5.0, "discriminative_efficiency": 10.0}, limits
    ) == ["hard", "weak"]
    # the weakest scorers get it right and the best get it wrong: negative
    marks = pd.DataFrame({"good": [1.0, 1, 1, 0, 0, 0], "odd": [0.0, 0, 0, 1, 1, 0]})
    extra = pd.DataFrame({"x": [1.0, 1, 0, 1, 0, 0], "y": [1.0, 0, 1, 0, 0, 0]})
    full = pd.concat([marks, extra], axis=1)
    stats = item_statistics(
        full, pd.Series(1.0, index=full.columns), full.sum(axis=1), Thresholds(min_flag_attempts=6)
    ).set_index("question_id")
    assert stats.loc["odd", "discrimination_index"] < 0 and "negative" in stats.loc["odd", "flags"]


def test_too_few_attempts_give_no_statistics() -> None:
    marks = pd.DataFrame({"q": [1.0]})
    stats = item_statistics(marks, pd.Series({"q": 1.0}), marks.sum(axis=1))
    assert math.isnan(stats.loc[0, "facility"]) and stats.loc[0, "flags"] == []
    assert math.isnan(paper_statistics(marks, 1).alpha)


def test_a_question_worth_different_points_on_different_papers_uses_fractions() -> None:
    """q is worth 2 points on papers s1, s2 and 4 on s3, s4 (overlapping blueprint cells); p is a
    1-point question. Everyone got q right: marks 2, 2, 4, 4 are all the fraction 1, so F = 1 and no
    discrimination figure (no variance) — not F = 12/16 = 75 %.
    Second matrix: q right on s1 and s3 (marks 2, 0, 4, 0 → fractions 1, 0, 1, 0): F = 0.5; totals with
    p = 1, 0, 1, 0 are X = 3, 0, 5, 0, rest R = X − mark = 1, 0, 1, 0, so DI = r(f, R) = 100 and DE = 100."""
    index = ["s1", "s2", "s3", "s4"]
    points = pd.DataFrame({"q": [2.0, 2, 4, 4], "p": 1.0}, index=index)
    for q_marks, facility, di in (([2.0, 2, 4, 4], 1.0, math.nan), ([2.0, 0, 4, 0], 0.5, 100.0)):
        marks = pd.DataFrame({"q": q_marks, "p": [1.0, 0, 1, 0]}, index=index)
        stats = item_statistics(marks, points.max(), marks.sum(axis=1), points=points).set_index(
            "question_id"
        )
        assert stats.loc["q", "facility"] == pytest.approx(facility)
        assert stats.loc["q", "max_mark"] == 4.0
        if math.isnan(di):
            assert math.isnan(stats.loc["q", "discrimination_index"])
            assert math.isnan(stats.loc["q", "discriminative_efficiency"])
        else:
            assert stats.loc["q", "discrimination_index"] == pytest.approx(di)
            assert stats.loc["q", "discriminative_efficiency"] == pytest.approx(100.0)


@settings(max_examples=150, deadline=None)
@given(
    st.integers(2, 12).flatmap(
        lambda n: st.tuples(
            st.lists(st.lists(st.booleans(), min_size=3, max_size=3), min_size=n, max_size=n),
            st.lists(
                st.lists(st.sampled_from([1.0, 2.0, 4.0]), min_size=3, max_size=3),
                min_size=n,
                max_size=n,
            ),
        )
    )
)
def test_facility_is_the_mean_fraction_whatever_each_paper_gives_the_question(
    drawn: tuple[list[list[bool]], list[list[float]]],
) -> None:
    right, worth = drawn
    correct = pd.DataFrame(right, columns=ITEMS[:3], dtype=float)
    points = pd.DataFrame(worth, columns=ITEMS[:3])
    marks = correct * points
    stats = item_statistics(marks, points.max(), marks.sum(axis=1), points=points)
    stats = stats.set_index("question_id")
    for item in ITEMS[:3]:
        assert stats.loc[item, "facility"] == pytest.approx(correct[item].mean())
        assert stats.loc[item, "sd"] == pytest.approx(correct[item].std(ddof=1), nan_ok=True)
        if correct[item].nunique() == 1:  # no variance in the fractions: no discrimination figure
            assert math.isnan(stats.loc[item, "discrimination_index"])
            assert math.isnan(stats.loc[item, "discriminative_efficiency"])


def test_upper_lower_averages_over_ties_at_the_cut() -> None:
    """Ten attempts, 27 % → groups of 3. Totals 9, 8, 5, 5, 5, 5, 3, 2, 2, 1 and item marks
    1, 1, 1, 0, 0, 0, 1, 0, 1, 0: the upper group is 9, 8 and one of the four 5s (each counts 1/4):
    p_upper = (1 + 1 + (1 + 0 + 0 + 0)/4)/3 = 0.75; the lower group is 1, 2, 2 (no tie at its cut:
    3 is next), so p_lower = (0 + 0 + 1)/3.
    D27 = 0.75 − 1/3 = 5/12."""
    totals = np.array([9.0, 8, 5, 5, 5, 5, 3, 2, 2, 1])
    x = np.array([1.0, 1, 1, 0, 0, 0, 1, 0, 1, 0])
    assert upper_lower(x, totals, 1.0) == pytest.approx(5 / 12)


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.tuples(st.integers(0, 3), st.booleans()), min_size=2, max_size=7),
    st.randoms(use_true_random=False),
)
def test_upper_lower_is_the_mean_over_every_order_of_the_attempts(
    attempts: list[tuple[int, bool]], rng: random.Random
) -> None:
    """Same answers, same value whatever the attempt ids: D27 equals the average of the tie-broken
    index over every order of the attempts, and does not move when they are shuffled."""
    totals = np.array([float(total) for total, _ in attempts])
    x = np.array([float(right) for _, right in attempts])
    size = max(1, round(0.27 * len(x)))
    broken = []
    for order in itertools.permutations(range(len(x))):
        ranked = sorted(order, key=lambda s: -totals[s])  # stable: ties keep this order
        broken.append(x[ranked[:size]].mean() - x[ranked[-size:]].mean())
    assert upper_lower(x, totals, 1.0) == pytest.approx(float(np.mean(broken)))
    shuffled = list(range(len(x)))
    rng.shuffle(shuffled)
    assert upper_lower(x[shuffled], totals[shuffled], 1.0) == pytest.approx(
        upper_lower(x, totals, 1.0)
    )


def test_no_discrimination_flags_below_the_minimum_number_of_attempts() -> None:
    marks = pd.DataFrame({"good": [1.0, 1, 1, 0, 0, 0], "odd": [0.0, 0, 0, 1, 1, 0]})
    extra = pd.DataFrame({"x": [1.0, 1, 0, 1, 0, 0], "y": [1.0, 0, 1, 0, 0, 0]})
    full = pd.concat([marks, extra], axis=1)
    max_marks = pd.Series(1.0, index=full.columns)
    default = item_statistics(full, max_marks, full.sum(axis=1)).set_index("question_id")
    assert Thresholds().min_flag_attempts == 20
    assert default.loc["odd", "discrimination_index"] < 0  # the figure is still shown, with n
    assert default.loc["odd", "n"] == 6
    assert not {"negative", "weak"} & {f for flags in default["flags"] for f in flags}
    six = item_statistics(full, max_marks, full.sum(axis=1), Thresholds(min_flag_attempts=6))
    assert "negative" in six.set_index("question_id").loc["odd", "flags"]
