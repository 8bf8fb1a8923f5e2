"""The real question bank meets the course's content rules; counts come from the bank itself."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import pytest

from quizkit.bank import Bank, load_bank
from quizkit.laws import LAWS
from tests.conftest import PROJECT

MINIMUM_PER_LAW = {"single": 20, "multiple": 10, "judge": 10}
MINIMUM_TOTAL = 360
# The instruments added in issue 13: at least 45 active top-level questions, and a 案例分析 group of 3–4.
NEW_LAWS = (
    "major-administrative-decisions",
    "villagers-committees",
    "land-administration",
    "urban-rural-planning",
    "petition-work",
    "work-safety",
    "public-official-sanctions",
    "emergency-response",
)
MINIMUM_TOP_LEVEL = {"new": 45, "old": 40}


@pytest.fixture(scope="module")
def bank() -> Bank:
    return load_bank(PROJECT / "question_bank")


def top_level(bank: Bank, law: str) -> list[str]:
    return [
        e.question.type
        for e in bank.entries.values()
        if e.law == law and e.case is None and e.question.active
    ]


def test_every_law_has_its_own_file(bank: Bank) -> None:
    assert {path.stem for path in bank.files} == set(LAWS)


@pytest.mark.parametrize("law", [slug for slug, law in LAWS.items() if law.articles is not None])
def test_law_counts(bank: Bank, law: str) -> None:
    types = Counter(top_level(bank, law))
    assert sum(types.values()) >= MINIMUM_TOP_LEVEL["new" if law in NEW_LAWS else "old"], types
    for kind, minimum in MINIMUM_PER_LAW.items():
        assert types[kind] >= minimum, (kind, types)


@pytest.mark.parametrize("law", [slug for slug, law in LAWS.items() if law.articles is None])
def test_outline_counts(bank: Bank, law: str) -> None:
    assert len(top_level(bank, law)) >= 20


@pytest.mark.parametrize("law", list(LAWS))
def test_difficulties_and_case_groups(bank: Bank, law: str) -> None:
    levels = {
        e.question.difficulty for e in bank.entries.values() if e.law == law and e.question.active
    }
    assert levels == {1, 2, 3}
    cases = [c for cid, c in bank.cases.items() if bank.case_laws[cid] == law]
    assert any(len(case.questions) >= 3 for case in cases), f"{law}: no case group of 3+"


def test_bank_total(bank: Bank) -> None:
    assert sum(1 for q in bank.questions() if q.active) >= MINIMUM_TOTAL


def test_judge_answers_are_mixed(bank: Bank) -> None:
    for law in LAWS:
        answers = Counter(
            e.question.answer
            for e in bank.entries.values()
            if e.law == law and e.question.type == "judge"
        )
        assert answers[True] >= 2 and answers[False] >= 2, (law, answers)


def _shingles(text: str) -> set[str]:
    compact = "".join(ch for ch in text if ch.isalnum())
    return {compact[i : i + 3] for i in range(max(len(compact) - 2, 1))}


def test_no_near_duplicate_stems(bank: Bank) -> None:
    stems = [(q.id, _shingles(q.stem)) for q in bank.questions()]
    too_close = []
    for (id_a, a), (id_b, b) in combinations(stems, 2):
        if len(a & b) / len(a | b) > 0.8:
            too_close.append((id_a, id_b))
    assert not too_close


def test_explanations_name_the_law(bank: Bank) -> None:
    for question in bank.questions():
        law = LAWS[question.cite.law]
        if law.articles is not None:
            assert "《" in question.explanation or "第" in question.explanation, question.id


def test_named_quizzes_are_not_empty(bank: Bank) -> None:
    for quiz in bank.quizzes.values():
        assert quiz.questions, quiz.id
        assert all(qid in bank.entries or qid in bank.cases for qid in quiz.questions)


@pytest.mark.parametrize("law", NEW_LAWS)
def test_new_laws_have_a_case_group_of_three_or_four(bank: Bank, law: str) -> None:
    sizes = [
        len([q for q in case.questions if q.active])
        for cid, case in bank.cases.items()
        if bank.case_laws[cid] == law and case.status == "active"
    ]
    assert any(3 <= size <= 4 for size in sizes), f"{law}: case groups of sizes {sizes}"


def test_new_laws_are_citable_laws() -> None:
    assert set(NEW_LAWS) <= set(LAWS)
