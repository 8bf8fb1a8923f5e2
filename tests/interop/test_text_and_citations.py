"""Text ↔ HTML for Moodle, the 【依据】 citation line, and file encodings."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from quizkit.errors import ImportFormatError
from quizkit.interop.citation import (
    parse_articles,
    render_citation,
    split_citation,
    with_citation,
)
from quizkit.interop.encoding import decode_bytes
from quizkit.interop.markup import html_to_text, text_to_html
from quizkit.laws import LAWS

_LINE = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\xa0"),
    max_size=30,
)


@given(st.lists(_LINE, min_size=1, max_size=4))
def test_text_survives_html(lines: list[str]) -> None:
    text = "\n".join(lines).strip("\n")
    if any(not line.strip() and line for line in text.split("\n")):
        return  # a line of spaces only is not kept by HTML's rules
    assert html_to_text(text_to_html(text)) == (text, [])


def test_html_from_moodle_becomes_plain_text() -> None:
    markup = (
        '<p>第一段<b>加粗</b>&amp;实体</p>\n<p>第二段<br/>换行</p><img src="x.png"><p>&nbsp;</p>'
    )
    assert html_to_text(markup) == ("第一段加粗&实体\n第二段\n换行", ["img"])


_ARTICLE_LAWS = [slug for slug, law in LAWS.items() if law.articles]
_PART_LAWS = [slug for slug, law in LAWS.items() if not law.articles]


@given(
    law=st.sampled_from(_ARTICLE_LAWS),
    articles=st.lists(st.integers(1, 103), min_size=1, max_size=3),
    quote=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=20),
    explanation=st.text(max_size=30),
)
def test_citation_line_round_trip(
    law: str, articles: list[int], quote: str, explanation: str
) -> None:
    cite = {"law": law, "article": articles[0] if len(articles) == 1 else articles, "quote": quote}
    feedback = with_citation(explanation.strip(), cite)
    assert split_citation(feedback) == (explanation.strip(), cite)


@pytest.mark.parametrize("law", _PART_LAWS)
def test_outlines_are_cited_by_part(law: str) -> None:
    cite = {"law": law, "part": "三、（十）"}
    line = render_citation(cite)
    assert line.endswith("》三、（十）")
    assert split_citation("说明。\n\n" + line) == ("说明。", cite)


def test_feedback_without_a_citation_is_left_alone() -> None:
    assert split_citation("只是说明【依据】在句中。") == ("只是说明【依据】在句中。", None)
    assert split_citation("说明\n\n【依据】《不存在的法》第一条") == (
        "说明\n\n【依据】《不存在的法》第一条",
        None,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("第四十二条", [42]),
        ("第四十二条、第四十三条", [42, 43]),
        ("第42条", [42]),
        ("42", [42]),
        ("42，43", [42, 43]),
        ("第一百零三条第二款", [103]),
        ("三、（十）", None),
    ],
)
def test_article_forms(text: str, expected: list[int] | None) -> None:
    assert parse_articles(text) == expected


@pytest.mark.parametrize(
    ("raw", "name"),
    [
        ("姓名".encode("utf-8-sig"), "UTF-8 (with BOM)"),
        ("姓名".encode(), "UTF-8"),
        ("姓名".encode("gbk"), "GBK/GB18030"),
        ("姓名".encode("utf-16"), "UTF-16 LE (with BOM)"),
    ],
)
def test_encodings_are_detected_and_named(raw: bytes, name: str) -> None:
    assert decode_bytes(raw, "f.csv") == ("姓名", name)


def test_named_encoding_and_unknown_encoding() -> None:
    assert decode_bytes("姓名".encode("gbk"), "f.csv", "GBK") == ("姓名", "GBK")
    with pytest.raises(ImportFormatError, match="unknown encoding 'klingon'"):
        decode_bytes(b"x", "f.csv", "klingon")
    with pytest.raises(ImportFormatError, match="cannot read the file as utf-8"):
        decode_bytes("姓名".encode("gbk"), "f.csv", "utf-8")
