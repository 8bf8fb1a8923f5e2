"""Checker rules on validated questions: one small table per question type, plus citation rules.

Each rule yields (field, message) pairs, the field a dotted path into the question (``answer``,
``options.B``, ``cite.quote``); the loader attaches file, line and question id and keeps the field on
the :class:`~quizkit.errors.Problem`, so an importer can point at its own cell without reading messages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from pathlib import Path

from quizkit.bank.lawtexts import law_files, read_articles
from quizkit.bank.models import OPTION_LABELS, Question
from quizkit.laws import LAWS, chinese_number

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


def _option_rules(question: Question) -> Iterator[tuple[str, str]]:
    options = question.options or {}
    if len(options) < 2:
        yield "options", "needs at least two options (A, B, …)"
        return
    expected = list(OPTION_LABELS[: len(options)])
    if list(options) != expected:
        yield (
            "options",
            f"options must be labelled {', '.join(expected)} in order, not {', '.join(options)}",
        )
    for label, text in options.items():
        if not str(text).strip():
            yield f"options.{label}", f"option {label} is empty"


def _single(question: Question) -> Iterator[tuple[str, str]]:
    yield from _option_rules(question)
    answer = question.answer
    if not isinstance(answer, str):
        yield "answer", "a single-choice answer is one option label, e.g. answer: B"
    elif answer not in (question.options or {}):
        yield (
            "answer",
            f"answer '{answer}' is not among the options ({', '.join(question.options or {})})",
        )


def _multiple(question: Question) -> Iterator[tuple[str, str]]:
    yield from _option_rules(question)
    answer = question.answer
    if not isinstance(answer, list):
        yield "answer", "a multiple-choice answer is a list of labels, e.g. answer: [A, C]"
        return
    missing = [label for label in answer if label not in (question.options or {})]
    if missing:
        yield (
            "answer",
            f"answer {', '.join(missing)} is not among the options ({', '.join(question.options or {})})",
        )
    if len(set(answer)) != len(answer):
        yield "answer", "the answer lists a label twice"
    if len(set(answer)) < 2:
        yield "answer", "a multiple-choice question needs at least two correct options"


def _judge(question: Question) -> Iterator[tuple[str, str]]:
    if question.options:
        yield "options", "a judge (判断) question has no options"
    if not isinstance(question.answer, bool):
        yield "answer", f"a judge answer is true or false, not '{question.answer}'"


TYPE_RULES: dict[str, Callable[[Question], Iterator[tuple[str, str]]]] = {
    "single": _single,
    "multiple": _multiple,
    "judge": _judge,
}


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
    yield from TYPE_RULES[question.type](question)
    yield from _citation_rules(question)


def check_quote(question: Question, laws_dir: Path) -> str | None:
    """None when the quote appears verbatim in (one of) the cited article(s), else a message."""
    cite = question.cite
    law = LAWS.get(cite.law)
    if law is None or law.articles is None or not cite.quote or not cite.articles:
        return None
    path = law_files(laws_dir).get(cite.law)
    if path is None or not path.is_file():
        return f"no reference text for '{cite.law}' in {laws_dir}"
    articles = read_articles(path)
    texts = [articles.get(number, "") for number in cite.articles]
    if any(cite.quote in text for text in texts):
        return None
    where = "、".join(f"第{chinese_number(n)}条" for n in cite.articles if 0 < n < 1000)
    return f"quote '{cite.quote}' does not appear in 《{law.short_title}》{where}"
