"""Papers: the questions one cadre gets in one attempt, their points and option order.

A paper is drawn from the session's rules with a seed made of the session's seed, the cadre and the
attempt number, so it is the same every time it is drawn again (卷卷不同, yet reproducible). It is stored
with the attempt (``Store.start_attempt(paper=...)``) and read back from there, so a restarted kernel
shows the same paper even if the bank changed meanwhile.

With option shuffling the cadre sees options relabelled A, B, C… in a shuffled order; answers are
stored and graded in the bank's own labels, so reports and item analysis never see the shuffle.
"""

from __future__ import annotations

import random
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from quizkit.bank.loader import Bank
from quizkit.bank.models import Question
from quizkit.errors import SessionError
from quizkit.question_types import OPTION_LABELS, QUESTION_TYPES, Response, sorted_labels
from quizkit.sessions.blueprint import draw_cells
from quizkit.sessions.rules import PaperRules, SessionRules


@dataclass(frozen=True)
class PaperItem:
    """One question of a paper: its points, the bank labels in display order, its slot and case."""

    question_id: str
    points: float
    options: tuple[str, ...] | None = None
    slot: str = ""
    case: str | None = None

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.question_id,
            "points": self.points,
            "options": list(self.options) if self.options is not None else None,
            "slot": self.slot,
            "case": self.case,
        }


