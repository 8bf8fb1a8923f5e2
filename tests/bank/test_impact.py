"""Amendment impact on the real revisions: a fixture bank and lesson written against the old texts
get exactly the expected report; the project's bank and courses against the current texts, nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizkit.bank import read_bank
from quizkit.bank.impact import impact_report
from quizkit.bank.lawtexts import law_files, read_articles
from quizkit.bank.lesson_citations import course_citations
from quizkit.errors import QuizkitError
from tests.bank.revisions import FIXTURE, revision
from tests.conftest import PROJECT
from tests.factories import fill_data, write_bank

# question id → ((old article, fate, new article), quote found, new articles holding the quote)
EXPECTED_QUESTIONS = {
    "administrative-reconsideration": {
        "old-ar-041-foreigners": (((41, "moved", 89),), True, ()),
        "old-ar-019-prerequisite": (((19, "moved", 34),), False, ()),
        "old-ar-002-scope": (((2, "changed", 2),), False, ()),
        "old-ar-008-personnel": (((8, "vanished", None),), False, ()),
    },
    "emergency-response": {
        "old-er-021-disputes": (((21, "moved", 34),), True, ()),
        "old-er-012-requisition": (((12, "changed", 12),), True, ()),
        "old-er-007-county": (((7, "moved", 17),), False, ()),
        "old-er-054-rumours": (((54, "vanished", None),), False, ()),
    },
}
EXPECTED_LESSONS = {
    "administrative-reconsideration": [("old-lesson.ipynb", 1, 2, 19, "moved", 34)],
    "emergency-response": [
        ("old-lesson.ipynb", 1, 4, 21, "moved", 34),
        ("old-lesson.ipynb", 1, 4, 54, "vanished", None),
    ],
}


@pytest.mark.parametrize("law", sorted(EXPECTED_QUESTIONS))
def test_fixture_bank_against_the_real_revision(law: str) -> None:
    old, new = revision(law)
    bank, problems = read_bank([FIXTURE / "bank"])
    assert problems == []
    old_articles = read_articles(old)
    for entry in bank.entries.values():  # the fixture really quotes the old texts
        if entry.law == law:
            cite = entry.question.cite
            assert cite.quote and cite.quote in old_articles[cite.articles[0]], entry.question.id
    report = impact_report(old, new, bank, course_citations(FIXTURE / "courses"))
    assert report.law == law
    found = {
        item.question_id: (
            tuple((f.old, f.fate, f.new) for f in item.fates),
            item.quote_found,
            item.quote_elsewhere,
        )
        for item in report.questions
    }
    assert found == EXPECTED_QUESTIONS[law]
    lessons = [
        (
            c.citation.notebook,
            c.citation.cell,
            c.citation.line,
            c.citation.article,
            c.fate.fate,
            c.fate.new,
        )
        for c in report.lessons
    ]
    assert lessons == EXPECTED_LESSONS[law]


def test_reasons_name_the_new_article_and_the_lost_quote() -> None:
    old, new = revision("administrative-reconsideration")
    bank, _ = read_bank([FIXTURE / "bank"])
    report = impact_report(old, new, bank, [])
    reasons = {item.question_id: item.reason for item in report.questions}
    assert reasons["old-ar-019-prerequisite"].startswith(
        "法律修订：第十九条 → 新第三十四条（条号变动"
    )
    assert "引文“收到不予受理决定书之日起”在新条文中找不到" in reasons["old-ar-019-prerequisite"]
    assert reasons["old-ar-008-personnel"].startswith("法律修订：第八条已删除")
    data = report.to_json()
    assert {q["question_id"] for q in data["questions"]} == set(reasons)
    assert len(data["articles"]) == 43


def test_current_bank_and_courses_against_the_current_texts_report_nothing(laws_dir: Path) -> None:
    bank, problems = read_bank([PROJECT / "question_bank"])
    assert problems == []
    citations = course_citations(PROJECT / "courses")
    assert len(citations) > 50  # the lessons do cite articles, so "nothing" means something
    for law, path in sorted(law_files(laws_dir).items()):
        report = impact_report(path, path, bank, citations)
        assert report.law == law
        assert report.empty, (law, report.questions[:3], report.lessons[:3])


def test_texts_of_different_laws_need_law(tmp_path: Path) -> None:
    one, two = tmp_path / "a.md", tmp_path / "b.md"
    one.write_text("---\nslug: a\n---\n第一条 内容。\n", encoding="utf-8")
    two.write_text("---\nslug: b\n---\n第一条 内容。\n", encoding="utf-8")
    with pytest.raises(QuizkitError, match="--law"):
        impact_report(one, two, read_bank([FIXTURE / "bank"])[0], [])
    empty = tmp_path / "empty.md"
    empty.write_text("no articles\n", encoding="utf-8")
    with pytest.raises(QuizkitError, match="no articles found"):
        impact_report(empty, empty, read_bank([FIXTURE / "bank"])[0], [], law="a")


def test_fill_answers_the_revised_article_no_longer_says_are_reported(tmp_path: Path) -> None:
    """Old 第九条 (申请期限) became 第二十条: 六十 is still there, 具体行政行为 is not."""
    old, new = revision("administrative-reconsideration")
    cite = {
        "law": "administrative-reconsideration",
        "article": 9,
        "quote": "六十日内提出行政复议申请",
    }
    stem = "认为____侵犯其合法权益的，可以自知道之日起____日内提出行政复议申请。"
    write_bank(
        tmp_path,
        [
            fill_data(
                id="old-fill-term", stem=stem, answer=[["具体行政行为"], ["六十"]], cite=cite
            ),
            fill_data(
                id="old-fill-days", stem="____日内提出。", answer=[["六十"]], cite=dict(cite)
            ),
        ],
        law="administrative-reconsideration",
    )
    bank, problems = read_bank([tmp_path])
    assert problems == []
    report = impact_report(old, new, bank, [])
    items = {item.question_id: item for item in report.questions}
    assert items["old-fill-term"].answers_missing == ("具体行政行为",)
    assert "填空答案“具体行政行为”在新条文中找不到" in items["old-fill-term"].reason
    assert (
        items["old-fill-days"].answers_missing == ()
    )  # moved (reported as such), answer still there
