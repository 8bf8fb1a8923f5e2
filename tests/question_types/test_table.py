"""The question-type table: every row is complete, and every spelling names one type."""

from __future__ import annotations

from quizkit.question_types import QUESTION_TYPES, TYPE_NAMES, default_points, type_for_word


def test_every_spelling_names_exactly_one_type() -> None:
    seen: dict[str, str] = {}
    for name, kind in QUESTION_TYPES.items():
        assert kind.name == name
        for word in kind.words:
            assert seen.setdefault(word.lower(), name) == name, word
            assert type_for_word(f" {word.upper()} ") == name
    assert type_for_word("论述题") is None


def test_names_and_points_come_from_the_rows() -> None:
    assert TYPE_NAMES == {
        "single": "单选题",
        "multiple": "多选题",
        "judge": "判断题",
        "fill": "填空题",
    }
    assert default_points() == {name: 2.0 for name in QUESTION_TYPES}
    assert {kind.input for kind in QUESTION_TYPES.values()} == {
        "radio",
        "checkboxes",
        "judge",
        "blanks",
    }
