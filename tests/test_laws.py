"""The law table matches ../shared/laws/index.yaml, and Chinese numerals round-trip."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from quizkit.bank.lawtexts import read_articles
from quizkit.laws import LAWS, chinese_number, parse_chinese_number


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (1, "一"),
        (10, "十"),
        (12, "十二"),
        (42, "四十二"),
        (100, "一百"),
        (103, "一百零三"),
        (110, "一百一十"),
    ],
)
def test_chinese_numbers(number: int, text: str) -> None:
    assert chinese_number(number) == text
    assert parse_chinese_number(text) == number


def test_table_matches_reference_index(laws_dir: Path) -> None:
    index = yaml.safe_load((laws_dir / "index.yaml").read_text(encoding="utf-8"))["laws"]
    for slug, entry in index.items():
        law = LAWS[slug]
        if entry.get("file"):
            assert law.articles == entry["articles"]
            assert law.version == entry["version"]
            assert law.effective == entry["effective"]
            assert law.title == entry["title"]
            assert len(read_articles(laws_dir / entry["file"])) == entry["articles"]
        else:
            assert law.articles is None


def test_citation_text() -> None:
    assert LAWS["administrative-licensing"].citation(42) == "《行政许可法》第四十二条"
    assert (
        LAWS["outline-2004"].citation(part="二、（五）") == "《全面推进依法行政实施纲要》二、（五）"
    )
