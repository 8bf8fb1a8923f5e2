"""填空: matching, the scorer under each policy (worked by hand), the checker rules, and how it reads."""

from __future__ import annotations

import pytest

from quizkit.bank.models import Question
from quizkit.grading import MultiPolicy, ScoringRules, fraction, is_correct, score
from quizkit.question_types import QUESTION_TYPES, type_for_word
from quizkit.question_types.fill import blank_count, match_key, numbered_blanks
from tests.factories import fill_data


def fill(**overrides: object) -> Question:
    return Question.model_validate(fill_data(**overrides))


FILL = fill()
ONE_BLANK = fill(id="xk-042-one", stem="应当自受理之日起____日内作出决定。", answer=[["二十"]])
KIND = QUESTION_TYPES["fill"]


@pytest.mark.parametrize(
    ("typed", "accepted"),
    [
        ("２０", "20"),  # full-width digits
        (" 二 十 ", "二十"),  # spaces, also inside
        ("二十。", "二十"),  # 句号
        ("三至九，", "三至九"),  # 逗号
        ("“听证”", "听证"),  # quotes
        ("ＡＢＣ", "abc".upper()),
    ],
)
def test_matching_ignores_width_spaces_and_punctuation(typed: str, accepted: str) -> None:
    assert match_key(typed) == match_key(accepted)


def test_matching_still_tells_different_words_apart() -> None:
    assert match_key("二十") != match_key("三十")
    assert match_key("20") != match_key("二十")  # the article's own wording is what counts


@pytest.mark.parametrize(
    ("response", "policy", "expected"),
    [
        (("二十", "十"), MultiPolicy.ALL_OR_NOTHING, 1.0),
        (("二十", "十日"), MultiPolicy.ALL_OR_NOTHING, 1.0),  # a second accepted answer
        (("二十", "五"), MultiPolicy.ALL_OR_NOTHING, 0.0),
        (("二十", "五"), MultiPolicy.PARTIAL, 0.5),
        (("二十", "五"), MultiPolicy.MOODLE, 0.5),
        (("", "十"), MultiPolicy.PARTIAL, 0.5),  # an empty blank earns nothing, costs nothing
        (("三十", "五"), MultiPolicy.PARTIAL, 0.0),
        (("十", "二十"), MultiPolicy.PARTIAL, 0.0),  # blanks are matched in order
        (("二十",), MultiPolicy.PARTIAL, 0.0),  # wrong number of blanks: not an answer
        (None, MultiPolicy.PARTIAL, 0.0),
        ("二十", MultiPolicy.PARTIAL, 0.0),
    ],
)
def test_scores_per_policy(
    response: tuple[str, ...] | str | None, policy: MultiPolicy, expected: float
) -> None:
    assert fraction(FILL, response, policy) == pytest.approx(expected)


def test_points_and_correctness() -> None:
    partial = ScoringRules(multi_policy=MultiPolicy.PARTIAL, points={"fill": 4.0})
    assert score(FILL, ("二十", "五"), partial) == pytest.approx(2.0)
    assert score(FILL, ("二十", "五"), ScoringRules()) == 0.0
    assert ScoringRules().points_for(FILL) == KIND.default_points
    assert not is_correct(FILL, ("二十", "五"))
    assert is_correct(FILL, ("２０".replace("２０", "二十"), "十。"))
    assert score(ONE_BLANK, ("二十",), partial) == 4.0


def _problems(**overrides: object) -> list[tuple[str, str]]:
    return list(KIND.rules(fill(**overrides)))


def test_a_valid_fill_question_has_no_problems() -> None:
    assert _problems() == []


@pytest.mark.parametrize(
    ("overrides", "field", "words"),
    [
        ({"answer": ["二十", "十"]}, "answer", "accepted answers of each blank"),
        ({"answer": [["二十"]]}, "answer", "has 2 blank(s) (____) but the answer lists 1"),
        ({"stem": "没有空的题干。", "answer": [["二十"]]}, "stem", "at least one blank"),
        ({"answer": [["二十"], []]}, "answer.1", "blank 2 needs at least one"),
        ({"answer": [["二十"], ["十", "十 "]]}, "answer.1", "same answer twice"),
        ({"options": {"A": "甲", "B": "乙"}}, "options", "has no options"),
    ],
)
def test_rules_name_the_field(overrides: dict[str, object], field: str, words: str) -> None:
    problems = _problems(**overrides)
    assert any(f == field and words in message for f, message in problems), problems


def test_how_a_fill_answer_reads() -> None:
    assert KIND.describe(FILL, ("二十", "十")) == "（1）二十；（2）十"
    assert KIND.describe(FILL, ("二十", "")) == "（1）二十；（2）（空）"
    assert KIND.describe(FILL, None) == "未作答"
    assert KIND.describe(ONE_BLANK, ("二十",)) == "二十"
    assert KIND.answer_text(FILL) == "（1）二十；（2）十 或 十日"
    assert KIND.answer_text(ONE_BLANK) == "二十"


def test_well_formed_responses() -> None:
    assert KIND.valid(FILL, ("二十", ""))
    assert KIND.valid(FILL, None)
    assert not KIND.valid(FILL, ("二十",))
    assert not KIND.valid(FILL, "二十")
    assert not KIND.valid(FILL, ("二十", "十" * 101))


def test_blanks_in_the_stem() -> None:
    assert blank_count(FILL.stem) == 2
    assert blank_count("一个___空和一个__不算的") == 1
    assert numbered_blanks("甲____乙____丙") == "甲（1）＿＿＿＿乙（2）＿＿＿＿丙"
    assert numbered_blanks("甲_____乙") == "甲＿＿＿＿乙"
    assert numbered_blanks("没有空") == "没有空"


def test_the_type_is_named_in_every_spelling() -> None:
    for word in ("fill", "填空", "填空题", "shortanswer"):
        assert type_for_word(word) == "fill"
    assert KIND.phrases(FILL) == ["二十", "十", "十日"]
