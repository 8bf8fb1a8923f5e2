"""Feedback texts built from the bank and the grading core (no widgets)."""

from __future__ import annotations

import pytest

from quizkit.bank.models import Question
from quizkit.grading import MultiPolicy, ScoringRules
from quizkit.learner.feedback import describe, feedback_for, format_points
from tests.factories import make_question, multiple_data


@pytest.mark.parametrize(
    ("raw", "verdict", "response_text"),
    [
        (("A", "C"), "回答正确（得 2 分）", "A．甲；C．丙"),
        (("A",), "部分正确（得 1 分，满分 2 分）", "A．甲"),
        (("A", "B"), "回答错误（得 0 分，满分 2 分）", "A．甲；B．乙"),
        (None, "回答错误（得 0 分，满分 2 分）", "未作答"),
    ],
)
def test_multiple_choice_under_partial_credit(
    raw: tuple[str, ...] | None, verdict: str, response_text: str
) -> None:
    question = Question.model_validate(multiple_data())
    feedback = feedback_for(question, raw, ScoringRules(multi_policy=MultiPolicy.PARTIAL))
    assert feedback.verdict == verdict
    assert feedback.response_text == response_text
    assert feedback.answer_text == "A．甲；C．丙"
    assert feedback.citation == "《行政许可法》第四十二条"


def test_judge_and_outline_citations_read_as_chinese() -> None:
    judge = make_question(id="j", type="judge", options=None, answer=False)
    assert describe(judge, False) == "错" and describe(judge, True) == "对"
    outline = make_question(cite={"law": "outline-2004", "part": "三、（十）"})
    assert (
        feedback_for(outline, "C", ScoringRules()).citation
        == "《全面推进依法行政实施纲要》三、（十）"
    )


@pytest.mark.parametrize(("value", "text"), [(2.0, "2"), (1.5, "1.5"), (0.6667, "0.67"), (0, "0")])
def test_points_are_printed_without_trailing_zeros(value: float, text: str) -> None:
    assert format_points(value) == text
