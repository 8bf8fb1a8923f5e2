"""Aligning two versions of a law: small made-up texts, then the two real revisions."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from quizkit.bank.lawdiff import align_articles, text_slug
from quizkit.bank.lawtexts import read_articles
from tests.bank.revisions import revision

OLD = {
    1: "第一条 为了规范乡镇政府的行政执法行为，保护公民、法人和其他组织的合法权益，制定本法。",
    2: "第二条 行政机关应当自受理申请之日起二十日内作出决定。",
    3: "第三条 执法人员不得少于两人，并应当出示执法证件。",
    4: "第四条 本法自2001年1月1日起施行。",
}
NEW = {
    1: "第一条 为了规范乡镇政府的行政执法行为，保护公民、法人和其他组织的合法权益，制定本法。",
    2: "第二条 行政机关应当自受理申请之日起十五个工作日内作出书面决定。",
    3: "第三条 乡镇人民政府应当建立行政执法公示制度。",
    4: "第四条 执法人员不得少于两人，并应当出示执法证件。",
    5: "第五条 本条是全新的内容，与旧法没有关系，讲的是数字政府建设与数据共享。",
}


def test_each_fate_on_a_small_revision() -> None:
    fates = align_articles(OLD, NEW)
    assert [(f.old, f.fate, f.new) for f in fates.values()] == [
        (1, "kept", 1),
        (2, "changed", 2),
        (3, "moved", 4),
        (4, "vanished", None),
    ]
    assert fates[3].similarity == 1.0
    assert not fates[1].affected and fates[2].affected


def test_an_article_merged_as_a_paragraph_is_found() -> None:
    old = {
        1: "第一条 甲乙丙丁。",
        2: "第二条 突发事件的预防与应急准备、监测与预警等应对活动，适用本法。",
    }
    new = {
        1: "第一条 甲乙丙丁。",
        2: "第二条 本法所称突发事件，是指突然发生的自然灾害和事故灾难。\n"
        "突发事件的预防与应急准备、监测与预警等应对活动，适用本法。",
    }
    assert align_articles(old, new)[2].fate == "changed"
    assert align_articles(old, new)[2].similarity == 1.0


def test_text_slug_reads_the_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "law.md"
    path.write_text("---\ntitle: 某法\nslug: some-law\n---\n第一条 内容。\n", encoding="utf-8")
    assert text_slug(path) == "some-law"
    path.write_text("第一条 内容。\n", encoding="utf-8")
    assert text_slug(path) is None


@pytest.mark.parametrize(
    ("law", "expected"),
    [
        # worked out by reading both texts: the same articles moved verbatim, merged, dropped
        (
            "administrative-reconsideration",
            {
                41: ("moved", 89),
                19: ("moved", 34),
                8: ("vanished", None),
                2: ("changed", 2),
                4: ("moved", 3),
            },
        ),
        (
            "emergency-response",
            {
                21: ("moved", 34),
                2: ("changed", 2),
                12: ("changed", 12),
                7: ("moved", 17),
                54: ("vanished", None),
                15: ("moved", 14),
            },
        ),
    ],
)
def test_real_revisions(law: str, expected: dict[int, tuple[str, int | None]]) -> None:
    old_path, new_path = revision(law)
    old, new = read_articles(old_path), read_articles(new_path)
    fates = align_articles(old, new)
    assert set(fates) == set(old)
    for number, (fate, target) in expected.items():
        assert (fates[number].fate, fates[number].new) == (fate, target), number
    counts = Counter(f.fate for f in fates.values())
    assert counts["kept"] == 0  # neither revision keeps an article word for word at its number
    assert all(f.new is None or f.new in new for f in fates.values())
