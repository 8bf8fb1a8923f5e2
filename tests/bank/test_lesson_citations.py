"""Citations in lesson prose: runs of articles, 款/项 suffixes, unknown titles, code cells."""

from __future__ import annotations

from quizkit.bank.lesson_citations import citations_in_text, notebook_citations
from tests.bank.revisions import FIXTURE


def test_runs_of_articles_and_suffixes() -> None:
    text = "见《行政复议法》第二十三条第一款第五项、第二十四条。\n另见《不存在的法》第一条和《行政许可法》第四十二条"
    assert [(line, law, n) for line, law, n, _ in citations_in_text(text)] == [
        (1, "administrative-reconsideration", 23),
        (1, "administrative-reconsideration", 24),
        (2, "administrative-licensing", 42),
    ]


def test_only_markdown_cells_count() -> None:
    found = notebook_citations(FIXTURE / "courses" / "old-lesson.ipynb", FIXTURE / "courses")
    assert [(c.cell, c.line, c.law, c.article) for c in found] == [
        (1, 2, "administrative-reconsideration", 19),
        (1, 4, "emergency-response", 21),
        (1, 4, "emergency-response", 54),
        (3, 1, "people-mediation", 2),
    ]
    assert found[0].notebook == "old-lesson.ipynb"