@dataclass(frozen=True)
class Paper:
    """The questions of one attempt in the order shown."""

    seed: str
    items: tuple[PaperItem, ...]

    @property
    def total_points(self) -> float:
        return float(sum(item.points for item in self.items))

    @property
    def question_ids(self) -> list[str]:
        return [item.question_id for item in self.items]

    def item(self, question_id: str) -> PaperItem:
        return next(item for item in self.items if item.question_id == question_id)

    def to_json(self) -> dict[str, Any]:
        """What the attempt stores; ``total_points`` is what the reports divide by."""
        return {
            "seed": self.seed,
            "total_points": self.total_points,
            "questions": [item.to_json() for item in self.items],
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Paper:
        items = tuple(
            PaperItem(
                question_id=str(entry["id"]),
                points=float(entry["points"]),
                options=tuple(entry["options"]) if entry.get("options") is not None else None,
                slot=str(entry.get("slot") or entry["id"]),
                case=entry.get("case"),
            )
            for entry in data.get("questions", [])
        )
        return cls(str(data.get("seed", "")), items)


def paper_seed(rules: SessionRules, cadre_id: str, attempt_no: int) -> str:
    return f"{rules.seed}:{cadre_id}:{attempt_no}"


def _fixed_items(bank: Bank, paper: PaperRules) -> list[list[PaperItem]]:
    """Blocks of items (a case keeps its sub-questions together) in the order given."""
    blocks: list[list[PaperItem]] = []
    for item_id in paper.questions:
        if item_id in bank.cases:
            case = bank.cases[item_id]
            questions = [q for q in case.questions if q.active]
            blocks.append([_item(q, _points(q, paper), case=case.id) for q in questions])
        elif item_id in bank.entries and bank.question(item_id).active:
            question = bank.question(item_id)
            blocks.append([_item(question, _points(question, paper))])
        else:
            raise SessionError(
                f"试卷中的题目 {item_id} 不在题库中（或已停用）",
                item=item_id,
                hint="check the id with `quizkit bank stats`, or remove it from the paper",
            )
    return blocks


def _points(question: Question, paper: PaperRules) -> float:
    if question.points is not None:
        return float(question.points)
    return float(paper.points.get(question.type, QUESTION_TYPES[question.type].default_points))


def _item(
    question: Question, points: float, *, slot: str = "", case: str | None = None
) -> PaperItem:
    return PaperItem(question.id, points, None, slot or question.id, case)


def _shuffled_options(item: PaperItem, question: Question, rng: random.Random) -> PaperItem:
    if not QUESTION_TYPES[question.type].has_options or not question.options:
        return item
    labels = list(question.options)
    rng.shuffle(labels)
    return PaperItem(item.question_id, item.points, tuple(labels), item.slot, item.case)


def draw_paper(bank: Bank, rules: SessionRules, cadre_id: str, attempt_no: int = 1) -> Paper:
    """The paper of ``cadre_id``'s attempt number ``attempt_no``: the same every time."""
    seed = paper_seed(rules, cadre_id, attempt_no)
    if rules.paper.fixed:
        blocks = _fixed_items(bank, rules.paper)
    else:
        drawn = draw_cells(bank, rules.paper.blueprint, seed)
        blocks = [
            [_item(q, cell.points, slot=f"{index + 1}.{k + 1}") for k, q in enumerate(questions)]
            for index, (cell, questions) in enumerate(
                zip(rules.paper.blueprint, drawn, strict=True)
            )
        ]
        if rules.paper.shuffle_questions:
            blocks = [[item] for block in blocks for item in block]
    rng = random.Random(seed + ":order")
    if rules.paper.shuffle_questions:
        rng.shuffle(blocks)
    items = [item for block in blocks for item in block]
    if rules.shuffle_options:
        items = [_shuffled_options(i, bank.question(i.question_id), rng) for i in items]
    return Paper(seed, tuple(items))


def displayed(question: Question, order: Sequence[str] | None) -> Question:
    """The question as shown: options relabelled A, B, C… in ``order`` (bank labels)."""
    if order is None or question.options is None:
        return question
    options = {OPTION_LABELS[i]: question.options[label] for i, label in enumerate(order)}
    shown = {label: OPTION_LABELS[i] for i, label in enumerate(order)}
    answer = question.answer
    if isinstance(answer, str):
        answer = shown[answer]
    elif isinstance(answer, list):
        answer = sorted(shown[label] for label in answer if isinstance(label, str))
    return question.model_copy(update={"options": options, "answer": answer})


def to_bank_labels(response: Response, order: Sequence[str] | None) -> Response:
    """A response in display labels → the same response in the bank's labels."""
    if order is None or response is None or isinstance(response, bool):
        return response
    bank_of = {OPTION_LABELS[i]: label for i, label in enumerate(order)}
    if isinstance(response, str):
        return bank_of[response]
    return sorted_labels(bank_of[label] for label in response)


def to_display_labels(response: Response, order: Sequence[str] | None) -> Response:
    """A stored response (bank labels) → display labels, to show a saved choice again."""
    if order is None or response is None or isinstance(response, bool):
        return response
    shown = {label: OPTION_LABELS[i] for i, label in enumerate(order)}
    if isinstance(response, str):
        return shown.get(response, response)
    return sorted_labels(shown.get(label, label) for label in response)


def paper_questions(bank: Bank, paper: Paper) -> list[Question]:
    """The bank questions of a paper, in order; SessionError when the bank lost one."""
    missing = [qid for qid in paper.question_ids if qid not in bank.entries]
    if missing:
        raise SessionError(
            f"试卷中的题目 {', '.join(missing)} 已不在题库中",
            hint="请联系培训老师：题库在考试期间被修改了",
        )
    return [bank.question(qid) for qid in paper.question_ids]


def check_paper_rules(bank: Bank, rules: SessionRules) -> Paper:
    """Draw one sample paper now, so a session the bank cannot serve is refused at creation."""
    return draw_paper(bank, rules, "__check__")


def case_titles(bank: Bank, items: Iterable[PaperItem]) -> dict[str, str]:
    return {i.case: bank.cases[i.case].scenario for i in items if i.case and i.case in bank.cases}


__all__ = [
    "Paper",
    "PaperItem",
    "case_titles",
    "check_paper_rules",
    "displayed",
    "draw_paper",
    "paper_questions",
    "paper_seed",
    "to_bank_labels",
    "to_display_labels",
]
