"""QuestionView on its own: renders one question of each type and returns the learner's response."""

from __future__ import annotations

from typing import Any

import pytest

from quizkit.bank.models import Question
from quizkit.grading import ScoringRules
from quizkit.learner.feedback import feedback_for
from quizkit.question_types import QUESTION_TYPES
from quizkit.widgets.question import INPUTS, BlanksInput, CheckboxInput, QuestionView, RadioInput
from tests.factories import fill_data, judge_data, multiple_data, question_data


@pytest.mark.parametrize(
    ("data", "kind", "labels", "choice"),
    [
        (question_data(), RadioInput, ["A．十日", "B．十五日", "C．二十日", "D．三十日"], "C"),
        (judge_data(), RadioInput, ["对", "错"], True),
        (multiple_data(), CheckboxInput, ["A．甲", "B．乙", "C．丙", "D．丁"], ("A", "C")),
    ],
    ids=["single", "judge", "multiple"],
)
def test_each_type_renders_its_inputs_and_returns_the_choice(
    data: dict[str, Any], kind: type, labels: list[str], choice: Any
) -> None:
    question = Question.model_validate(data)
    view = QuestionView(question, 3, 2.0)
    assert isinstance(view.input, kind)
    if isinstance(view.input, RadioInput):
        assert [label for label, _value in view.input.widget.options] == labels
        assert view.input.widget.index is None  # nothing preselected
    else:
        assert [box.description for box in view.input.boxes.values()] == labels
    assert "第 3 题" in view.prompt.value and question.stem in view.prompt.value
    assert view.response is None
    view.set_response(choice)
    assert view.response == choice
    view.lock()
    assert view.locked
    view.show_feedback(feedback_for(question, choice, ScoringRules()))
    assert "回答正确" in view.feedback.value
    view.reset()
    assert view.response is None and not view.locked and view.feedback.value == ""


def test_stem_and_options_are_escaped() -> None:
    question = Question.model_validate(
        question_data(stem="<b>粗体</b> & 条款", options={"A": "<i>甲</i>", "B": "乙"}, answer="A")
    )
    view = QuestionView(question, 1, 2.0)
    assert "&lt;b&gt;粗体&lt;/b&gt; &amp; 条款" in view.prompt.value
    view.show_feedback(feedback_for(question, "A", ScoringRules()))
    assert "<i>" not in view.feedback.value and "&lt;i&gt;甲&lt;/i&gt;" in view.feedback.value


def test_fill_shows_one_labelled_text_box_per_blank_and_returns_the_texts() -> None:
    question = Question.model_validate(fill_data())
    view = QuestionView(question, 2, 2.0)
    assert isinstance(view.input, BlanksInput)
    assert [box.description for box in view.input.boxes] == ["第 1 空", "第 2 空"]
    assert all(box.continuous_update is False for box in view.input.boxes)
    assert "（1）＿＿＿＿" in view.prompt.value and "（2）＿＿＿＿" in view.prompt.value
    assert "第 2 题 · 填空题 · 2 分" in view.prompt.value
    assert view.response is None
    view.input.boxes[1].value = " 十 "
    assert view.response == ("", "十")
    view.input.boxes[0].value = "二十"
    assert view.response == ("二十", "十")
    view.show_feedback(feedback_for(question, view.response, ScoringRules()))
    assert "回答正确" in view.feedback.value
    assert "正确答案：（1）二十；（2）十 或 十日" in view.feedback.value
    assert "依据：《行政许可法》第四十二条" in view.feedback.value
    view.lock()
    assert all(box.disabled for box in view.input.boxes)
    view.reset()
    assert view.response is None and not any(box.disabled for box in view.input.boxes)
    view.set_response(("二十", "五"))
    assert [box.value for box in view.input.boxes] == ["二十", "五"]


def test_one_blank_is_labelled_fill() -> None:
    question = Question.model_validate(
        fill_data(stem="应当自受理之日起____日内作出决定。", answer=[["二十"]])
    )
    view = QuestionView(question, 1, 2.0)
    assert isinstance(view.input, BlanksInput)
    assert [box.description for box in view.input.boxes] == ["填空"]
    assert "＿＿＿＿" in view.prompt.value and "（1）" not in view.prompt.value


def test_every_input_kind_of_the_type_table_has_a_widget() -> None:
    assert {kind.input for kind in QUESTION_TYPES.values()} <= set(INPUTS)
