"""Checker rules on validated questions: each type's own rules (its row in quizkit.question_types),
plus the text and citation rules every question shares.

Each rule yields (field, message) pairs, the field a dotted path into the question (``answer``,
``options.B``, ``cite.quote``); the loader attaches file, line and question id and keeps the field on
the :class:`~quizkit.errors.Problem`, so an importer can point at its own cell without reading messages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from quizkit.bank.lawtexts import law_files, read_articles
from quizkit.bank.models import Question
from quizkit.laws import LAWS, chinese_number
from quizkit.question_types import QUESTION_TYPES

MAX_QUOTE_CHARS = 60
_HAN = "\u3000-\u303f\u4e00-\u9fff\uff00-\uffef"
_GAP_IN_CHINESE = re.compile(f"(?<=[{_HAN}])[ \\t\\n]+(?=[{_HAN}])")
GAP_MESSAGE = (
    "a space or line break between Chinese characters shows as a gap to the learner "
    "(a folded '>' block joins lines with a space): keep each Chinese paragraph on one line"
)


def chinese_gap(text: str) -> bool:
    """True when white space separates two Chinese characters (a visible gap in rendered text)."""
    return _GAP_IN_CHINESE.search(text) is not None


def _text_rules(question: Question) -> Iterator[tuple[str, str]]:
    if not question.stem.strip():
        yield "stem", "the stem is empty"
    if not question.explanation.strip():
        yield "explanation", "the explanation is empty; say why the answer is right"
    texts = [("stem", question.stem), ("explanation", question.explanation)]
    texts += [(f"options.{label}", text) for label, text in (question.options or {}).items()]
    for field_name, text in texts:
        if chinese_gap(text):
            yield field_name, GAP_MESSAGE


def _citation_rules(question: Question) -> Iterator[tuple[str, str]]:
    cite = question.cite
    law = LAWS.get(cite.law)
    if law is None:
        yield "cite.law", f"unknown law '{cite.law}'; use one of: {', '.join(LAWS)}"
        return
    if law.articles is None:
        if not cite.part:
            yield (
                "cite.part",
                f"{law.short_title} is cited by numbered part: add cite.part (e.g. 二、（五）)",
            )
        if cite.article is not None:
            yield (
                "cite.article",
                f"{law.short_title} has no article numbers here: use cite.part instead",
            )
        return
    if not cite.articles:
        yield "cite.article", "cite.article is missing: name the article that supports the answer"
    for number in cite.articles:
        if not 1 <= number <= law.articles:
            yield (
                "cite.article",
                f"article {number} is beyond {law.short_title}'s {law.articles} articles",
            )
    if not cite.quote or not cite.quote.strip():
        yield "cite.quote", "cite.quote is missing: copy a short phrase of the article"
    elif len(cite.quote) > MAX_QUOTE_CHARS:
        yield (
            "cite.quote",
            f"the quote has {len(cite.quote)} characters; quote a short phrase "
            f"(at most {MAX_QUOTE_CHARS}), not the article",
        )


def check_question(question: Question) -> Iterator[tuple[str, str]]:
    """Every rule that needs nothing but the question itself: (field, message) pairs."""
    yield from _text_rules(question)
    yield from QUESTION_TYPES[question.type].rules(question)
    yield from _citation_rules(question)


def check_quote(question: Question, laws_dir: Path) -> tuple[str, str] | None:
    """None when the quote (and any answer text the type requires, such as 填空's accepted answers)
    appears verbatim in (one of) the cited article(s), else (field, message)."""
    cite = question.cite
    law = LAWS.get(cite.law)
    phrases = [cite.quote] if cite.quote else []
    answers = QUESTION_TYPES[question.type].phrases(question)
    if law is None or law.articles is None or not cite.articles or not (phrases or answers):
        return None
    path = law_files(laws_dir).get(cite.law)
    if path is None or not path.is_file():
        return "cite.law", f"no reference text for '{cite.law}' in {laws_dir}"
    articles = read_articles(path)
    texts = [articles.get(number, "") for number in cite.articles]
    missing = [phrase for phrase in phrases if not any(phrase in text for text in texts)]
    missing_answers = [text for text in answers if not any(text in article for article in texts)]
    if not missing and not missing_answers:
        return None
    where = "、".join(f"第{chinese_number(n)}条" for n in cite.articles if 0 < n < 1000)
    if missing:
        return "cite.quote", f"quote '{missing[0]}' does not appear in 《{law.short_title}》{where}"
    shown = "', '".join(missing_answers)
    return "answer", (
        f"accepted answer '{shown}' does not appear in 《{law.short_title}》{where}: "
        "a fill answer must be the article's own wording"
    )
