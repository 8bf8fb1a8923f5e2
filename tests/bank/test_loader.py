"""Every checker rule against small bad banks: the message text and the line number are asserted."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizkit.bank import load_bank, read_bank
from quizkit.errors import BankError
from tests.factories import judge_data, multiple_data, question_data, write_bank


def problems_of(folder: Path, laws: Path | None = None) -> list[str]:
    _, problems = read_bank([folder], laws)
    return [str(p) for p in problems]


def write_text(folder: Path, text: str, name: str = "bank.yaml") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


HEADER = "schema_version: 1\nlaw: administrative-licensing\nquestions:\n"


def test_valid_bank_loads(tmp_path: Path) -> None:
    write_bank(tmp_path, [question_data(), judge_data(), multiple_data()])
    bank = load_bank(tmp_path)
    assert len(bank) == 3
    assert bank.question("xk-042-judge").answer is True


def test_malformed_yaml_names_file_and_line(tmp_path: Path) -> None:
    path = write_text(tmp_path, HEADER + "  - id: a\n    stem: [unclosed\n")
    (message,) = problems_of(tmp_path)
    assert message.startswith(f"{path.as_posix()}:")
    assert "malformed YAML" in message


def test_yaml11_boolean_is_reported_not_accepted(tmp_path: Path) -> None:
    data = question_data(options={"A": "PLACEHOLDER", "B": "是", "C": "否", "D": "无"})
    path = write_bank(tmp_path, [data])
    path.write_text(
        path.read_text(encoding="utf-8").replace("PLACEHOLDER", "off"), encoding="utf-8"
    )
    messages = problems_of(tmp_path)
    assert any(
        "'off' is read as a YAML 1.1 boolean" in m and "xk-042-deadline" in m for m in messages
    )


def test_dates_stay_text(tmp_path: Path) -> None:
    write_bank(tmp_path, [question_data(stem="PLACE")])
    path = tmp_path / "administrative-licensing.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("PLACE", "2019-04-23"), encoding="utf-8"
    )
    assert load_bank(tmp_path).question("xk-042-deadline").stem == "2019-04-23"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (question_data(colour="red"), "xk-042-deadline: unknown field 'colour'"),
        (
            {k: v for k, v in question_data().items() if k != "stem"},
            "xk-042-deadline: missing field 'stem'",
        ),
        (
            question_data(answer="E"),
            "xk-042-deadline: answer 'E' is not among the options (A, B, C, D)",
        ),
        (
            multiple_data(answer=["A"]),
            "xk-042-multi: a multiple-choice question needs at least two correct options",
        ),
        (judge_data(answer="对"), "xk-042-judge: a judge answer is true or false, not '对'"),
        (question_data(stem="  "), "xk-042-deadline: the stem is empty"),
        (question_data(explanation=""), "xk-042-deadline: the explanation is empty"),
        (
            question_data(cite={"law": "tax-law", "article": 1, "quote": "x"}),
            "xk-042-deadline: unknown law 'tax-law'",
        ),
        (
            question_data(cite={"law": "administrative-licensing", "article": 84, "quote": "x"}),
            "xk-042-deadline: article 84 is beyond 行政许可法's 83 articles",
        ),
        (question_data(difficulty=4), "xk-042-deadline: difficulty: Input should be 1, 2 or 3"),
        (
            question_data(type="essay"),
            "xk-042-deadline: type must be one of single, multiple, judge, fill, case",
        ),
    ],
)
def test_rule_messages(tmp_path: Path, data: dict[str, object], expected: str) -> None:
    write_bank(tmp_path, [question_data(id="xk-first"), data])
    messages = problems_of(tmp_path)
    assert any(expected in m for m in messages), messages


def test_problem_line_points_at_the_field(tmp_path: Path) -> None:
    text = HEADER + (
        "  - id: q1\n"  # line 4
        "    type: single\n"
        "    stem: 问题\n"
        "    options: {A: 甲, B: 乙}\n"
        "    answer: C\n"  # line 8
        "    explanation: 解析\n"
        "    cite: {law: administrative-licensing, article: 42, quote: 二十日内}\n"
        "    difficulty: 1\n"
    )
    path = write_text(tmp_path, text)
    assert problems_of(tmp_path) == [
        f"{path.as_posix()}:8: q1: answer 'C' is not among the options (A, B) [answer]"
    ]


def test_duplicate_ids_across_files(tmp_path: Path) -> None:
    first = write_bank(tmp_path, [question_data()], name="a.yaml")
    write_bank(tmp_path, [question_data()], name="b.yaml")
    messages = problems_of(tmp_path)
    assert any(
        f"b.yaml:4: xk-042-deadline: duplicate id (first used at {first.as_posix()}:4)" in m
        for m in messages
    ), messages


def test_every_problem_reported_at_once(tmp_path: Path) -> None:
    write_bank(
        tmp_path,
        [
            question_data(id="a", answer="E"),
            judge_data(id="b", explanation=""),
            question_data(id="c", colour="x", stem=""),
        ],
    )
    messages = problems_of(tmp_path)
    assert len(messages) == 4  # c: unknown field AND empty stem


def test_quote_checked_against_the_article(tmp_path: Path, laws_dir: Path) -> None:
    write_bank(
        tmp_path,
        [
            question_data(),
            question_data(
                id="bad",
                cite={"law": "administrative-licensing", "article": 42, "quote": "三十日内"},
            ),
        ],
    )
    messages = problems_of(tmp_path, laws_dir)
    assert len(messages) == 1
    assert "bad: quote '三十日内' does not appear in 《行政许可法》第四十二条" in messages[0]


def test_outline_cites_a_part_without_quote(tmp_path: Path, laws_dir: Path) -> None:
    data = question_data(id="gy04-05", cite={"law": "outline-2004", "part": "二、（五）"})
    write_bank(tmp_path, [data], law="outline-2004")
    assert problems_of(tmp_path, laws_dir) == []
    write_bank(
        tmp_path,
        [question_data(id="gy04-06", cite={"law": "outline-2004"})],
        law="outline-2004",
        name="other.yaml",
    )
    assert any("add cite.part" in m for m in problems_of(tmp_path))


def test_case_group_and_named_quiz(tmp_path: Path) -> None:
    case = {
        "id": "xk-case-window",
        "type": "case",
        "scenario": "某镇便民服务中心……",
        "questions": [question_data(id="xk-case-window-1"), judge_data(id="xk-case-window-2")],
    }
    quizzes = [
        {"id": "xk-basics", "title": "基础", "questions": ["xk-042-deadline", "xk-case-window"]},
        {"id": "xk-broken", "title": "坏", "questions": ["nope"]},
    ]
    write_bank(tmp_path, [question_data(), case], quizzes=quizzes)
    bank, problems = read_bank([tmp_path])
    assert [str(p).split(": ", 1)[1] for p in problems] == [
        "xk-broken: quiz refers to unknown question 'nope' [questions]"
    ]
    assert bank.entries["xk-case-window-2"].case is not None
    assert set(bank.quizzes) == {"xk-basics", "xk-broken"}


def test_load_bank_raises_with_all_problems(tmp_path: Path) -> None:
    write_bank(tmp_path, [question_data(answer="Z")])
    with pytest.raises(BankError) as raised:
        load_bank(tmp_path)
    assert len(raised.value.problems) == 1
    assert "quizkit bank check" in str(raised.value)


def test_not_utf8_file(tmp_path: Path) -> None:
    (tmp_path / "gbk.yaml").write_bytes(HEADER.encode("utf-8") + "  - 题目".encode("gbk"))
    (message,) = problems_of(tmp_path)
    assert "not UTF-8" in message and "save the file as UTF-8" in message


def test_empty_question_list_is_accepted(tmp_path: Path) -> None:
    write_text(tmp_path, "schema_version: 1\nlaw: administrative-licensing\nquestions: []\n")
    assert problems_of(tmp_path) == []
    write_text(
        tmp_path, "schema_version: 1\nlaw: administrative-licensing\nquestions: 3\n", "b.yaml"
    )
    assert problems_of(tmp_path) == [
        f"{(tmp_path / 'b.yaml').as_posix()}:3: questions must be a list [questions]"
    ]
