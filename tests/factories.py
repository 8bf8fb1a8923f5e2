"""Factories for questions and small banks written to disk."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from quizkit.bank.models import Question


def question_data(**overrides: Any) -> dict[str, Any]:
    """A valid single-choice question citing 《行政许可法》第四十二条, as YAML data."""
    data: dict[str, Any] = {
        "id": "xk-042-deadline",
        "type": "single",
        "stem": "行政机关作出行政许可决定的一般期限是自受理之日起多少日内？",
        "options": {"A": "十日", "B": "十五日", "C": "二十日", "D": "三十日"},
        "answer": "C",
        "explanation": "一般期限为二十日，经负责人批准可延长十日。",
        "cite": {"law": "administrative-licensing", "article": 42, "quote": "二十日内"},
        "difficulty": 2,
        "tags": ["期限"],
        "status": "active",
    }
    data.update(overrides)
    return data


def make_question(**overrides: Any) -> Question:
    return Question.model_validate(question_data(**overrides))


def judge_data(**overrides: Any) -> dict[str, Any]:
    data = question_data(
        id="xk-042-judge",
        type="judge",
        answer=True,
        stem="二十日内不能作出决定的，经本行政机关负责人批准可以延长十日。",
    )
    data.pop("options")
    data.update(overrides)
    return data


def multiple_data(**overrides: Any) -> dict[str, Any]:
    data = question_data(
        id="xk-042-multi",
        type="multiple",
        answer=["A", "C"],
        options={"A": "甲", "B": "乙", "C": "丙", "D": "丁"},
    )
    data.update(overrides)
    return data


def fill_data(**overrides: Any) -> dict[str, Any]:
    """A valid two-blank 填空 question on 《行政许可法》第四十二条 (accepted answers quoted from it)."""
    data = question_data(
        id="xk-042-fill",
        type="fill",
        stem="行政机关应当自受理行政许可申请之日起____日内作出行政许可决定；不能作出决定的，"
        "经本行政机关负责人批准，可以延长____日。",
        answer=[["二十"], ["十", "十日"]],
    )
    data.pop("options")
    data.update(overrides)
    return data


def write_bank(
    folder: Path,
    questions: list[dict[str, Any]],
    *,
    law: str = "administrative-licensing",
    name: str | None = None,
    quizzes: list[dict[str, Any]] | None = None,
) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    document: dict[str, Any] = {"schema_version": 1, "law": law}
    if quizzes:
        document["quizzes"] = quizzes
    document["questions"] = questions
    path = folder / (name or f"{law}.yaml")
    path.write_text(yaml.safe_dump(document, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path
