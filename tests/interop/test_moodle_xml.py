"""Moodle XML: CDATA and HTML in stems, categories, case scenarios, Moodle's fixture, hostile XML."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from quizkit.bank.models import Question
from quizkit.errors import ImportFormatError
from quizkit.interop.bank_import import import_bank
from quizkit.interop.moodle_xml import read_moodle_xml, write_moodle_xml
from tests.factories import fill_data, make_question

# Written by hand from Moodle's XML format documentation (docs.moodle.org/en/Moodle_XML_format).
DOCUMENTED = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="category">
    <category><text>$course$/top/中华人民共和国行政许可法</text></category>
  </question>
  <question type="multichoice">
    <name><text>期限</text></name>
    <questiontext format="html">
      <text><![CDATA[<p>行政机关作出行政许可决定的<b>一般期限</b>是多少日？</p>]]></text>
    </questiontext>
    <generalfeedback format="html">
      <text><![CDATA[<p>一般为二十日&amp;可延长十日。</p><p>【依据】《行政许可法》第四十二条“二十日内”</p>]]></text>
    </generalfeedback>
    <defaultgrade>2.0000000</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber>xk-doc-1</idnumber>
    <single>true</single>
    <shuffleanswers>true</shuffleanswers>
    <answernumbering>abc</answernumbering>
    <answer fraction="0" format="html"><text>十日</text><feedback format="html"><text></text></feedback></answer>
    <answer fraction="100" format="html"><text><![CDATA[<span>二十日</span>]]></text><feedback format="html"><text></text></feedback></answer>
    <answer fraction="0" format="html"><text>三十日</text></answer>
    <tags><tag><text>期限</text></tag><tag><text>决定</text></tag></tags>
  </question>
  <question type="multichoice">
    <name><text>primes</text></name>
    <questiontext format="html"><text>&lt;p&gt;Which are &lt;i&gt;prime&lt;/i&gt;?&lt;br/&gt;Pick two.&lt;/p&gt;&lt;img src="@@PLUGINFILE@@/x.png"/&gt;</text></questiontext>
    <generalfeedback format="plain_text"><text>2 and 3.</text></generalfeedback>
    <hidden>1</hidden>
    <single>false</single>
    <answer fraction="50"><text>2</text><feedback><text>yes</text></feedback></answer>
    <answer fraction="50"><text>3</text></answer>
    <answer fraction="-100"><text>4</text></answer>
  </question>
  <question type="category">
    <category><text>$course$/top/行政许可法/窗口案例</text></category>
  </question>
  <question type="description">
    <name><text>窗口案例</text></name>
    <questiontext format="html"><text><![CDATA[<p>某镇便民服务中心窗口收到一份申请。</p>]]></text></questiontext>
  </question>
  <question type="truefalse">
    <name><text>当场受理</text></name>
    <questiontext format="moodle_auto_format"><text>申请材料齐全的，应当受理。</text></questiontext>
    <generalfeedback format="html"><text>第三十二条。</text></generalfeedback>
    <answer fraction="100"><text>true</text><feedback><text></text></feedback></answer>
    <answer fraction="0"><text>false</text><feedback><text></text></feedback></answer>
  </question>
  <question type="shortanswer">
    <name><text>短答</text></name>
    <questiontext format="html"><text>?</text></questiontext>
  </question>
</quiz>
"""


def test_documented_file_with_cdata_and_html(tmp_path: Path) -> None:
    parsed = read_moodle_xml(DOCUMENTED.encode("utf-8"), "doc.xml")
    first, primes, case = parsed.drafts
    assert first.law == "administrative-licensing"
    assert first.data == {
        "id": "xk-doc-1",
        "stem": "行政机关作出行政许可决定的一般期限是多少日？",
        "tags": ["期限", "决定"],
        "points": 2,
        "type": "single",
        "options": {"A": "十日", "B": "二十日", "C": "三十日"},
        "answer": "B",
        "explanation": "一般为二十日&可延长十日。",
        "cite": {"law": "administrative-licensing", "article": 42, "quote": "二十日内"},
    }
    assert primes.data["stem"] == "Which are prime?\nPick two."
    assert primes.data["type"] == "multiple"
    assert primes.data["answer"] == ["A", "B"]
    assert primes.data["status"] == "retired"
    assert primes.data["explanation"] == "2 and 3. A项：yes"
    assert any("primes: img dropped" in w for w in parsed.warnings)
    # a short answer is a 填空 now: this one marks no answer right, which is a problem at its line
    assert [(p.where.line, p.item, p.message) for p in parsed.problems] == [
        (50, "短答", "blank 1 has no answer marked fully right (100%)")
    ]
    assert (
        "doc.xml: per-answer feedback of 1 question(s) added to the explanation" in parsed.warnings
    )
    assert case.data["type"] == "case"
    assert case.data["scenario"] == "某镇便民服务中心窗口收到一份申请。"
    assert case.data["title"] == "窗口案例"
    assert case.data["tags"] == []  # the case's own category segment is not a tag
    sub, short = case.children
    assert short.data["type"] == "fill" and short.data["stem"] == "?____"
    assert sub.data["answer"] is True
    assert sub.data["stem"] == "申请材料齐全的，应当受理。"
    assert sub.where.line == 43


def test_import_locates_checker_problems_at_the_xml_line(tmp_path: Path) -> None:
    source = tmp_path / "doc.xml"
    source.write_text(DOCUMENTED, encoding="utf-8")
    result = import_bank(source)  # the law comes from the category
    assert result.law == "administrative-licensing"
    assert result.cases == 1
    by_line = {(p.where.line, p.message.split(":")[0]) for p in result.problems}
    assert (6, "cite.article is missing") not in by_line  # its citation came back from 【依据】
    assert (26, "cite.article is missing") in by_line
    assert (43, "cite.article is missing") in by_line
    bank = yaml.safe_load(result.text)
    assert next(q["id"] for q in bank["questions"]) == "xk-doc-1"


