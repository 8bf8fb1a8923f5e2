"""Choosing what a quiz shows: a named quiz, explicit ids, or a seeded selection by law, tags, type…"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from quizkit.bank.loader import Bank
from quizkit.bank.models import CaseGroup, Question
from quizkit.errors import QuizkitError


@dataclass(frozen=True)
class QuizBlock:
    """What is shown together: one question, or a case scenario with its sub-questions."""

    questions: tuple[Question, ...]
    case: CaseGroup | None = None


@dataclass(frozen=True)
class QuizSpec:
    """A quiz ready to render: a stable id, a title, the law (when one) and its blocks in order."""

    id: str
    title: str
    law: str | None
    blocks: tuple[QuizBlock, ...]

    @property
    def questions(self) -> list[Question]:
        return [question for block in self.blocks for question in block.questions]


def _block(bank: Bank, item_id: str) -> QuizBlock:
    if item_id in bank.cases:
        case = bank.cases[item_id]
        return QuizBlock(tuple(q for q in case.questions if q.active), case)
    if item_id in bank.entries:
        return QuizBlock((bank.question(item_id),))
    raise QuizkitError(
        f"题库中没有编号为 {item_id} 的题目",
        item=item_id,
        hint="check the id, or run `quizkit bank stats` to list what the bank holds",
    )


def named_quiz(bank: Bank, quiz_id: str) -> QuizSpec:
    """The named quiz ``quiz_id`` as declared in the bank."""
    quiz = bank.quizzes.get(quiz_id)
    if quiz is None:
        raise QuizkitError(
            f"没有名为 {quiz_id} 的测验",
            item=quiz_id,
            hint="named quizzes are declared under `quizzes:` in question_bank/*.yaml",
        )
    return QuizSpec(
        quiz.id,
        quiz.title,
        bank.quiz_laws.get(quiz.id),
        tuple(_block(bank, item) for item in quiz.questions),
    )


def quiz_from_ids(bank: Bank, ids: Sequence[str], title: str | None = None) -> QuizSpec:
    digest = hashlib.sha1("\n".join(ids).encode("utf-8")).hexdigest()[:10]
    return QuizSpec(f"ids-{digest}", title or "练习", None, tuple(_block(bank, i) for i in ids))


def candidates(
    bank: Bank,
    *,
    law: str | None = None,
    tags: Iterable[str] | None = None,
    types: Iterable[str] | None = None,
    difficulty: int | Iterable[int] | None = None,
) -> list[Question]:
    """Active top-level questions (not case sub-questions) that match every given filter, in id order."""
    wanted_tags = set(tags or ())
    wanted_types = set(types or ())
    levels = {difficulty} if isinstance(difficulty, int) else set(difficulty or ())
    found = []
    for entry in bank.entries.values():
        question = entry.question
        if entry.case is not None or not question.active:
            continue
        if law and entry.law != law:
            continue
        if wanted_tags and not wanted_tags & set(question.tags):
            continue
        if wanted_types and question.type not in wanted_types:
            continue
        if levels and question.difficulty not in levels:
            continue
        found.append(question)
    return sorted(found, key=lambda q: q.id)


def select_quiz(
    bank: Bank,
    *,
    law: str | None = None,
    tags: Iterable[str] | None = None,
    types: Iterable[str] | None = None,
    difficulty: int | Iterable[int] | None = None,
    n: int | None = None,
    seed: int | str | None = None,
    title: str | None = None,
) -> QuizSpec:
    """A seeded random selection; the same arguments always give the same quiz."""
    pool = candidates(bank, law=law, tags=tags, types=types, difficulty=difficulty)
    if not pool:
        raise QuizkitError(
            "没有符合条件的题目", hint="relax the law, tags, type or difficulty filter"
        )
    chosen = pool if n is None or n >= len(pool) else random.Random(seed).sample(pool, n)
    key = repr((law, sorted(tags or ()), sorted(types or ()), difficulty, n, seed))
    digest = hashlib.sha1(key.encode("utf-8")).hexdigest()[:10]
    return QuizSpec(
        f"sel-{digest}", title or "随机练习", law, tuple(QuizBlock((q,)) for q in chosen)
    )
