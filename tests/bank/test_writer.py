"""The bank writer: what it writes reads back as the same models, for the real bank and for any text."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quizkit.bank import load_bank, read_bank
from quizkit.bank.models import CaseGroup, Question
from quizkit.bank.writer import bank_document, dump_bank, render_bank, write_bank_file
from quizkit.bank.yamlsource import load_yaml
from tests.conftest import PROJECT
from tests.factories import judge_data, make_question, multiple_data, question_data


def test_whole_real_bank_reads_back_unchanged(tmp_path: Path) -> None:
    bank = load_bank(PROJECT / "question_bank")
    by_law: dict[str, list[Question | CaseGroup]] = {}
    for entry in bank.entries.values():
        items = by_law.setdefault(entry.law, [])
        item = entry.case or entry.question
        if item not in items:
            items.append(item)
    for law, items in by_law.items():
        quizzes = [q for qid, q in bank.quizzes.items() if bank.quiz_laws[qid] == law]
        write_bank_file(tmp_path / f"{law}.yaml", law, items, quizzes)
    again = load_bank(tmp_path)
    assert len(again) == len(bank) > 0
    for question_id, entry in bank.entries.items():
        assert again.entries[question_id].question == entry.question
        assert again.entries[question_id].law == entry.law
    assert again.cases == bank.cases
    assert again.quizzes == bank.quizzes


def test_layout_follows_the_documented_order(tmp_path: Path) -> None:
    text = dump_bank("administrative-licensing", [make_question(points=3)])
    keys = [line.split(":")[0].strip(" -") for line in text.splitlines() if line.startswith("    ")]
    keys = [key for key in keys if key in Question.model_fields]
    assert keys == [
        "type",
        "stem",
        "options",
        "answer",
        "points",
        "explanation",
        "cite",
        "difficulty",
        "tags",
        "status",
    ]
    assert "  - id: xk-042-deadline\n" in text
    assert "    tags: [期限]\n" in text


def test_yaml_11_words_and_numbers_are_quoted(tmp_path: Path) -> None:
    tricky = question_data(
        stem="no",
        options={"A": "yes", "B": "Off", "C": "1.5e5", "D": "2019-04-23"},
        explanation="Y",
        tags=["on", "N", "a, b", "[x]", "#y", "007", "null", "~"],
    )
    text = dump_bank("administrative-licensing", [tricky, multiple_data(), judge_data()])
    for line in ('stem: "no"', 'A: "yes"', 'B: "Off"', 'C: "1.5e5"', 'explanation: "Y"'):
        assert line in text
    path = tmp_path / "t.yaml"
    path.write_text(text, encoding="utf-8")
    bank, problems = read_bank([path])
    assert not [p for p in problems if "YAML" in p.message]
    assert bank.question("xk-042-deadline") == Question.model_validate(tricky)
    assert bank.question("xk-042-multi").answer == ["A", "C"]
    assert bank.question("xk-042-judge").answer is True


def test_document_is_what_the_written_file_reads_back(tmp_path: Path) -> None:
    """Importers check :func:`bank_document` instead of the file: the two must be the same data."""
    tricky = question_data(stem="no", options={"A": "yes", "B": "Off", "C": None}, tags=("on", "1"))
    case = {
        "id": "xk-case",
        "type": "case",
        "scenario": "第一行\n第二行",
        "questions": [judge_data(id="xk-case-1"), multiple_data(colour="red")],
    }
    quiz = {"questions": ["xk-case"], "title": "测验", "id": "xk-quiz"}
    document = bank_document("administrative-licensing", [tricky, case], [quiz])
    path = tmp_path / "d.yaml"
    path.write_text(render_bank(document), encoding="utf-8")
    data, problems = load_yaml(path)
    assert problems == []
    assert data == document
    assert list(data["quizzes"][0]) == ["id", "title", "questions"]
    assert "C" not in data["questions"][0]["options"]  # None is left out, as in the file
    assert render_bank(document) == dump_bank("administrative-licensing", [tricky, case], [quiz])


_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(stem=_TEXT, option=_TEXT, explanation=_TEXT, tag=_TEXT, quote=_TEXT)
def test_any_text_reads_back_as_written(
    tmp_path: Path, stem: str, option: str, explanation: str, tag: str, quote: str
) -> None:
    original = make_question(
        stem=stem,
        options={"A": option, "B": "乙", "C": "丙"},
        answer="A",
        explanation=explanation,
        tags=[tag],
        cite={"law": "administrative-licensing", "article": 42, "quote": quote},
    )
    path = write_bank_file(tmp_path / "h.yaml", "administrative-licensing", [original])
    bank, problems = read_bank([path])
    assert "xk-042-deadline" in bank.entries, [str(p) for p in problems]
    assert bank.question("xk-042-deadline") == original
