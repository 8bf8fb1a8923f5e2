"""Aiken: the standard form, the Chinese forms trainers type, and what it cannot carry."""

from __future__ import annotations

from pathlib import Path

from quizkit.bank.models import CaseGroup
from quizkit.interop.aiken import looks_like_aiken, read_aiken, write_aiken
from quizkit.interop.bank_import import import_bank
from tests.factories import judge_data, make_question, multiple_data

# Standard Aiken as Moodle documents it (docs.moodle.org/en/Aiken_format), then the Chinese forms.
AIKEN = """What is the correct answer to this question?
A. Is it this one?
B. Maybe this answer?
C. Possibly this one?
D. Must be this one!
ANSWER: D

行政许可的实施应当遵循公开、公平、公正、非歧视的原则。
A、正确
B、错误
答案：A

下列哪些属于行政强制措施？
A．查封场所
B．扣押财物
C．罚款
答案：AB

Which one?
A) one
B) two
ANSWER: E

No answer line at all
A. x
B. y
"""


def test_standard_and_chinese_forms() -> None:
    assert looks_like_aiken(AIKEN)
    parsed = read_aiken(AIKEN, "q.txt")
    standard, judge, multiple, bad = (d.data for d in parsed.drafts)
    assert standard["type"] == "single"
    assert standard["answer"] == "D"
    assert standard["options"]["D"] == "Must be this one!"
    assert judge == {"id": None, "stem": AIKEN.split("\n")[7], "type": "judge", "answer": True}
    assert multiple["type"] == "multiple"
    assert multiple["answer"] == ["A", "B"]
    assert bad["options"] == {"A": "one", "B": "two"}
    problems = [str(p) for p in parsed.problems]
    assert any(p.startswith("q.txt:19: Which one?: ANSWER names E") for p in problems), problems
    assert any(p.startswith("q.txt:24: no 'ANSWER:' line") for p in problems), problems


def test_export_lists_what_aiken_cannot_carry(tmp_path: Path) -> None:
    case = CaseGroup.model_validate(
        {"id": "c-1", "type": "case", "scenario": "材料", "questions": [judge_data(id="c-1-a")]}
    )
    items = [
        ("administrative-licensing", make_question(stem="第一行\n第二行")),
        ("administrative-licensing", make_question(**multiple_data())),
        ("administrative-licensing", case),
    ]
    text, warnings = write_aiken(items)
    assert "xk-042-multi" in next(w for w in warnings if "no multiple-choice" in w)
    assert "c-1" in next(w for w in warnings if "no case scenarios" in w)
    assert "xk-042-deadline" in next(w for w in warnings if "one line" in w)
    assert "第一行 第二行\nA. 十日" in text
    assert "A. 正确\nB. 错误\nANSWER: A" in text
    source = tmp_path / "out.txt"
    source.write_text(text, encoding="utf-8")
    result = import_bank(source, law="administrative-licensing")
    types = [q for q in result.text.split("\n") if q.strip().startswith("type:")]
    assert types == ["    type: single", "    type: judge"]
    assert any("cite.article is missing" in p.message for p in result.problems)
