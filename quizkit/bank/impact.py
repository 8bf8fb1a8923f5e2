"""What a new version of a law does to the bank and the lessons (``quizkit bank impact``).

Pipeline: read both texts → align their articles (quizkit.bank.lawdiff) → check every question citing
the law (its articles' fates, and whether its quote is still in the article it moves to) → check every
lesson citation of the law. A question or citation is affected when one of its articles changed,
moved or vanished, or (questions) when its quote is no longer found. Pure: reading the texts, the bank
and the notebooks is left to the callers' paths; nothing is written here (see review_marks).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from quizkit.bank.lawdiff import ArticleFate, align_articles, text_slug
from quizkit.bank.lawtexts import read_articles
from quizkit.bank.lesson_citations import LessonCitation
from quizkit.bank.loader import Bank
from quizkit.errors import QuizkitError
from quizkit.laws import chinese_number
from quizkit.question_types import QUESTION_TYPES

_FATE_WORDS = {"kept": "未变", "changed": "内容修改", "moved": "条号变动", "vanished": "已删除"}


@dataclass(frozen=True)
class QuestionImpact:
    """A question whose citation a revision touches; ``quote_elsewhere``: new articles holding the
    quote when the proposed ones do not."""

    question_id: str
    file: str
    line: int | None
    fates: tuple[ArticleFate, ...]
    quote: str | None
    quote_found: bool
    quote_elsewhere: tuple[int, ...] = ()
    answers_missing: tuple[str, ...] = ()  # 填空 answers the new articles no longer say

    @property
    def reason(self) -> str:
        """One line for the bank (``review_reason``) and the table, in the bank's language."""
        parts = [describe_fate(fate) for fate in self.fates if fate.affected]
        if self.quote and not self.quote_found:
            gone = f"引文“{self.quote}”在新条文中找不到"
            if self.quote_elsewhere:
                gone += "（见新" + "、".join(_article(n) for n in self.quote_elsewhere) + "）"
            parts.append(gone)
        if self.answers_missing:
            shown = "、".join(f"“{text}”" for text in self.answers_missing)
            parts.append(f"填空答案{shown}在新条文中找不到")
        return "法律修订：" + "；".join(parts)


@dataclass(frozen=True)
class CitationImpact:
    """A lesson citation whose article changed, moved or vanished."""

    citation: LessonCitation
    fate: ArticleFate


@dataclass(frozen=True)
class ImpactReport:
    law: str
    old_text: str
    new_text: str
    fates: dict[int, ArticleFate]
    questions: list[QuestionImpact] = field(default_factory=list)
    lessons: list[CitationImpact] = field(default_factory=list)

    @property
    def empty(self) -> bool:
        return not self.questions and not self.lessons

    def to_json(self) -> dict[str, Any]:
        """Plain data for tools (``--json``)."""
        return {
            "law": self.law,
            "old_text": self.old_text,
            "new_text": self.new_text,
            "articles": [asdict(fate) for fate in self.fates.values()],
            "questions": [{**asdict(item), "reason": item.reason} for item in self.questions],
            "lessons": [
                {**asdict(item.citation), "fate": asdict(item.fate)} for item in self.lessons
            ],
        }


def _article(number: int) -> str:
    return f"第{chinese_number(number)}条"


def describe_fate(fate: ArticleFate) -> str:
    """第十九条 → 新第三十四条（条号变动，相似度 0.95）, in words a bank editor reads."""
    if fate.new is None:
        return f"{_article(fate.old)}{_FATE_WORDS[fate.fate]}"
    target = "" if fate.new == fate.old else f" → 新{_article(fate.new)}"
    return f"{_article(fate.old)}{target}（{_FATE_WORDS[fate.fate]}，相似度 {fate.similarity:.2f}）"


def _fate_of(fates: Mapping[int, ArticleFate], number: int) -> ArticleFate:
    """An article the old text does not have is treated as vanished (the citation was wrong)."""
    return fates.get(number) or ArticleFate(number, "vanished", None, 0.0)


def question_impacts(
    bank: Bank, law: str, fates: Mapping[int, ArticleFate], new: Mapping[int, str]
) -> list[QuestionImpact]:
    """Every question citing ``law`` by article that the revision touches, in bank order."""
    found: list[QuestionImpact] = []
    for question_id, entry in bank.entries.items():
        cite = entry.question.cite
        if cite.law != law or not cite.articles:
            continue
        article_fates = tuple(_fate_of(fates, n) for n in cite.articles)
        targets = [new.get(f.new, "") for f in article_fates if f.new is not None]
        quote_found = not cite.quote or any(cite.quote in text for text in targets)
        elsewhere: tuple[int, ...] = ()
        if cite.quote and not quote_found:
            elsewhere = tuple(n for n, text in new.items() if cite.quote in text)
        phrases = QUESTION_TYPES[entry.question.type].phrases(entry.question)
        missing = tuple(p for p in phrases if not any(p in text for text in targets))
        if quote_found and not missing and not any(f.affected for f in article_fates):
            continue
        found.append(
            QuestionImpact(
                question_id,
                entry.file,
                entry.line,
                article_fates,
                cite.quote,
                quote_found,
                elsewhere,
                missing,
            )
        )
    return found


def lesson_impacts(
    citations: Iterable[LessonCitation], law: str, fates: Mapping[int, ArticleFate]
) -> list[CitationImpact]:
    """Every lesson citation of ``law`` whose article changed, moved or vanished."""
    found: list[CitationImpact] = []
    for citation in citations:
        if citation.law == law:
            fate = _fate_of(fates, citation.article)
            if fate.affected:
                found.append(CitationImpact(citation, fate))
    return found


def law_of_texts(old_text: Path, new_text: Path, law: str | None = None) -> str:
    """The law both texts are versions of: ``law`` if given, else their front matter's slug."""
    if law is not None:
        return law
    slugs = {text_slug(path) for path in (old_text, new_text)}
    if len(slugs) != 1 or None in slugs:
        raise QuizkitError(
            f"cannot tell which law {old_text.name} and {new_text.name} are versions of "
            f"(front matter slugs: {', '.join(sorted(str(s) for s in slugs))})",
            hint="give the law's slug with --law, e.g. --law administrative-reconsideration",
        )
    return str(slugs.pop())


def read_text(path: Path) -> dict[int, str]:
    """The articles of a law text file; QuizkitError when it has none."""
    try:
        articles = read_articles(path.resolve())
    except (OSError, UnicodeDecodeError) as error:
        raise QuizkitError(f"cannot read the law text: {error}", file=path) from error
    if not articles:
        raise QuizkitError(
            "no articles found",
            file=path,
            hint='lay the text out like ../shared/laws: each article on its own line as "第X条 …"',
        )
    return articles


def impact_report(
    old_text: Path,
    new_text: Path,
    bank: Bank,
    citations: Iterable[LessonCitation],
    law: str | None = None,
) -> ImpactReport:
    """The whole report for one revision of one law."""
    slug = law_of_texts(old_text, new_text, law)
    old, new = read_text(old_text), read_text(new_text)
    fates = align_articles(old, new)
    return ImpactReport(
        slug,
        old_text.as_posix(),
        new_text.as_posix(),
        fates,
        question_impacts(bank, slug, fates, new),
        lesson_impacts(citations, slug, fates),
    )


__all__ = [
    "CitationImpact",
    "ImpactReport",
    "QuestionImpact",
    "describe_fate",
    "impact_report",
    "law_of_texts",
    "lesson_impacts",
    "question_impacts",
    "read_text",
]
