"""The trainers' Excel template: its columns, and the words trainers type in them.

One table per sheet (header, bank field, other headers accepted, width, note shown in the template), and
one table per kind of value (题型, 答案, 难度, 状态), so the reader and the writer agree by construction.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from quizkit.question_types import OPTION_LABELS, QUESTION_TYPES


@dataclass(frozen=True)
class Column:
    field: str
    header: str
    aliases: tuple[str, ...] = ()
    width: int = 12
    note: str = ""


QUESTION_SHEET = "题目"
CASE_SHEET = "案例"
QUIZ_SHEET = "测验"
HELP_SHEET = "说明"

QUESTION_COLUMNS = (
    Column(
        "id", "编号", ("题号", "试题编号", "id"), 20, "可不填：留空时按题干生成，如 imp-3f2a9c1b"
    ),
    Column(
        "type",
        "题型",
        ("题目类型", "试题类型", "类型"),
        8,
        " / ".join(kind.short for kind in QUESTION_TYPES.values()),
    ),
    Column("stem", "题干", ("题目", "试题", "题目内容", "试题内容"), 50, "题目正文"),
    *(
        Column(f"options.{label}", f"选项{label}", (label, f"{label}选项", f"选项 {label}"), 22)
        for label in OPTION_LABELS
    ),
    Column(
        "answer",
        "答案",
        ("正确答案", "标准答案", "参考答案"),
        8,
        "单选 B；多选 ABD 或 A,B,D；判断 对/错、√/×、正确/错误；"
        "填空 按空的顺序写，空与空之间用 ； 或换行分隔，一空可接受多个答案时用 / 分隔",
    ),
    Column("explanation", "解析", ("答案解析", "试题解析"), 40, "用自己的话说明为什么"),
    Column("cite.law", "法律", ("法律名称", "依据法律", "法规"), 16, "如 行政许可法"),
    Column(
        "cite.place",
        "条款",
        ("条文", "法条", "条款号"),
        16,
        "如 第四十二条、42 或 42,43；两部纲要写部分，如 三、（十）",
    ),
    Column("cite.quote", "依据原文", ("原文", "法条原文"), 30, "条文中的一小段原话，逐字照抄"),
    Column("difficulty", "难度", (), 6, "1 易 / 2 中 / 3 难"),
    Column("tags", "标签", ("知识点", "关键词"), 16, "多个标签用 、 分隔"),
    Column("points", "分值", ("分数",), 6, "可不填"),
    Column("status", "状态", (), 8, "启用 / 停用（不填即启用）"),
    Column("case", "案例编号", ("案例",), 18, "案例分析的小题：填“案例”表中的案例编号"),
)
CASE_COLUMNS = (
    Column("id", "案例编号", ("编号",), 20),
    Column("title", "标题", (), 20),
    Column("scenario", "案例材料", ("材料", "案例内容"), 60),
    Column("tags", "标签", (), 16),
    Column("status", "状态", (), 8),
)
QUIZ_COLUMNS = (
    Column("id", "测验编号", ("编号",), 20),
    Column("title", "标题", (), 24),
    Column("description", "说明", (), 30),
    Column("questions", "题目编号", ("题目",), 60),
)

# 题型 cells: the short name first (what the writer puts), then every spelling of quizkit.question_types
TYPE_WORDS = {
    name: (kind.short, kind.chinese, *kind.aliases, kind.name)
    for name, kind in QUESTION_TYPES.items()
}
TYPE_NAMES = {kind: words[0] for kind, words in TYPE_WORDS.items()}
FILL_BLANKS = re.compile(r"[;；\n]+")  # 填空 answers: blanks in order
FILL_CHOICES = re.compile(r"[/／|｜]+")  # several accepted answers of one blank
JUDGE_WORDS = {
    True: ("对", "√", "✓", "✔", "正确", "是", "T", "TRUE", "Y"),
    False: ("错", "×", "✗", "✘", "X", "错误", "否", "F", "FALSE", "N"),
}
JUDGE_NAMES = {True: "对", False: "错"}
DIFFICULTY_WORDS: dict[int, tuple[str, ...]] = {
    1: ("1", "易", "简单", "容易"),
    2: ("2", "中", "中等", "一般"),
    3: ("3", "难", "困难", "较难"),
}
STATUS_WORDS = {
    "active": ("启用", "正常", "active", ""),
    "retired": ("停用", "作废", "retired"),
    "review": ("待复核", "review"),
}
STATUS_NAMES = {"active": "启用", "retired": "停用", "review": "待复核"}
LIST_SEPARATORS = re.compile(r"[,，、;；\n]+")


def _lookup(table: Mapping[Any, tuple[str, ...]], text: str) -> Any:
    key = text.strip().lower()
    for value, words in table.items():
        if key in (word.lower() for word in words):
            return value
    return None


def resolver(columns: tuple[Column, ...], extra: dict[str, str] | None = None) -> Any:
    """A function header text → field for these columns (``extra``: header → field, from --map)."""
    names = {column.header: column.field for column in columns}
    for column in columns:
        for alias in column.aliases:
            names.setdefault(alias, column.field)
    names.update(extra or {})

    def resolve(header: str) -> str | None:
        text = unicodedata.normalize("NFKC", header).strip().replace(" ", "")
        return names.get(header.strip()) or names.get(text)

    return resolve


def parse_type(text: str) -> str | None:
    return _lookup(TYPE_WORDS, text) if text else None


def parse_difficulty(text: str) -> Any:
    """1, 2 or 3 from 1/2/3 or 易/中/难; the text itself when it is neither (the checker says so)."""
    found = _lookup(DIFFICULTY_WORDS, text)
    return found if found is not None else text


def parse_status(text: str) -> str:
    found = _lookup(STATUS_WORDS, text)
    return found if found is not None else text


def parse_answer(text: str, kind: str | None, has_options: bool) -> tuple[Any, str | None]:
    """(answer, type it implies) from what a trainer typed: B, ABD, A,B,D, A、B、D, 对/错, √/×, 正确/错误.

    Letters win over judge words (F is an option label and a short 错) when the row has options.
    """
    if kind == "fill":
        return parse_fill_answer(text), "fill"
    normal = unicodedata.normalize("NFKC", text).strip()
    judge = _lookup(JUDGE_WORDS, normal)
    letters = re.sub(r"[\s,、;；/]+", "", normal).upper()
    is_letters = bool(letters) and all(c in OPTION_LABELS for c in letters)
    choice = kind in ("single", "multiple") or (kind is None and has_options)
    if judge is not None and not (is_letters and choice):
        return (judge if kind in (None, "judge") else normal), "judge"
    if is_letters:
        implied = "single" if len(letters) == 1 else "multiple"
        return (list(letters) if (kind or implied) == "multiple" else letters), implied
    return normal, None


def parse_fill_answer(text: str) -> list[list[str]]:
    """填空: ``五日；听证/听证会`` → ``[["五日"], ["听证", "听证会"]]`` (the text as typed, trimmed)."""
    blanks = [part.strip() for part in FILL_BLANKS.split(text.strip()) if part.strip()]
    return [[c.strip() for c in FILL_CHOICES.split(blank) if c.strip()] for blank in blanks]


def fill_answer_text(answer: list[list[str]]) -> str:
    """The cell a 填空 answer is written as (read back by :func:`parse_fill_answer`)."""
    return "；".join("/".join(choices) for choices in answer)


def split_list(text: str) -> list[str]:
    return [part.strip() for part in LIST_SEPARATORS.split(text) if part.strip()]
