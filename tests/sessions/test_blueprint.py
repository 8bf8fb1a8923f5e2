"""Blueprints: the short form trainers type, refusals that name the short cell, seeded draws."""

from __future__ import annotations

from collections import Counter

import pytest

from quizkit.bank import Bank
from quizkit.errors import SessionError
from quizkit.sessions.blueprint import (
    BlueprintCell,
    check_blueprint,
    draw_cells,
    parse_blueprint,
    total_points,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "single:25x2,multiple:10x2,judge:15x2",
            [
                ("single", 25, 2.0, None, ()),
                ("multiple", 10, 2.0, None, ()),
                ("judge", 15, 2.0, None, ()),
            ],
        ),
        (
            "单选:40x1 + 多选:20×2 + 判断:20*1",
            [
                ("single", 40, 1.0, None, ()),
                ("multiple", 20, 2.0, None, ()),
                ("judge", 20, 1.0, None, ()),
            ],
        ),
        ("行政处罚法/单选@2:5x2", [("single", 5, 2.0, "administrative-penalty", (2,))]),
        (
            "administrative-licensing/judge@1/3:4x1.5",
            [("judge", 4, 1.5, "administrative-licensing", (1, 3))],
        ),
    ],
)
def test_parse_blueprint(text: str, expected: list[tuple[object, ...]]) -> None:
    cells = parse_blueprint(text)
    assert [(c.type, c.count, c.points, c.law, c.difficulty) for c in cells] == expected


def test_the_two_common_papers_are_worth_100() -> None:
    assert total_points(parse_blueprint("single:25x2,multiple:10x2,judge:15x2")) == 100
    assert total_points(parse_blueprint("single:40x1,multiple:20x2,judge:20x1")) == 100


@pytest.mark.parametrize("text", ["", "single", "essay:5x2", "single:5", "unknown-law/single:1x1"])
def test_unreadable_blueprints_are_refused_with_the_form(text: str) -> None:
    with pytest.raises((SessionError, ValueError)):
        parse_blueprint(text)


def test_a_short_cell_is_named_with_the_shortfall(bank: Bank) -> None:
    # the bank has 4 多选 per law: asking for 6 of 行政许可法 is 2 short
    cells = parse_blueprint("single:10x2,行政许可法/多选:6x2,judge:4x2")
    with pytest.raises(SessionError) as caught:
        check_blueprint(bank, cells)
    message = caught.value.message
    assert "第 2 格" in message and "行政许可法" in message and "多选题" in message
    assert "需要 6 题" in message and "只有 4 题" in message and "差 2 题" in message
    assert caught.value.hint


def test_overlapping_cells_that_together_need_too_many_are_refused(bank: Bank) -> None:
    # 8 单选 of 行政处罚法 and 16 单选 in all: 8 + 9 = 17 > 16 distinct questions
    cells = parse_blueprint("行政处罚法/single:8x1,single:9x1")
    with pytest.raises(SessionError) as caught:
        check_blueprint(bank, cells)
    assert "第 1、2 格" in caught.value.message and "差 1 题" in caught.value.message


def test_draws_honour_every_cell_and_never_repeat_a_question(bank: Bank) -> None:
    # overlapping cells: every 行政许可法 单选 must go to cell 1 when cell 2 takes all of 行政处罚法's
    cells = parse_blueprint("single:8x1,行政处罚法/single:8x2")
    for seed in range(30):
        drawn = draw_cells(bank, cells, f"seed-{seed}")
        ids = [q.id for questions in drawn for q in questions]
        assert len(ids) == len(set(ids)) == 16
        assert [len(questions) for questions in drawn] == [8, 8]
        assert all(q.id.startswith("cf-") for q in drawn[1])
        assert {q.type for questions in drawn for q in questions} == {"single"}


def test_the_same_seed_draws_the_same_questions(bank: Bank) -> None:
    cells = parse_blueprint("single:5x2,multiple:3x2,judge:4x2")
    first = [[q.id for q in cell] for cell in draw_cells(bank, cells, "s:c001:1")]
    again = [[q.id for q in cell] for cell in draw_cells(bank, cells, "s:c001:1")]
    other = [[q.id for q in cell] for cell in draw_cells(bank, cells, "s:c002:1")]
    assert first == again
    assert first != other


def test_filters_by_difficulty_and_law(bank: Bank) -> None:
    cell = BlueprintCell(
        type="single", count=2, points=1, law="administrative-penalty", difficulty=(3,)
    )
    drawn = draw_cells(bank, [cell], "x")[0]
    assert all(q.difficulty == 3 and q.id.startswith("cf-") for q in drawn)
    assert Counter(q.type for q in drawn) == {"single": 2}
