"""Session view fixtures: the widgets' tiny project (tests/widgets/conftest.py) plus a session in it."""

from __future__ import annotations

import pytest

from quizkit.bank import load_bank
from quizkit.sessions import Session, create_session
from quizkit.sessions.rules import SessionRules
from quizkit.store import Store
from tests.widgets.lesson_project import project_env

PAPER = ["t-single", "t-multi", "t-judge", "t-case"]  # 5 questions: the case has two


@pytest.fixture(autouse=True)
def quiet_session_display(monkeypatch: pytest.MonkeyPatch) -> None:
    from importlib import import_module

    for name in ("quizkit.widgets.render", "quizkit.widgets.sessions.shown"):  # ShownOnce, show
        monkeypatch.setattr(import_module(name), "display", lambda *a, **k: None)


def make_session(store: Store, project: object, code: str = "K7Q2", **rules: object) -> Session:
    from pathlib import Path

    bank = load_bank(Path(project_env(Path(str(project)))["QUIZKIT_BANK"]))
    values: dict[str, object] = {"paper": {"questions": PAPER}, "seed": "view-test"}
    values.update(rules)
    return create_session(
        store, bank, title="随堂测验", rules=SessionRules.model_validate(values), code=code
    )
