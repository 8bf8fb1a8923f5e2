"""The app-mode page cell in a kernel: the notebook and the link's query come from Voilà's request
variables; a preheated kernel waits for the request before the notebook's cells run."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quizkit.learner.context import SESSION_VARIABLE, learner_context
from quizkit.widgets import page


@pytest.fixture(autouse=True)
def session_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    """open_page sets JPY_SESSION_NAME: undo it after each test."""
    monkeypatch.setenv(SESSION_VARIABLE, "placeholder")
    monkeypatch.delenv(SESSION_VARIABLE)


def test_outside_app_mode_nothing_is_known(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SCRIPT_NAME", "QUERY_STRING", page.PREHEAT_VARIABLE):
        monkeypatch.delenv(name, raising=False)
    assert page.page_notebook() is None and page.page_query("code") is None
    page.open_page()  # no request to wait for: returns at once
    assert SESSION_VARIABLE not in os.environ


def test_the_request_names_the_notebook_and_the_code(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCRIPT_NAME", "/user/zhang/voila/render/exam/exam.ipynb")
    monkeypatch.setenv("QUERY_STRING", "code=%20K7Q2%20&x=1")
    monkeypatch.setenv(page.PREHEAT_VARIABLE, "False")
    assert page.page_notebook() == "exam/exam.ipynb"
    assert page.page_query("code") == "K7Q2" and page.page_query("other") is None
    page.open_page()
    assert os.environ[SESSION_VARIABLE] == "exam/exam.ipynb"
    monkeypatch.setenv("SCRIPT_NAME", "/voila/render/11-self-test.ipynb")
    assert page.page_notebook() == "11-self-test.ipynb"


def test_warming_loads_the_bank_and_store_but_not_the_learner(project: Path) -> None:
    page.warm_up()
    context = learner_context()
    assert context._bank is not None and context._store is not None
    assert context.learner._resolved is False  # who answers is read after the request


def test_a_preheated_kernel_waits_for_its_request(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    seen: list[str] = []

    def claimed() -> None:  # stands in for Voilà handing the request to the kernel
        seen.append("waited")
        monkeypatch.setenv("SCRIPT_NAME", "/voila/render/01-x.ipynb")

    monkeypatch.setattr("voila.utils.wait_for_request", claimed)
    monkeypatch.setenv(page.PREHEAT_VARIABLE, "True")
    monkeypatch.delenv("SCRIPT_NAME", raising=False)
    page.open_page()
    assert seen == ["waited"] and os.environ[SESSION_VARIABLE] == "01-x.ipynb"
    page.wait_for_request()  # claimed already: no second wait
    assert seen == ["waited"]
