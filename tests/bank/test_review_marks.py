"""--apply's edit: only the status lines change (and a reason line appears); the file reads back."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from quizkit.bank import read_bank
from quizkit.bank.review_marks import mark_for_review
from quizkit.errors import QuizkitError
from tests.bank.revisions import FIXTURE

CASE_FILE = """schema_version: 1
law: administrative-licensing
questions:
  - id: case-1
    type: case
    scenario: 某镇政府受理了一项许可申请。
    questions:
      - id: case-1-a
        type: judge
        stem: 应当在法定期限内作出决定。
        answer: true
        explanation: |-
          第一行解释
          (second line)
        cite: {law: administrative-licensing, article: 42, quote: 二十日内}
        difficulty: 1
      # a comment between sub-questions stays
      - id: case-1-b
        type: judge
        stem: 可以不作决定。
        answer: false
        explanation: 不可以。
        cite: {law: administrative-licensing, article: 42, quote: 二十日内}
        difficulty: 1
"""


def test_status_becomes_review_and_nothing_else_moves(tmp_path: Path) -> None:
    path = tmp_path / "ar.yaml"
    shutil.copy(FIXTURE / "bank" / "administrative-reconsideration.yaml", path)
    before = path.read_text(encoding="utf-8").split("\n")
    marked = mark_for_review(
        path,
        {"old-ar-002-scope": "法律修订：第二条内容修改", "old-ar-019-prerequisite": "原因“二”"},
    )
    assert marked == ["old-ar-002-scope", "old-ar-019-prerequisite"]
    after = path.read_text(encoding="utf-8").split("\n")
    added = [line for line in after if line not in before]
    assert added == [
        "    status: review",
        '    review_reason: "原因“二”"',
        "    status: review",
        '    review_reason: "法律修订：第二条内容修改"',
    ]
    removed = [line for line in before if line not in after]
    assert removed == []  # `status: active` of old-ar-002 still appears elsewhere: check by count
    assert after.count("    status: active") == before.count("    status: active") - 1
    assert "    tags: [复议前置]  # a comment that must survive --apply" in after
    bank, problems = read_bank([path])
    assert problems == []
    assert bank.question("old-ar-002-scope").status == "review"
    assert bank.question("old-ar-019-prerequisite").review_reason == "原因“二”"
    assert bank.question("old-ar-041-foreigners").status == "active"
    assert not list(tmp_path.glob("*.tmp"))


def test_marking_again_replaces_the_reason_and_skips_retired(tmp_path: Path) -> None:
    path = tmp_path / "er.yaml"
    shutil.copy(FIXTURE / "bank" / "emergency-response.yaml", path)
    mark_for_review(path, {"old-er-012-requisition": "第一次"})
    marked = mark_for_review(path, {"old-er-012-requisition": "第二次", "old-er-054-rumours": "x"})
    assert marked == ["old-er-012-requisition"]
    text = path.read_text(encoding="utf-8")
    assert "第一次" not in text and text.count("review_reason") == 1
    bank, problems = read_bank([path])
    assert problems == []
    assert bank.question("old-er-054-rumours").status == "retired"


def test_case_sub_questions_and_crlf_files(tmp_path: Path) -> None:
    path = tmp_path / "case.yaml"
    path.write_bytes(CASE_FILE.replace("\n", "\r\n").encode("utf-8"))
    assert mark_for_review(path, {"case-1-a": "甲", "case-1-b": "乙"}) == ["case-1-a", "case-1-b"]
    raw = path.read_bytes().decode("utf-8")
    assert "\n" not in raw.replace("\r\n", "")
    lines = raw.split("\r\n")
    assert lines[15:18] == [
        "        difficulty: 1",
        "        status: review",
        '        review_reason: "甲"',
    ]
    assert "      # a comment between sub-questions stays" in lines
    bank, problems = read_bank([path])
    assert problems == []
    assert {q.status for q in bank.questions()} == {"review"}


def test_a_file_that_does_not_load_is_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("questions: [\n", encoding="utf-8")
    with pytest.raises(QuizkitError, match="problem in the question bank") as caught:
        mark_for_review(path, {"x": "y"})
    assert f"{path.as_posix()}:" in str(caught.value) or f"{path}:" in str(caught.value)
    assert path.read_text(encoding="utf-8") == "questions: [\n"
