"""`quizkit.join` on a JupyterHub where cadres could impersonate each other: the exam is refused
with a sentence naming the spawner to use, and no paper is drawn."""

from __future__ import annotations

from pathlib import Path

import pytest

import quizkit
from quizkit.store import Store
from quizkit.widgets.sessions import JoinView
from tests.widgets.sessions.conftest import make_session


def test_an_exam_is_refused_on_a_hub_with_the_simple_spawner(
    project: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    session = make_session(store, project)
    monkeypatch.setenv("JUPYTERHUB_USER", "zhangsan01")
    monkeypatch.setenv("QUIZKIT_HUB_SPAWNER", "SimpleLocalProcessSpawner")
    view = quizkit.join("K7Q2")
    assert isinstance(view, JoinView)
    if view.identity.asking:  # a hub login not on the roster is asked once who it is
        panel = view.identity
        panel.name.value, panel.unit.value = "张三", "城关镇"
        panel.confirm.click()
    view.enter_exam()
    assert view.exam is None
    assert "不能在此开考" in view.message.value
    assert "SimpleLocalProcessSpawner" in view.message.value
    assert "LocalProcessSpawner（每位学员一个系统用户" in view.message.value
    assert store.attempts_frame(session_id=session.id).empty  # no paper was drawn
