"""How figures are written on paper: scores without a needless ".0", rates as percentages, and the
date in Chinese numerals as certificates print it (二〇二六年十一月二十六日)."""

from __future__ import annotations

import math
from datetime import date
from typing import Any

from quizkit.laws import chinese_number

_YEAR_DIGITS = "〇一二三四五六七八九"


def is_missing(value: Any) -> bool:
    if value is None:
        return True
    try:
        return bool(value != value)  # NaN, pandas NA
    except (TypeError, ValueError):
        return True


def number(value: Any, places: int = 2) -> str:
    """86.0 → 86, 86.5 → 86.5, 86.25 → 86.25; missing → empty."""
    if is_missing(value):
        return ""
    rounded = round(float(value), places)
    if math.isclose(rounded, round(rounded)):
        return str(round(rounded))
    return f"{rounded:.{places}f}".rstrip("0").rstrip(".")


def percent(value: Any, places: int = 1) -> str:
    """0.875 → 87.5%; missing → empty."""
    if is_missing(value):
        return ""
    return f"{100 * float(value):.{places}f}%"


def chinese_date(day: date) -> str:
    """2026-11-26 → 二〇二六年十一月二十六日."""
    year = "".join(_YEAR_DIGITS[int(digit)] for digit in str(day.year))
    return f"{year}年{chinese_number(day.month)}月{chinese_number(day.day)}日"


def plain_date(day: date) -> str:
    """2026-11-26 → 2026年11月26日."""
    return f"{day.year}年{day.month}月{day.day}日"


def yes_no(value: Any) -> str:
    if is_missing(value):
        return ""
    return "是" if bool(value) else "否"


TEMPLATE_FILTERS = {
    "qk_number": number,
    "qk_percent": percent,
    "qk_chinese_date": chinese_date,
    "qk_date": plain_date,
}

__all__ = [
    "TEMPLATE_FILTERS",
    "chinese_date",
    "is_missing",
    "number",
    "percent",
    "plain_date",
    "yes_no",
]
