"""Widget fixtures: a tiny project in tmp_path with the environment pointing quizkit at it; for the
browser tests one JupyterLab server and one Chromium for the whole run."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from quizkit.learner.context import forget_contexts, learner_context
from quizkit.learner.pending import PendingQueue
from quizkit.store import Store, open_store
from quizkit.widgets import QuizView
from tests.databases import PgServer, pg_server_or_skip
from tests.widgets.jupyter_harness import LabServer, launch_chromium, shared_lab
from tests.widgets.lesson_project import make_project, project_env


@pytest.fixture(autouse=True)
def quiet_display(monkeypatch: pytest.MonkeyPatch) -> None:
    """Outside a kernel IPython's display() prints the widget's repr; keep test output readable."""
    monkeypatch.setattr("quizkit.widgets.api.display", lambda *args, **kwargs: None)


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    root = make_project(tmp_path / "project")
    for name, value in project_env(root).items():
        monkeypatch.setenv(name, value)
    for name in ("JUPYTERHUB_USER", "JPY_SESSION_NAME", "QUIZKIT_LAWS"):
        monkeypatch.delenv(name, raising=False)
    forget_contexts()
    PendingQueue._shared.clear()
    yield root
    forget_contexts()
    PendingQueue._shared.clear()


@pytest.fixture(scope="session")
def pg_server(request: pytest.FixtureRequest) -> Iterator[PgServer]:
    yield from pg_server_or_skip(request)


@pytest.fixture
def pg_project(
    project: Path, pg_server: PgServer, monkeypatch: pytest.MonkeyPatch
) -> Iterator[str]:
    """The project with its store in a fresh PostgreSQL schema; yields the URL."""
    name, url = pg_server.fresh_schema()
    monkeypatch.setenv("QUIZKIT_DB_URL", url)
    forget_contexts()
    try:
        yield url
    finally:
        forget_contexts()
        pg_server.drop_schema(name)


@pytest.fixture
def store(project: Path) -> Iterator[Store]:
    """The project's store, opened separately from the quiz's (as a trainer's report would)."""
    opened = open_store(project_env(project)["QUIZKIT_DB_URL"])
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture(scope="session")
def chromium(playwright: Any) -> Iterator[Any]:
    """One headless Chromium for every browser test; each page gets a context of its own."""
    browser = launch_chromium(playwright)
    try:
        yield browser
    finally:
        browser.close()


@pytest.fixture(scope="session")
def lab(tmp_path_factory: pytest.TempPathFactory, playwright: Any) -> Iterator[LabServer]:
    """One JupyterLab for every browser test, over a folder with one project per test module
    (jupyter_harness.lab_project)."""
    with shared_lab(tmp_path_factory.mktemp("lab")) as server:
        yield server


def identify(view: QuizView, name: str = "张三", unit: str = "城关镇", cadre_id: str = "") -> None:
    """Fill the identity form and press 确定, as a learner would."""
    panel = view.identity
    if not panel.asking:
        panel.switch.click()
    panel.name.value, panel.unit.value, panel.cadre_id.value = name, unit, cadre_id
    panel.confirm.click()


def answer(view: QuizView, question_id: str, value: Any) -> None:
    """Choose ``value`` (a label, a list of labels, True/False) and press 提交."""
    card = view.cards[question_id]
    card.set_response(value)
    card.button.click()


class FlakyStore:
    """The real store, except that record_answer fails while ``failing`` (optionally after committing).

    Only for unit tests of the never-lose-an-answer path.
    """

    def __init__(self, real: Store) -> None:
        self.real = real
        self.failing = False
        self.commit_then_fail = False
        self.calls = 0

    def record_answer(self, answer: Any) -> bool:
        self.calls += 1
        if self.failing and not self.commit_then_fail:
            from quizkit.errors import StoreError

            raise StoreError("database is locked")
        stored = self.real.record_answer(answer)
        if self.failing:
            raise ConnectionError("connection lost after commit")
        return stored

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)


@pytest.fixture
def flaky(project: Path) -> FlakyStore:
    """Put a FlakyStore between the quizzes of this kernel and the real store."""
    context = learner_context()
    wrapper = FlakyStore(context.store())  # type: ignore[arg-type]
    context._store = wrapper  # type: ignore[assignment]
    return wrapper
