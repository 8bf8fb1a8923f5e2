"""Claims the law has since overruled must not come back in the bank or the lessons.

Each row of ``SUPERSEDED`` names a situation, what the old rule let people say about it, and what a text
that is still correct mentions. A passage (a question with its options and explanation, a case scenario,
one line of a lesson's Markdown) that names the situation and makes the old claim without the current
rule is flagged.

Row 复议前置: since 2024-01-01 《行政复议法》第二十三条 requires 行政复议 before 行政诉讼 for 当场作出的
行政处罚, decisions on 已取得的自然资源所有权或者使用权, 未履行法定职责 and 政府信息不予公开. Saying a
villager "may sue" the township over inaction, or may pick 复议 or 诉讼 for 不予公开, is the old rule.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest

from quizkit.bank import Bank, load_bank
from tests.conftest import PROJECT


@dataclass(frozen=True)
class Superseded:
    name: str
    situation: re.Pattern[str]
    old_claim: re.Pattern[str]
    current_rule: re.Pattern[str]
    since: str

    def flags(self, text: str) -> bool:
        return bool(
            self.situation.search(text)
            and self.old_claim.search(text)
            and not self.current_rule.search(text)
        )


SUPERSEDED = (
    Superseded(
        name="复议前置",
        situation=re.compile(
            r"(不|未)履行[^。；]{0,20}法定职责|(内|期|月)不履行|不作为|拒绝履行|不予答复|不予公开"
            r"|当场(作出的)?(行政)?处罚|自然资源的?所有权"
        ),
        old_claim=re.compile(
            r"直接(向人民法院)?(提起)?(行政)?(起诉|诉讼)"
            r"|(可以|就可以|即可)(向人民法院)?(提起)?(行政)?(起诉|诉讼)"
            r"|(行政)?复议(或者|或|、|和)(提起)?(行政)?(诉讼|起诉)"
            r"|可诉|任选"
        ),
        current_rule=re.compile(r"先(申请)?(行政)?复议|复议前置|第二十三条|复议决定不服"),
        since="《行政复议法》（2023年修订，2024-01-01施行）第二十三条",
    ),
)


def bank_passages(bank: Bank) -> Iterator[tuple[str, str]]:
    """(where, text): each active question with its options and explanation; each case scenario."""
    for entry in bank.entries.values():
        question = entry.question
        if not question.active:
            continue
        options = " ".join((question.options or {}).values())
        text = f"{question.stem} {options} {question.explanation}"
        yield f"{entry.file}:{entry.line} {question.id}", text
    for case_id, case in bank.cases.items():
        if case.status == "active":
            yield f"case {case_id}", case.scenario


def notebook_passages(path: Path) -> Iterator[tuple[str, str]]:
    """(where, text): each line of each Markdown cell (a table row or a numbered point is one line)."""
    notebook = nbformat.read(path, as_version=4)
    for number, cell in enumerate(notebook.cells):
        if cell.cell_type != "markdown":
            continue
        for line in cell.source.splitlines():
            if line.strip():
                yield f"{path.name} cell {number}", line


def superseded_claims(passages: Iterator[tuple[str, str]]) -> list[str]:
    return [
        f"{where}: {rule.name} (overruled by {rule.since}): {text[:80]}"
        for where, text in passages
        for rule in SUPERSEDED
        if rule.flags(text)
    ]


# Sentences as they stood before the 2026-12 errata: the rule must flag every one of them.
OLD_TEXTS = [
    "村民申请镇政府履行保护其财产权的法定职责，法律、法规对履责期限没有另外规定，"
    "镇政府自接到申请之日起多长时间内不履行的，村民可以起诉？",
    "法律、法规没有另行规定履责期限的，行政机关接到申请两个月内不履行，申请人就可以起诉"
    "（第四十七条第一款）；情况紧急的，不受两个月的限制（第四十七条第二款）。",
    "| 申请履行保护人身权、财产权的法定职责 | 行政机关接到申请之日起两个月内不履行的，可以起诉；"
    "紧急情况下不受此限 | 第四十七条 |",
    "- 每一种情形都要告知申请人，决定不予公开的必须说明理由；村民不服可以投诉举报、"
    "申请行政复议或者提起行政诉讼。",
    "镇政府答复不予公开，赵某可以直接向人民法院起诉。",
    "- 记住期限：复议后十五日起诉，直接起诉六个月，最长二十年（不动产）或五年；申请履职两个月不履行可诉。",
]
# Correct sentences that mention the same situations: the rule must let them pass.
CURRENT_TEXTS = [
    "申请政府信息公开被不予公开的，应当先申请行政复议，对复议决定不服再起诉（第二十三条）。",
    "对限期拆除决定不服的，张某可以直接向人民法院起诉，期限六个月。",
    "法院查明镇政府确有该法定职责而不履行的，判决其在一定期限内履行（第七十二条）。",
]


@pytest.mark.parametrize("text", OLD_TEXTS)
def test_the_rule_flags_the_old_claims(text: str) -> None:
    assert superseded_claims(iter([("old", text)])), text


@pytest.mark.parametrize("text", CURRENT_TEXTS)
def test_the_rule_lets_correct_text_pass(text: str) -> None:
    assert superseded_claims(iter([("current", text)])) == []


def test_bank_makes_no_superseded_claim() -> None:
    bank = load_bank(PROJECT / "question_bank")
    assert superseded_claims(bank_passages(bank)) == []


@pytest.mark.parametrize(
    "path", sorted((PROJECT / "courses").glob("*.ipynb")), ids=lambda path: path.name
)
def test_lesson_makes_no_superseded_claim(path: Path) -> None:
    assert superseded_claims(notebook_passages(path)) == []


def test_lesson_10_says_the_outline_period_has_ended() -> None:
    """The 2021–2025 outline's period is over: the lesson says so and names no successor."""
    path = PROJECT / "courses" / "10-outline-2021-2025.ipynb"
    text = "\n".join(text for _, text in notebook_passages(path))
    assert "已于2025年底结束" in text and "规划期" in text
    assert not re.search(r"20(26|30)年）", text), "a successor outline is named"
