"""Blueprints: how many questions of which law, type and difficulty a paper draws, and their points.

A blueprint is a list of cells, for example 单选 25 × 2 + 多选 10 × 2 + 判断 15 × 2 = 100. Each cadre's
paper draws every cell afresh from the bank (卷卷不同), seeded by the session and the cadre, so the same
cadre gets the same paper again. Cells may overlap (a cell for one law and a cell for any law): a
question is drawn at most once per paper, and the draw is a bipartite matching of cell slots to
questions, so a blueprint the bank can satisfy is always satisfied. One it cannot satisfy is refused
with the cell that is short and by how much.
"""

from __future__ import annotations

import random
import re
from collections.abc import Sequence
from itertools import combinations

from pydantic import BaseModel, ConfigDict, Field, field_validator

from quizkit.bank.loader import Bank
from quizkit.bank.models import Question
from quizkit.bank.selection import candidates
from quizkit.errors import SessionError
from quizkit.laws import LAWS
from quizkit.question_types import QUESTION_TYPES, TYPE_NAMES, type_for_word

_SHORT_HINT = (
    "减少该格的题数、放宽法律或难度条件，或先向题库补充题目（`quizkit bank stats` 列出现有题量）"
)


class BlueprintCell(BaseModel):
    """One cell: ``count`` questions of ``type`` (optionally one law, difficulties, tags) at ``points`` each."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    type: str
    count: int = Field(gt=0)
    points: float = Field(gt=0)
    law: str | None = None
    difficulty: tuple[int, ...] = ()
    tags: tuple[str, ...] = ()

    @field_validator("difficulty", mode="before")
    @classmethod
    def _levels(cls, value: object) -> object:
        return (value,) if isinstance(value, int) else value

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in QUESTION_TYPES:
            raise ValueError(
                f"unknown question type {value!r}; use one of {', '.join(QUESTION_TYPES)}"
            )
        return value

    @field_validator("law")
    @classmethod
    def _known_law(cls, value: str | None) -> str | None:
        if value is not None and value not in LAWS:
            raise ValueError(f"unknown law {value!r}; use one of {', '.join(sorted(LAWS))}")
        return value

    def label(self) -> str:
        """行政处罚法 · 单选题 · 难度 2 · 标签 期限 (25 × 2 分)."""
        parts = [LAWS[self.law].short_title if self.law else "全部法律", TYPE_NAMES[self.type]]
        if self.difficulty:
            parts.append("难度 " + "/".join(str(level) for level in self.difficulty))
        if self.tags:
            parts.append("标签 " + "/".join(self.tags))
        return " · ".join(parts) + f"（{self.count} × {self.points:g} 分）"

    def pool(self, bank: Bank) -> list[Question]:
        """Every active question the cell may draw, in id order."""
        return candidates(
            bank,
            law=self.law,
            types=[self.type],
            difficulty=self.difficulty or None,
            tags=self.tags or None,
        )


def total_points(cells: Sequence[BlueprintCell]) -> float:
    return float(sum(cell.count * cell.points for cell in cells))


_CELL = re.compile(
    r"^(?:(?P<law>[^/@:]+)/)?(?P<type>[^/@:]+)(?:@(?P<levels>[1-3](?:/[1-3])*))?"
    r":(?P<count>\d+)\s*[x×*]\s*(?P<points>\d+(?:\.\d+)?)$"
)


def parse_blueprint(text: str) -> tuple[BlueprintCell, ...]:
    """Read the short form trainers type: ``single:25x2, multiple:10x2, judge:15x2``.

    A cell is ``[law/]type[@difficulty]:COUNTxPOINTS``; type may be written 单选/多选/判断/填空; law is a slug
    (``administrative-penalty``) or a short title (行政处罚法); difficulty is 1–3, several as ``1/2``.
    Cells are separated by commas, ``+`` or semicolons.
    """
    titles = {law.short_title: slug for slug, law in LAWS.items()}
    cells = []
    for raw in re.split(r"[,，;；+]", text):
        part = raw.strip().replace(" ", "")
        if not part:
            continue
        found = _CELL.match(part)
        kind = type_for_word(found.group("type")) if found else None
        if found is None or kind is None:
            raise SessionError(
                f"组卷蓝图中的 {part!r} 看不懂",
                hint="每格写成 [法律/]题型[@难度]:题数x分值，例如 single:25x2 或 行政处罚法/多选@2:10x2",
            )
        law = found.group("law")
        levels = found.group("levels")
        cells.append(
            BlueprintCell(
                type=kind,
                count=int(found.group("count")),
                points=float(found.group("points")),
                law=titles.get(law, law) if law else None,
                difficulty=tuple(int(level) for level in levels.split("/")) if levels else (),
            )
        )
    if not cells:
        raise SessionError("组卷蓝图是空的", hint="例如 single:25x2,multiple:10x2,judge:15x2")
    return tuple(cells)


def _short_cells(bank: Bank, cells: Sequence[BlueprintCell]) -> str | None:
    """The first refusal: a cell whose pool is too small, else a group of cells that share too few."""
    pools = [{q.id for q in cell.pool(bank)} for cell in cells]
    for number, (cell, pool) in enumerate(zip(cells, pools, strict=True), 1):
        if len(pool) < cell.count:
            return (
                f"组卷蓝图第 {number} 格（{cell.label()}）需要 {cell.count} 题，题库中符合条件的只有 "
                f"{len(pool)} 题，差 {cell.count - len(pool)} 题"
            )
    if len(cells) > 12:  # checking every group would take too long; the draw itself will tell
        return None
    for size in range(2, len(cells) + 1):
        for group in combinations(range(len(cells)), size):
            need = sum(cells[i].count for i in group)
            have = len(set().union(*(pools[i] for i in group)))
            if have < need:
                names = "、".join(str(i + 1) for i in group)
                labels = "；".join(cells[i].label() for i in group)
                return (
                    f"组卷蓝图第 {names} 格（{labels}）合计需要 {need} 题，题库中符合条件的不同题目只有 "
                    f"{have} 题，差 {need - have} 题"
                )
    return None


def check_blueprint(bank: Bank, cells: Sequence[BlueprintCell]) -> None:
    """Refuse a blueprint the bank cannot satisfy, naming the short cell and by how much."""
    problem = _short_cells(bank, cells)
    if problem is not None:
        raise SessionError(problem, hint=_SHORT_HINT)


def draw_cells(bank: Bank, cells: Sequence[BlueprintCell], seed: str) -> list[list[Question]]:
    """Each cell's questions, drawn at random (seeded) with no question twice.

    Every cell's pool is shuffled with its own seeded generator; slots take the first free question
    of their cell's order, and a slot left empty takes one over by an augmenting path (Kuhn's
    bipartite matching), so the draw succeeds whenever any assignment exists.
    """
    check_blueprint(bank, cells)
    orders: list[list[Question]] = []
    for index, cell in enumerate(cells):
        pool = cell.pool(bank)
        random.Random(f"{seed}:{index}").shuffle(pool)
        orders.append(pool)
    slots = [index for index, cell in enumerate(cells) for _ in range(cell.count)]
    owner: dict[str, int] = {}  # question id → slot
    chosen: list[Question | None] = [None] * len(slots)
    for slot, cell_index in enumerate(slots):  # greedy pass: most slots are filled here
        free = next((q for q in orders[cell_index] if q.id not in owner), None)
        if free is not None:
            owner[free.id], chosen[slot] = slot, free
    for slot in (s for s, q in enumerate(chosen) if q is None):
        if not _augment(slot, slots, orders, owner, chosen, set()):
            raise SessionError("组卷失败：题库中的题目不足以满足蓝图", hint=_SHORT_HINT)
    drawn: list[list[Question]] = [[] for _ in cells]
    for slot, question in enumerate(chosen):
        assert question is not None  # every slot was filled above
        drawn[slots[slot]].append(question)
    return drawn


def _augment(
    slot: int,
    slots: list[int],
    orders: list[list[Question]],
    owner: dict[str, int],
    chosen: list[Question | None],
    seen: set[str],
) -> bool:
    for question in orders[slots[slot]]:
        if question.id in seen:
            continue
        seen.add(question.id)
        holder = owner.get(question.id)
        if holder is None or _augment(holder, slots, orders, owner, chosen, seen):
            owner[question.id], chosen[slot] = slot, question
            return True
    return False


__all__ = [
    "BlueprintCell",
    "check_blueprint",
    "draw_cells",
    "parse_blueprint",
    "total_points",
]
