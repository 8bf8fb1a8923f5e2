"""How a cadre stands on each lesson's quizzes: what the course home shows beside 未开始/学习中/已完成.

Pure. A lesson's questions are those of its plan (:mod:`quizkit.bank.lesson_plan`, the one rule the
reports use); a question counts as right when the cadre's latest study answer to it (lesson, 错题重练,
今日复习 — the same answers that complete a lesson) was right, so re-answering a wrong question in the
错题本 raises the lesson's score. Exam answers do not count: they belong to the exam.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from quizkit.bank.lesson_plan import LessonPlan
from quizkit.records import STUDY_KINDS, ReviewAnswer


@dataclass(frozen=True)
class LessonScore:
    """Of a lesson's ``total`` questions, ``answered`` have a study answer, ``correct`` a right one."""

    correct: int
    answered: int
    total: int

    @property
    def percent(self) -> int | None:
        """Right answers as a share of the lesson's questions (None: nothing answered yet)."""
        if not self.answered or not self.total:
            return None
        return round(100 * self.correct / self.total)


def latest_study_results(answers: Iterable[ReviewAnswer]) -> dict[str, bool]:
    """Question id → whether the latest study answer to it was right."""
    latest: dict[str, ReviewAnswer] = {}
    for answer in answers:
        if answer.kind not in STUDY_KINDS:
            continue
        known = latest.get(answer.question_id)
        if known is None or answer.answered_at >= known.answered_at:
            latest[answer.question_id] = answer
    return {question: answer.correct for question, answer in latest.items()}


def lesson_scores(plan: LessonPlan, answers: Iterable[ReviewAnswer]) -> dict[str, LessonScore]:
    """Every planned lesson's score from one cadre's answers."""
    results = latest_study_results(answers)
    scores = {}
    for lesson, questions in plan.items():
        answered = [results[q] for q in questions if q in results]
        scores[lesson] = LessonScore(sum(answered), len(answered), len(questions))
    return scores


__all__ = ["LessonScore", "latest_study_results", "lesson_scores"]
