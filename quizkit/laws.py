"""Facts about the laws the bank may cite: slug, title, version, effective date, article count.

Figures are those of ../shared/laws/index.yaml (LawRefBook/Laws snapshot 2f4c5c2). The two State Council
outlines have no article numbering in our reference set: their questions cite a numbered part instead.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Law:
    slug: str
    title: str
    short_title: str
    version: str
    effective: str
    articles: int | None  # None: cited by numbered part, no article numbers

    @property
    def cites_articles(self) -> bool:
        return self.articles is not None

    def citation(self, article: int | list[int] | None = None, part: str | None = None) -> str:
        """Render a citation the way Chinese legal texts write it: 《行政许可法》第四十二条."""
        head = f"《{self.short_title}》"
        if article is not None:
            numbers = article if isinstance(article, list) else [article]
            return head + "、".join(f"第{chinese_number(n)}条" for n in numbers)
        if part:
            return f"{head}{part}"
        return head


LAWS: dict[str, Law] = {
    law.slug: law
    for law in (
        Law(
            "administrative-licensing",
            "中华人民共和国行政许可法",
            "行政许可法",
            "2019-04-23",
            "2019-04-23",
            83,
        ),
        Law(
            "administrative-penalty",
            "中华人民共和国行政处罚法",
            "行政处罚法",
            "2021-01-22",
            "2021-07-15",
            86,
        ),
        Law(
            "administrative-litigation",
            "中华人民共和国行政诉讼法",
            "行政诉讼法",
            "2017-06-27",
            "2017-07-01",
            103,
        ),
        Law(
            "state-compensation",
            "中华人民共和国国家赔偿法",
            "国家赔偿法",
            "2012-10-26",
            "2013-01-01",
            42,
        ),
        Law(
            "administrative-reconsideration",
            "中华人民共和国行政复议法",
            "行政复议法",
            "2023-09-01",
            "2024-01-01",
            90,
        ),
        Law(
            "administrative-coercion",
            "中华人民共和国行政强制法",
            "行政强制法",
            "2011-06-30",
            "2012-01-01",
            71,
        ),
        Law(
            "government-information-disclosure",
            "中华人民共和国政府信息公开条例",
            "政府信息公开条例",
            "2019-04-03",
            "2019-05-15",
            56,
        ),
        Law(
            "people-mediation",
            "中华人民共和国人民调解法",
            "人民调解法",
            "2010-08-28",
            "2011-01-01",
            35,
        ),
        Law(
            "outline-2004",
            "全面推进依法行政实施纲要（国发〔2004〕10号）",
            "全面推进依法行政实施纲要",
            "2004-03-22",
            "2004-03-22",
            None,
        ),
        Law(
            "outline-2021-2025",
            "法治政府建设实施纲要（2021—2025年）",
            "法治政府建设实施纲要（2021—2025年）",
            "2021-08-11",
            "2021-08-11",
            None,
        ),
        Law(
            "major-administrative-decisions",
            "重大行政决策程序暂行条例",
            "重大行政决策程序暂行条例",
            "2019-04-20",
            "2019-09-01",
            44,
        ),
        Law(
            "villagers-committees",
            "中华人民共和国村民委员会组织法",
            "村民委员会组织法",
            "2018-12-29",
            "2018-12-29",
            41,
        ),
        Law(
            "land-administration",
            "中华人民共和国土地管理法",
            "土地管理法",
            "2019-08-26",
            "2020-01-01",
            87,
        ),
        Law(
            "urban-rural-planning",
            "中华人民共和国城乡规划法",
            "城乡规划法",
            "2019-04-23",
            "2019-04-23",
            70,
        ),
        Law(
            "petition-work",
            "信访工作条例",
            "信访工作条例",
            "2022-02-25",
            "2022-05-01",
            50,
        ),
        Law(
            "work-safety",
            "中华人民共和国安全生产法",
            "安全生产法",
            "2021-06-10",
            "2021-09-01",
            119,
        ),
        Law(
            "public-official-sanctions",
            "中华人民共和国公职人员政务处分法",
            "公职人员政务处分法",
            "2020-06-20",
            "2020-07-01",
            68,
        ),
        Law(
            "emergency-response",
            "中华人民共和国突发事件应对法",
            "突发事件应对法",
            "2024-06-28",
            "2024-11-01",
            106,
        ),
    )
}

_DIGITS = "零一二三四五六七八九"


def chinese_number(n: int) -> str:
    """1 → 一, 42 → 四十二, 103 → 一百零三 (the numerals laws use for article numbers, up to 999)."""
    if not 0 < n < 1000:
        raise ValueError(f"article number out of range: {n}")
    hundreds, rest = divmod(n, 100)
    tens, ones = divmod(rest, 10)
    text = ""
    if hundreds:
        text += _DIGITS[hundreds] + "百"
        if rest and tens == 0:
            text += "零"
    if tens:
        text += ("" if tens == 1 and not hundreds else _DIGITS[tens]) + "十"
    if ones:
        text += _DIGITS[ones]
    return text


def parse_chinese_number(text: str) -> int:
    """Inverse of :func:`chinese_number`: 四十二 → 42, 一百零三 → 103, 十 → 10."""
    total, current = 0, 0
    for char in text:
        if char == "百":
            total += (current or 1) * 100
            current = 0
        elif char == "十":
            total += (current or 1) * 10
            current = 0
        elif char in _DIGITS:
            current = _DIGITS.index(char)
        else:
            raise ValueError(f"not a Chinese numeral: {text!r}")
    return total + current
