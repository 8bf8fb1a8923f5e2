"""Each checker problem carries the field it is about (bank rules and pydantic ``loc`` alike), and its
line is that field's line in the file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quizkit.bank import read_bank
from quizkit.bank.loader import check_bank_data
from quizkit.bank.rules import MAX_QUOTE_CHARS
from quizkit.errors import Problem
from tests.factories import fill_data, judge_data, multiple_data, question_data, write_bank

CITE = {"law": "administrative-licensing", "article": 42, "quote": "二十日内"}


def _case(**sub_overrides: Any) -> dict[str, Any]:
    return {
        "id": "xk-case",
        "type": "case",
        "scenario": "某镇便民服务中心……",
        "questions": [question_data(id="xk-case-1", **sub_overrides)],
    }


FIELD_TABLE: list[tuple[dict[str, Any], str, str, str]] = [
    # (question data, item, field, part of the message)
    (question_data(answer="E"), "xk-042-deadline", "answer", "not among the options"),
    (multiple_data(answer=["A"]), "xk-042-multi", "answer", "at least two correct"),
    (judge_data(answer="对"), "xk-042-judge", "answer", "true or false"),
    (judge_data(options={"A": "对", "B": "错"}), "xk-042-judge", "options", "has no options"),
    (
        question_data(options={"A": "甲"}, answer="A"),
        "xk-042-deadline",
        "options",
        "at least two options",
    ),
    (question_data(options={"A": "甲", "B": " "}, answer="A"), "xk-042-deadline", "options.B", ""),
    (
        question_data(options={"A": "甲", "B": "行政 许可"}, answer="A"),
        "xk-042-deadline",
        "options.B",
        "gap",
    ),
    (question_data(stem=" "), "xk-042-deadline", "stem", "the stem is empty"),
    (question_data(explanation=""), "xk-042-deadline", "explanation", "explanation is empty"),
    (question_data(cite={**CITE, "law": "tax-law"}), "xk-042-deadline", "cite.law", "unknown law"),
    (question_data(cite={**CITE, "article": 84}), "xk-042-deadline", "cite.article", "beyond"),
    (
        question_data(cite={"law": "administrative-licensing", "quote": "二十日内"}),
        "xk-042-deadline",
        "cite.article",
        "cite.article is missing",
    ),
    (
        question_data(cite={"law": "administrative-licensing", "article": 42}),
        "xk-042-deadline",
        "cite.quote",
        "cite.quote is missing",
    ),
    (
        question_data(cite={**CITE, "quote": "期" * (MAX_QUOTE_CHARS + 1)}),
        "xk-042-deadline",
        "cite.quote",
        "quote a short phrase",
    ),
    (question_data(difficulty=4), "xk-042-deadline", "difficulty", "Input should be 1, 2 or 3"),
    (question_data(answer=2.5), "xk-042-deadline", "answer", "Input should be"),
    (question_data(cite={**CITE, "article": "x"}), "xk-042-deadline", "cite.article", "Input"),
    (question_data(colour="red"), "xk-042-deadline", "colour", "unknown field 'colour'"),
    (
        {k: v for k, v in question_data().items() if k != "stem"},
        "xk-042-deadline",
        "stem",
        "missing field 'stem'",
    ),
    (question_data(type="essay"), "xk-042-deadline", "type", "type must be one of"),
    (_case(answer="E"), "xk-case-1", "answer", "not among the options"),
    (_case(difficulty=7), "xk-case-1", "difficulty", "Input should be 1, 2 or 3"),
    ({**_case(), "scenario": " "}, "xk-case", "scenario", "scenario is empty"),
]


def _only_problem(problems: list[Problem]) -> Problem:
    assert len({(p.item, p.field) for p in problems}) == 1, [str(p) for p in problems]
    return problems[0]


@pytest.mark.parametrize(("data", "item", "field", "message"), FIELD_TABLE)
def test_problem_carries_its_field(
    tmp_path: Path, data: dict[str, Any], item: str, field: str, message: str
) -> None:
    path = write_bank(tmp_path, [data])
    _, problems = read_bank([tmp_path])
    problem = _only_problem(problems)
    assert (problem.item, problem.field) == (item, field)
    assert message in problem.message
    assert str(problem).endswith(f" [{field}]")
    assert problem.line is not None
    line_text = path.read_text(encoding="utf-8").splitlines()[problem.line - 1]
    if "missing" in problem.message:  # the line of the field's parent: the citation, the item
        assert line_text.lstrip("- ").startswith(("cite:", "id:")), line_text
    else:
        assert line_text.lstrip("- ").startswith(f"{field.split('.')[-1]}:"), line_text


@pytest.mark.parametrize(("data", "item", "field", "message"), FIELD_TABLE)
def test_plain_data_gets_the_same_problems(
    tmp_path: Path, data: dict[str, Any], item: str, field: str, message: str
) -> None:
    """Checking an importer's plain data finds what checking the written file finds, minus lines."""
    write_bank(tmp_path, [data])
    _, from_file = read_bank([tmp_path])
    document = {"schema_version": 1, "law": "administrative-licensing", "questions": [data]}
    _, from_data = check_bank_data(document, "import.xlsx")
    assert [(p.item, p.field, p.message) for p in from_data] == [
        (p.item, p.field, p.message) for p in from_file
    ]
    assert all(p.file == "import.xlsx" and p.line is None for p in from_data)


def test_quote_not_in_the_article_names_cite_quote(tmp_path: Path, laws_dir: Path) -> None:
    path = write_bank(tmp_path, [question_data(cite={**CITE, "quote": "三十日内"})])
    _, problems = read_bank([tmp_path], laws_dir)
    (problem,) = problems
    assert problem.field == "cite.quote"
    assert problem.line is not None
    assert "quote:" in path.read_text(encoding="utf-8").splitlines()[problem.line - 1]


def test_quiz_problems_name_their_field(tmp_path: Path) -> None:
    quizzes = [{"id": "xk-quiz", "title": "测验", "questions": ["nope"]}]
    write_bank(tmp_path, [question_data()], quizzes=quizzes)
    _, problems = read_bank([tmp_path])
    assert [(p.item, p.field) for p in problems] == [("xk-quiz", "questions")]


def test_fill_answers_must_be_the_articles_own_words(tmp_path: Path, laws_dir: Path) -> None:
    write_bank(tmp_path, [fill_data(), fill_data(id="xk-042-fill-20", answer=[["20"], ["十"]])])
    _, problems = read_bank([tmp_path], laws_dir)
    (problem,) = problems
    assert (problem.item, problem.field) == ("xk-042-fill-20", "answer")
    assert "accepted answer '20' does not appear in 《行政许可法》第四十二条" in problem.message
    text = (tmp_path / "administrative-licensing.yaml").read_text(encoding="utf-8").splitlines()
    assert problem.line is not None and text[problem.line - 1].strip().startswith("answer:")


def test_fill_rules_name_their_field_in_the_bank(tmp_path: Path) -> None:
    write_bank(tmp_path, [fill_data(answer=[["二十"]])])
    _, problems = read_bank([tmp_path])
    assert [(p.item, p.field) for p in problems] == [("xk-042-fill", "answer")]
    assert "2 blank(s)" in problems[0].message
