"""Building a session's rules from the plain values a trainer types (CLI flags or a notebook cell).

Whatever is not given comes from the project settings (pass mark, grade bands, 多选 policy, points per
type), so a session matches the rest of the course unless the trainer says otherwise.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from quizkit.bank.loader import Bank
from quizkit.errors import SessionError
from quizkit.grading import GradeBand
from quizkit.project import Project
from quizkit.sessions.blueprint import parse_blueprint
from quizkit.sessions.manage import Session, create_session
from quizkit.sessions.rules import SessionRules, rules_error
from quizkit.settings import Settings


def parse_bands(text: str) -> tuple[GradeBand, ...]:
    """``优秀=90,良好=80,合格=60,不合格=0`` → grade bands."""
    bands = []
    for part in text.replace("，", ",").split(","):
        name, sep, minimum = part.partition("=")
        try:
            if not sep or not name.strip():
                raise ValueError(part)
            bands.append(GradeBand(name=name.strip(), minimum=float(minimum)))
        except ValueError as error:
            raise SessionError(
                f"等级 {part.strip()!r} 看不懂",
                hint="write bands like 优秀=90,良好=80,合格=60,不合格=0",
            ) from error
    return tuple(bands)


def read_rules_file(path: Path) -> dict[str, Any]:
    """A JSON file of rules (the keys of SessionRules), for settings the flags do not cover."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise SessionError(f"cannot read the rules file {path}: {error}", file=path) from error
    if not isinstance(data, dict):
        raise SessionError("a rules file holds one JSON object", file=path)
    return data


def _paper(
    bank: Bank, questions: Sequence[str] | str | None, quiz: str | None, blueprint: str | None
) -> dict[str, Any]:
    given = [
        name
        for name, value in (("questions", questions), ("quiz", quiz), ("blueprint", blueprint))
        if value
    ]
    if len(given) != 1:
        raise SessionError(
            "试卷需要且只能用一种方式给出",
            hint="give exactly one of: a list of question ids, a named quiz, or a blueprint",
        )
    if blueprint:
        return {"blueprint": [cell.model_dump() for cell in parse_blueprint(blueprint)]}
    if quiz:
        named = bank.quizzes.get(quiz)
        if named is None:
            raise SessionError(
                f"没有名为 {quiz} 的测验",
                hint="named quizzes are listed under `quizzes:` in the bank",
            )
        return {"questions": list(named.questions)}
    ids = questions.replace("，", ",").split(",") if isinstance(questions, str) else questions
    return {"questions": [item.strip() for item in ids or () if item.strip()]}


def _makeup(
    opens: datetime | None, closes: datetime | None, who: str, attempts: int
) -> dict[str, Any]:
    if not (opens and closes):
        raise SessionError(
            "补考需要同时给出开始和结束时间", hint="give --makeup-opens and --makeup-closes"
        )
    return {"opens_at": opens, "closes_at": closes, "who": who, "attempts_allowed": attempts}


def session_rules(
    settings: Settings,
    bank: Bank,
    *,
    questions: Sequence[str] | str | None = None,
    quiz: str | None = None,
    blueprint: str | None = None,
    shuffle_questions: bool = False,
    bands: str | Sequence[GradeBand] | None = None,
    makeup_opens: datetime | None = None,
    makeup_closes: datetime | None = None,
    makeup_who: str = "failed_or_absent",
    makeup_attempts: int = 1,
    base: Mapping[str, Any] | None = None,
    **rules: Any,
) -> SessionRules:
    """SessionRules from plain values; ``rules`` are SessionRules fields (None = not given),
    ``base`` a rules dict (from a JSON file) the other values override."""
    values: dict[str, Any] = {
        "pass_mark": settings.pass_mark,
        "bands": settings.bands,
        "multi_policy": settings.multi_policy,
        **dict(base or {}),
    }
    points = dict(settings.points)
    if questions or quiz or blueprint or "paper" not in values:
        paper = _paper(bank, questions, quiz, blueprint)
        values["paper"] = {**paper, "points": points, "shuffle_questions": shuffle_questions}
    if bands is not None:
        values["bands"] = parse_bands(bands) if isinstance(bands, str) else tuple(bands)
    if makeup_opens or makeup_closes:
        values["makeup"] = _makeup(makeup_opens, makeup_closes, makeup_who, makeup_attempts)
    values.update({key: value for key, value in rules.items() if value is not None})
    for key in ("units", "cadres"):
        values[key] = tuple(values.get(key) or ())
    try:
        return SessionRules.model_validate(values)
    except ValidationError as error:
        raise rules_error(error) from error


def _moment(value: datetime | str | None) -> datetime | None:
    if value is None or isinstance(value, datetime):
        return value
    try:
        return datetime.fromisoformat(value.strip())
    except ValueError as error:
        raise SessionError(
            f"时间 {value!r} 看不懂", hint="write it like 2026-12-01 09:00"
        ) from error


def new_session(
    title: str,
    *,
    kind: str = "exam",
    code: str | None = None,
    opens: datetime | str | None = None,
    closes: datetime | str | None = None,
    **rules: Any,
) -> Session:
    """Create a session in the project's store from a notebook cell (the trainer's create-session
    notebook): ``rules`` as for :func:`session_rules` (``blueprint="single:25x2,…"``,
    ``duration_minutes=90``, ``makeup_opens="2026-12-08 09:00"``…). Times are local."""
    project = Project.open()
    settings, bank = project.settings, project.bank()
    for key in ("makeup_opens", "makeup_closes"):
        if key in rules:
            rules[key] = _moment(rules[key])
    built = session_rules(settings, bank, **rules)
    with project.store() as store:
        return create_session(
            store,
            bank,
            title=title,
            rules=built,
            kind=kind,
            code=code,
            opens_at=_moment(opens),
            closes_at=_moment(closes),
        )


__all__ = ["new_session", "parse_bands", "read_rules_file", "session_rules"]
