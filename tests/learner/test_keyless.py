"""Questions sent without keys and feedback sent back: what a kernel on the hub turns them into."""

from __future__ import annotations

import pytest

from quizkit.errors import StoreError
from quizkit.grading import ScoringRules
from quizkit.learner.feedback import feedback_for
from quizkit.learner.keyless import (
    feedback_from_json,
    feedback_to_json,
    keyless_question,
    keyless_spec,
)
from quizkit.question_types import QUESTION_TYPES
from quizkit.widgets.question import QuestionView


def test_a_fill_question_without_its_key_still_has_one_box_per_blank() -> None:
    sent = {"question_id": "f-1", "type": "fill", "stem": "应当在____日内作出，并____。"}
    question = keyless_question(sent)
    assert QUESTION_TYPES["fill"].valid(question, ("五", "听证"))
    assert not QUESTION_TYPES["fill"].valid(question, ("五",))
    assert len(QuestionView(question, 1, 2.0).input.boxes) == 2  # type: ignore[attr-defined]
    assert question.explanation == "" and question.cite.quote is None


@pytest.mark.parametrize(
    ("kind", "options", "chosen"),
    [("single", {"A": "甲", "B": "乙"}, "B"), ("multiple", {"A": "甲", "B": "乙"}, ("A", "B"))],
)
def test_a_choice_question_without_its_key_takes_its_options(
    kind: str, options: dict[str, str], chosen: object
) -> None:
    question = keyless_question(
        {"question_id": "q-1", "type": kind, "stem": "题干", "options": options, "points": 3}
    )
    assert question.options == options and question.points == 3.0
    assert QUESTION_TYPES[kind].valid(question, chosen)  # type: ignore[arg-type]
    assert not QUESTION_TYPES[kind].valid(question, "Z")
    graded = feedback_for(question, chosen, ScoringRules())  # type: ignore[arg-type]
    assert graded.score == 0.0  # it cannot grade


def test_malformed_questions_quizzes_and_feedback_are_refused_with_a_message() -> None:
    with pytest.raises(StoreError, match="题目格式不正确"):
        keyless_question({"question_id": "q", "type": "essay", "stem": "?"})
    with pytest.raises(StoreError, match="题目格式不正确"):
        keyless_question({"question_id": "q", "type": "single", "stem": "?", "options": ["A"]})
    with pytest.raises(StoreError, match="题目格式不正确"):
        keyless_spec({"id": "x", "blocks": "all"})
    with pytest.raises(StoreError, match="解析格式不正确"):
        feedback_from_json({"question_id": "q", "correct": True})


def test_feedback_crosses_the_wire_unchanged() -> None:
    question = keyless_question(
        {"question_id": "q-1", "type": "judge", "stem": "行政机关可以不听证。"}
    )
    feedback = feedback_for(question, True, ScoringRules())
    assert feedback_from_json(feedback_to_json(feedback)) == feedback


def test_a_quiz_sent_with_a_case_keeps_its_blocks() -> None:
    spec = keyless_spec(
        {
            "id": "lesson-01",
            "title": "第一课",
            "law": "xzxkf",
            "blocks": [
                {"case": None, "questions": [{"question_id": "a", "type": "judge", "stem": "甲"}]},
                {
                    "case": {"id": "case-1", "title": "案例", "scenario": "某镇政府……"},
                    "questions": [
                        {"question_id": "b", "type": "judge", "stem": "乙"},
                        {"question_id": "c", "type": "judge", "stem": "丙"},
                    ],
                },
            ],
        }
    )
    assert [q.id for q in spec.questions] == ["a", "b", "c"]
    assert spec.blocks[1].case is not None and spec.blocks[1].case.scenario == "某镇政府……"
    assert (spec.id, spec.title, spec.law) == ("lesson-01", "第一课", "xzxkf")
