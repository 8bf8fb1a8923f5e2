"""Papers: fixed and blueprint papers, points, option shuffling and the way back to bank labels."""

from __future__ import annotations

from collections import Counter

import pytest

from quizkit.bank import Bank
from quizkit.errors import SessionError
from quizkit.grading import fraction
from quizkit.sessions.blueprint import parse_blueprint
from quizkit.sessions.papers import (
    Paper,
    displayed,
    draw_paper,
    to_bank_labels,
    to_display_labels,
)
from quizkit.sessions.rules import PaperRules, SessionRules


def rules(**paper: object) -> SessionRules:
    return SessionRules(paper=PaperRules.model_validate(paper), seed="fixed-seed")


def test_a_fixed_paper_keeps_the_order_expands_cases_and_uses_points_per_type(bank: Bank) -> None:
    paper = draw_paper(
        bank,
        rules(
            questions=["xk-judge-01", "xk-case", "cf-single-02"],
            points={"single": 3, "multiple": 2, "judge": 1},
        ),
        "c001",
    )
    assert paper.question_ids == ["xk-judge-01", "xk-case-1", "xk-case-2", "cf-single-02"]
    assert [item.points for item in paper.items] == [1, 1, 3, 3]
    assert [item.case for item in paper.items] == [None, "xk-case", "xk-case", None]
    assert paper.total_points == 8
    assert paper.to_json()["total_points"] == 8


def test_an_unknown_id_in_a_fixed_paper_is_refused(bank: Bank) -> None:
    with pytest.raises(SessionError, match="xk-nope"):
        draw_paper(bank, rules(questions=["xk-nope"]), "c001")


def test_a_blueprint_paper_has_the_cells_points_and_slots(bank: Bank) -> None:
    paper = draw_paper(
        bank, rules(blueprint=parse_blueprint("single:6x2,multiple:3x4,judge:5x1")), "c001"
    )
    types = Counter(bank.question(qid).type for qid in paper.question_ids)
    assert types == {"single": 6, "multiple": 3, "judge": 5}
    assert paper.total_points == 6 * 2 + 3 * 4 + 5 * 1
    assert {item.slot for item in paper.items} == {f"1.{k}" for k in range(1, 7)} | {
        f"2.{k}" for k in range(1, 4)
    } | {f"3.{k}" for k in range(1, 6)}
    assert all(item.points == 4 for item in paper.items if item.slot.startswith("2."))


def test_papers_are_reproducible_per_cadre_and_attempt(bank: Bank) -> None:
    session = rules(
        blueprint=parse_blueprint("single:6x2,multiple:3x2,judge:4x2"), shuffle_questions=True
    )
    first = draw_paper(bank, session, "c001", 1)
    assert draw_paper(bank, session, "c001", 1) == first
    assert draw_paper(bank, session, "c002", 1) != first
    assert draw_paper(bank, session, "c001", 2) != first
    assert Paper.from_json(first.to_json()) == first


def test_shuffled_options_are_shown_relabelled_and_graded_in_bank_labels(bank: Bank) -> None:
    session = rules(questions=["xk-multiple-01", "xk-single-01", "xk-judge-01"]).model_copy(
        update={"shuffle_options": True}
    )
    orders = {draw_paper(bank, session, f"c{i:03d}").items[0].options for i in range(20)}
    assert len(orders) > 1  # different cadres see different orders
    paper = draw_paper(bank, session, "c001")
    multi, single, judge = paper.items
    assert judge.options is None
    question = bank.question("xk-multiple-01")  # answer A, C
    shown = displayed(question, multi.options)
    assert shown.options is not None and sorted(shown.options.values()) == sorted(
        question.options.values()
    )
    assert isinstance(shown.answer, list)
    shown_labels = tuple(sorted(label for label in shown.answer if isinstance(label, str)))
    back = to_bank_labels(shown_labels, multi.options)
    assert back == ("A", "C")
    assert fraction(shown, shown_labels) == fraction(question, back) == 1.0
    assert to_display_labels(back, multi.options) == shown_labels
    single_q = bank.question("xk-single-01")
    shown_single = displayed(single_q, single.options)
    assert to_bank_labels(str(shown_single.answer), single.options) == "C"
