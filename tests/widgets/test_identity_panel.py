"""Who answers: the one-time form, the roster, switching on a shared computer, JupyterHub logins."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import quizkit
from quizkit.learner.identity import machine_key, stable_cadre_id
from quizkit.store import CadreRecord, Store
from quizkit.widgets import QuizView
from tests.widgets.conftest import answer, identify
from tests.widgets.lesson_project import QUIZ_ID


def new_quiz() -> QuizView:
    view = quizkit.quiz(QUIZ_ID)
    assert isinstance(view, QuizView)
    return view


def test_a_new_name_gets_a_stable_roster_entry_and_is_remembered(
    project: Path, store: Store
) -> None:
    view = new_quiz()
    identify(view, name="李 四", unit=" 河西镇 ")
    cadre_id = stable_cadre_id("李四", "河西镇")
    assert store.get_cadre(cadre_id) == CadreRecord(id=cadre_id, name="李四", unit="河西镇")
    memory = json.loads((project / "results" / "learner.json").read_text(encoding="utf-8"))
    assert memory[machine_key()]["cadre_id"] == cadre_id
    assert "当前学员：李四（河西镇）" in view.identity.label.value.replace("<b>", "").replace(
        "</b>", ""
    )
    identify(view, name="李四", unit="河西镇")  # the same person again: same entry
    assert [c.id for c in store.find_cadres(name="李四")] == [cadre_id]


def test_a_name_on_the_roster_uses_the_roster_id(project: Path, store: Store) -> None:
    store.upsert_cadre(CadreRecord(id="HX-007", name="王五", unit="河西镇"))
    view = new_quiz()
    identify(view, name="王五", unit="河西镇")
    answer(view, "t-single", "C")
    assert list(store.latest_answers("HX-007", QUIZ_ID)) == ["t-single"]


def test_a_roster_number_identifies_and_a_wrong_one_is_explained(
    project: Path, store: Store
) -> None:
    store.upsert_cadre(CadreRecord(id="HX-008", name="赵六", unit="河西镇"))
    view = new_quiz()
    identify(view, name="", unit="", cadre_id="HX-999")
    assert view.identity.asking
    assert "花名册中没有编号为 HX-999 的学员" in view.identity.message.value
    identify(view, name="", unit="", cadre_id="HX-008")
    assert view.controller.identity is not None
    assert view.controller.identity.cadre_id == "HX-008"


def test_two_cadres_of_one_name_are_asked_for_their_number(project: Path, store: Store) -> None:
    store.upsert_cadres(
        [
            CadreRecord(id="A1", name="张伟", unit="城关镇"),
            CadreRecord(id="A2", name="张伟", unit="城关镇"),
        ]
    )
    view = new_quiz()
    identify(view, name="张伟", unit="城关镇")
    assert "请改为填写花名册编号" in view.identity.message.value
    assert view.controller.identity is None


def test_empty_form_says_what_to_fill(project: Path) -> None:
    view = new_quiz()
    identify(view, name="张三", unit="")
    assert "请填写姓名和单位" in view.identity.message.value


def test_switching_in_one_quiz_switches_every_quiz_of_the_kernel(
    project: Path, store: Store
) -> None:
    first = new_quiz()
    second = quizkit.quiz(ids=["t-judge", "t-single"], title="另一个测验")
    assert isinstance(second, QuizView)
    identify(first, name="张三", unit="城关镇")
    assert not second.identity.asking  # one learner for the whole notebook
    answer(first, "t-single", "C")
    rerun = new_quiz()  # running the cell again shows the stored answer and replaces the old view
    assert rerun.cards["t-single"].response == "C"
    assert first.comm is None and first.cards["t-single"].comm is None  # closed

    rerun.identity.switch.click()
    assert rerun.identity.asking and rerun.identity.cancel.layout.display is None
    rerun.identity.cancel.click()
    assert not rerun.identity.asking

    identify(rerun, name="李四", unit="河西镇")
    for view in (second, rerun):
        assert "李四（河西镇）" in view.identity.label.value
        assert view.cards["t-single"].response is None
        assert not view.cards["t-single"].input.widget.disabled
    assert "张三" in first.identity.label.value  # the closed view no longer follows


def test_switching_waits_until_pending_answers_are_stored(
    project: Path, store: Store, flaky: object
) -> None:
    view = new_quiz()
    identify(view, name="张三", unit="城关镇")
    flaky.failing = True  # type: ignore[attr-defined]
    answer(view, "t-judge", True)
    identify(view, name="李四", unit="河西镇")
    assert "尚未保存，请先点击“重试”" in view.identity.message.value
    assert view.controller.identity is not None and view.controller.identity.name == "张三"


def test_jupyterhub_login_is_matched_to_the_roster_and_cannot_switch(
    project: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.upsert_cadre(CadreRecord(id="C-42", name="孙七", unit="城关镇", login="cadre1"))
    monkeypatch.setenv("JUPYTERHUB_USER", "cadre1")
    view = new_quiz()
    assert not view.identity.asking
    assert "孙七（城关镇）" in view.identity.label.value
    assert view.identity.switch.layout.display == "none"
    answer(view, "t-single", "C")
    assert list(store.latest_answers("C-42", QUIZ_ID)) == ["t-single"]
    assert not (project / "results" / "learner.json").exists()


def test_jupyterhub_login_missing_from_the_roster_asks_name_and_unit_once(
    project: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "newcomer")
    view = new_quiz()
    assert view.identity.asking
    assert "平台账号 newcomer 尚未登记" in view.identity.intro.value
    assert view.identity.cadre_id.layout.display == "none"
    identify(view, name="周八", unit="城关镇")
    assert store.get_cadre("newcomer") == CadreRecord(
        id="newcomer", name="周八", unit="城关镇", login="newcomer"
    )
    answer(view, "t-judge", True)
    assert list(store.latest_answers("newcomer", QUIZ_ID)) == ["t-judge"]
