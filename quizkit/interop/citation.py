"""Citations in other formats: law names, article numbers, and the 【依据】 line in feedback.

GIFT and Moodle XML have one general-feedback text and no citation field, so the exporter appends the
citation to the explanation as a last paragraph, readable by a learner in Moodle::

    【依据】《行政许可法》第四十二条“二十日内”

and the importer takes it back off. Aiken has no feedback at all: the citation is lost there (and said so).
"""

from __future__ import annotations

import re
from typing import Any

from quizkit.laws import LAWS, chinese_number, parse_chinese_number

MARK = "【依据】"
_ARTICLE = re.compile(r"第([零一二三四五六七八九十百\d]+)条")
_NUMBERS = re.compile(r"^\s*\d+(\s*[,，、;；/\s]\s*\d+)*\s*$")
_CITATION = re.compile(r"^《(?P<law>[^》]+)》(?P<where>.*?)(?:“(?P<quote>.*)”)?$", re.DOTALL)


def _names() -> dict[str, str]:
    names: dict[str, str] = {}
    for slug, law in LAWS.items():
        for name in (slug, law.title, law.short_title, law.title.removeprefix("中华人民共和国")):
            names[name.lower()] = slug
    return names


_LAW_NAMES = _names()


def law_slug(text: str) -> str | None:
    """A law's slug from its slug, title or short title (《》 and spaces ignored); None if unknown."""
    key = text.strip().strip("《》").replace(" ", "").lower()
    return _LAW_NAMES.get(key)


def parse_articles(text: str) -> list[int] | None:
    """'第四十二条、第四十三条', '第42条', '42', '42,43' → [42, 43]; None when it names no article."""
    found = _ARTICLE.findall(text)
    if found:
        return [int(n) if n.isdigit() else parse_chinese_number(n) for n in found]
    if _NUMBERS.match(text):
        return [int(n) for n in re.findall(r"\d+", text)]
    return None


def format_articles(articles: list[int]) -> str:
    """[42, 43] → '第四十二条、第四十三条'."""
    return "、".join(f"第{chinese_number(n)}条" for n in articles)


def article_value(articles: list[int]) -> int | list[int]:
    """The bank's form: one number, or a list of several."""
    return articles[0] if len(articles) == 1 else articles


def cite_place(cite: dict[str, Any]) -> str:
    """The article(s) or numbered part as a person writes it: 第四十二条 / 三、（十）."""
    article = cite.get("article")
    if isinstance(article, int):
        return format_articles([article])
    if isinstance(article, list) and all(isinstance(n, int) for n in article):
        return format_articles(article)
    return str(cite.get("part") or "")


def render_citation(cite: dict[str, Any]) -> str:
    """The 【依据】 line for a bank citation."""
    law = LAWS.get(str(cite.get("law")))
    name = law.short_title if law else str(cite.get("law"))
    quote = cite.get("quote")
    return f"{MARK}《{name}》{cite_place(cite)}" + (f"“{quote}”" if quote else "")


def parse_citation(text: str) -> dict[str, Any] | None:
    """A bank citation from a 【依据】 line's text (without the mark); None if the law is unknown."""
    match = _CITATION.match(text.strip())
    if match is None:
        return None
    slug = law_slug(match["law"])
    if slug is None:
        return None
    cite: dict[str, Any] = {"law": slug}
    where = match["where"].strip()
    articles = parse_articles(where) if where else None
    if articles:
        cite["article"] = article_value(articles)
    elif where:
        cite["part"] = where
    if match["quote"] is not None:
        cite["quote"] = match["quote"]
    return cite


def with_citation(explanation: str, cite: dict[str, Any]) -> str:
    """The explanation followed by its 【依据】 paragraph."""
    line = render_citation(cite)
    return f"{explanation}\n\n{line}" if explanation else line


def split_citation(feedback: str) -> tuple[str, dict[str, Any] | None]:
    """(explanation, citation) from a feedback text that may end with a 【依据】 paragraph."""
    text = feedback.strip()
    head, mark, tail = text.rpartition(MARK)
    if not mark or "\n" in tail or (head and not head.endswith("\n")):
        return text, None
    cite = parse_citation(tail)
    if cite is None:
        return text, None
    return head[:-2] if head.endswith("\n\n") else head.removesuffix("\n"), cite