def test_nested_categories_fixture(moodle_xml_fixture: Path) -> None:
    result = import_bank(moodle_xml_fixture, law="administrative-licensing")
    questions = yaml.safe_load(result.text)["questions"]
    assert [(q["stem"], q["answer"], q["tags"]) for q in questions] == [
        ("Testing Iota Question", True, ["Iota"]),
        ("Testing Kappa Question", True, ["Iota", "Kappa"]),
        ("Testing Lambda Question", True, ["Iota", "Kappa", "Lambda"]),
        ("Testing Mu Question", True, ["Iota", "Mu"]),
    ]
    assert any("Kappa Essay Question (essay" in w for w in result.warnings)


def test_writer_output_reads_back() -> None:
    question = make_question(stem="a < b & c\n  two spaces", points=3)
    retired = make_question(id="r-1", status="retired")
    document = write_moodle_xml(
        [("administrative-licensing", question), ("administrative-licensing", retired)]
    )
    assert document.startswith(b"<?xml version='1.0' encoding='utf-8'?>")
    parsed = read_moodle_xml(document, "out.xml")
    first, second = (d.data for d in parsed.drafts)
    assert first["stem"] == question.stem
    assert first["points"] == 3
    assert first["cite"] == question.cite.model_dump(exclude_none=True)
    assert second["status"] == "retired"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        (
            b'<?xml version="1.0"?>\n<!DOCTYPE quiz [<!ENTITY a "aaaaaaaaaa">'
            b'<!ENTITY b "&a;&a;&a;&a;&a;&a;">]>\n<quiz>&b;</quiz>',
            "DOCTYPE",
        ),
        (b"<quiz>\n<question type='truefalse'>\n</quiz>", "not well-formed"),
        (b"<questions/>", "not <quiz>"),
    ],
)
def test_hostile_or_broken_xml_is_refused(document: bytes, message: str) -> None:
    with pytest.raises(ImportFormatError, match=message) as caught:
        read_moodle_xml(document, "bad.xml")
    assert caught.value.file == "bad.xml"


def _fill(**overrides: object) -> Question:
    return Question.model_validate(fill_data(**overrides))


def test_fill_is_written_as_shortanswer_or_cloze_and_read_back() -> None:
    one = _fill(id="xk-one", stem="应当自受理之日起____日内作出决定。", answer=[["二十", "20"]])
    two = _fill(answer=[["二十"], ["十", "十日}~#"]])  # cloze special characters are escaped
    document = write_moodle_xml(
        [("administrative-licensing", one), ("administrative-licensing", two)]
    )
    text = document.decode("utf-8")
    assert '<question type="shortanswer">' in text and '<question type="multianswer">' in text
    assert "{1:SHORTANSWER:=十~=十日\\}\\~\\#}" in text
    parsed = read_moodle_xml(document, "f.xml")
    assert not parsed.problems and not parsed.warnings
    back = {d.data["id"]: d.data for d in parsed.drafts}
    for question in (one, two):
        data = back[question.id]
        assert (data["type"], data["stem"], data["answer"]) == (
            "fill",
            question.stem,
            question.answer,
        )
        assert data["cite"] == question.cite.model_dump(exclude_none=True)


MOODLE_FILL = """<?xml version="1.0" encoding="UTF-8"?>
<quiz>
  <question type="shortanswer">
    <name><text>听证期限</text></name>
    <questiontext format="html"><text><![CDATA[<p>当事人要求听证的，应当在告知后几日内提出？</p>]]></text></questiontext>
    <usecase>0</usecase>
    <answer fraction="100" format="moodle_auto_format"><text>五</text>
      <feedback format="html"><text>对。</text></feedback></answer>
    <answer fraction="50" format="moodle_auto_format"><text>5</text><feedback><text></text></feedback></answer>
    <answer fraction="0" format="moodle_auto_format"><text>*</text><feedback><text>请看第六十四条。</text></feedback></answer>
  </question>
  <question type="multianswer">
    <name><text>完形</text></name>
    <questiontext format="html"><text><![CDATA[<p>通知在听证{1:SA:=七#对~%0%五}日前，当事人在告知后{1:SHORTANSWER_C:=五}日内提出。</p>]]></text></questiontext>
  </question>
  <question type="multianswer">
    <name><text>选择完形</text></name>
    <questiontext format="html"><text>{1:MULTICHOICE:=甲~乙}</text></questiontext>
  </question>
</quiz>
"""


def test_moodle_short_answers_and_short_answer_clozes_are_fill() -> None:
    parsed = read_moodle_xml(MOODLE_FILL.encode("utf-8"), "m.xml")
    short, cloze = parsed.drafts
    assert short.data["type"] == "fill"
    assert short.data["stem"] == "当事人要求听证的，应当在告知后几日内提出？____"
    assert short.data["answer"] == [["五"]]
    assert short.data["explanation"] == "填“五”时：对。填“*”时：请看第六十四条。"
    assert cloze.data["stem"] == "通知在听证____日前，当事人在告知后____日内提出。"
    assert cloze.data["answer"] == [["七"], ["五"]]
    assert any("听证期限: blank 1: answer '5' (50%) dropped" in w for w in parsed.warnings)
    assert any("选择完形 (cloze, line 16)" in w for w in parsed.warnings)
    assert not parsed.problems
