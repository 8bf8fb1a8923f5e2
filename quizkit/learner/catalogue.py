"""What the course home, the 错题本 and 今日复习 need of the question bank, without its keys.

The course home needs each lesson's questions (which ids make up the quizzes of a law); the 错题本 and
今日复习 need the stem, type, law and whether a question is still active, for questions the cadre has
answered. On a single machine the kernel's own bank answers (:class:`BankCatalogue`); on a hub the
kernel cannot read ``question_bank/`` and the grading service's client answers the same two calls
(``ServiceBackend``). The view's context chooses once (``LearnerContext.catalogue``); the practice
quiz of a list page takes its questions and feedback the way every lesson quiz does.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol, runtime_checkable

from quizkit.bank.lesson_plan import law_questions
from quizkit.bank.loader import Bank


@runtime_checkable
class QuestionCatalogue(Protocol):
    """The bank as a cadre's pages may see it: ids by law, and stems without keys."""

    def lesson_questions(self, laws: Sequence[str]) -> dict[str, list[str]]:
        """For each law, the ids of the questions of its named quizzes (case groups expanded)."""
        ...

    def question_stems(self, question_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """For each of these ids still in the bank: ``law``, ``type`` (the type key), ``stem``
        and ``active`` — never the answer, explanation or citation. Unknown ids are left out."""
        ...


def shown_stems(bank: Bank, question_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
    """The bank's answer to ``question_stems``."""
    found: dict[str, dict[str, Any]] = {}
    for question_id in question_ids:
        entry = bank.entries.get(question_id)
        if entry is not None:
            question = entry.question
            found[question_id] = {
                "law": entry.law,
                "type": question.type,
                "stem": question.stem,
                "active": bool(question.active),
            }
    return found


@dataclass(frozen=True)
class BankCatalogue:
    """The kernel's own bank as a :class:`QuestionCatalogue` (single machine)."""

    bank: Bank

    def lesson_questions(self, laws: Sequence[str]) -> dict[str, list[str]]:
        return law_questions(self.bank, laws)

    def question_stems(self, question_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        return shown_stems(self.bank, question_ids)


__all__ = [
    "BankCatalogue",
    "QuestionCatalogue",
    "shown_stems",
]
