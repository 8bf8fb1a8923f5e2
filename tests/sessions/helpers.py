"""Creating sessions and answering papers in tests."""

from __future__ import annotations

from typing import Any

from quizkit.bank import Bank
from quizkit.sessions import ExamSitting, Session, create_session
from quizkit.sessions.rules import SessionRules
from quizkit.store import Store


def exam(store: Store, bank: Bank, *, code: str = "K7Q2", **rules: Any) -> Session:
    """An exam session over a fixed paper of 4 questions (single, multiple, judge, single)."""
    values: dict[str, Any] = {
        "paper": {"questions": ["xk-single-01", "xk-multiple-01", "xk-judge-01", "cf-single-01"]},
        "seed": "test",
    }
    values.update(rules)
    opens, closes = values.pop("opens_at", None), values.pop("closes_at", None)
    return create_session(
        store,
        bank,
        title="测试考试",
        rules=SessionRules.model_validate(values),
        code=code,
        opens_at=opens,
        closes_at=closes,
    )


def right(sitting: ExamSitting, question_id: str) -> object:
    """The right answer in the labels this paper shows."""
    for pq in sitting.questions:
        if pq.item.question_id == question_id:
            answer = pq.shown.answer
            if isinstance(answer, list):  # 多选: the sorted labels; 填空: each blank's first answer
                return tuple(sorted(a for a in answer if isinstance(a, str))) or tuple(
                    blank[0] for blank in answer if isinstance(blank, list)
                )
            return answer
    raise KeyError(question_id)


def wrong(sitting: ExamSitting, question_id: str) -> object:
    for pq in sitting.questions:
        if pq.item.question_id == question_id:
            answer = pq.shown.answer
            if isinstance(answer, bool):
                return not answer
            labels = list(pq.shown.options or {})
            if isinstance(answer, list) and not labels:  # 填空
                return tuple("不知道" for _ in answer)
            if isinstance(answer, list):
                return tuple([label for label in labels if label not in answer][:1])
            return next(label for label in labels if label != answer)
    raise KeyError(question_id)
