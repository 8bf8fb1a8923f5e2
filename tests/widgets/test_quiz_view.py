"""The quiz widget driven from Python: set values, click, then read the store and the text shown."""

from __future__ import annotations

import re
from pathlib import Path

import ipywidgets as w
import pytest

import quizkit
from quizkit.learner.context import forget_contexts
from quizkit.learner.identity import Identity, IdentityMemory, stable_cadre_id
from quizkit.store import CadreRecord, Store, open_store
from quizkit.widgets import QuizErrorView, QuizView
from tests.widgets.conftest import answer, identify
from tests.widgets.lesson_project import LESSON_ID, QUIZ_ID

CADRE = stable_cadre_id("张三", "城关镇")


def new_quiz(**kwargs: object) -> QuizView:
    view = quizkit.quiz(QUIZ_ID, **kwargs)  # type: ignore[arg-type]
    assert isinstance(view, QuizView), getattr(view, "message", view)
    return view


def shown_text(widget: w.Widget) -> str:
    """Every HTML value and every label of visible widgets, tags stripped: what the learner reads."""
    if getattr(widget.layout, "display", None) == "none":
        return ""
    parts: list[str] = []
    if isinstance(widget, w.HTML):
        parts.append(re.sub(r"<style>.*?</style>|<[^>]+>", "", widget.value, flags=re.S))
    if isinstance(widget, (w.Button, w.Checkbox, w.Text)):
        parts.append(widget.description)
    if isinstance(widget, w.RadioButtons):
        parts.extend(label for label, _value in widget.options)
    for child in getattr(widget, "children", ()):
        parts.append(shown_text(child))
    return " ".join(part for part in parts if part.strip())


def test_first_quiz_asks_who_answers_and_hides_questions(project: Path) -> None:
    view = new_quiz()
    assert view.identity.asking
    assert view.body.layout.display == "none"
    text = shown_text(view)
    assert "姓名" in text and "单位" in text and "编号" in text
    assert "第 1 题" not in text


def test_right_and_wrong_answers_are_stored_then_explained(project: Path, store: Store) -> None:
    view = new_quiz()
    identify(view)
    answer(view, "t-single", "C")
    answer(view, "t-multi", ("A",))

    rows = store.latest_answers(CADRE, QUIZ_ID)
    assert set(rows) == {"t-single", "t-multi"}
    assert (rows["t-single"].response, rows["t-single"].correct, rows["t-single"].score) == (
        "C",
        True,
        2.0,
    )
    assert (rows["t-multi"].response, rows["t-multi"].correct, rows["t-multi"].score) == (
        ("A",),
        False,
        0.0,
    )
    right = shown_text(view.cards["t-single"])
    assert "回答正确（得 2 分）" in right
    assert "依据：《行政许可法》第四十二条：“二十日内”" in right
    assert "解析：一般期限为二十日" in right
    wrong = shown_text(view.cards["t-multi"])
    assert "回答错误（得 0 分，满分 2 分）" in wrong
    assert "你的答案：A．甲" in wrong and "正确答案：A．甲；C．丙" in wrong
    assert view.cards["t-single"].input.widget.disabled
    (attempt,) = store.attempts_for(CADRE, quiz_id=QUIZ_ID)
    assert (attempt.kind, attempt.lesson, attempt.status) == ("practice", LESSON_ID, "open")


def test_submitting_nothing_asks_for_a_choice_and_stores_nothing(
    project: Path, store: Store
) -> None:
    view = new_quiz()
    identify(view)
    view.cards["t-judge"].button.click()
    assert "请先选择答案" in shown_text(view.cards["t-judge"])
    assert store.latest_answers(CADRE, QUIZ_ID) == {}


def test_case_scenario_is_shown_once_above_its_questions(project: Path) -> None:
    view = new_quiz()
    identify(view)
    children = list(view.body.children)
    scenarios = [c for c in children if isinstance(c, w.HTML) and "qk-case" in c.value]
    assert len(scenarios) == 1
    assert "材料不齐全" in scenarios[0].value
    position = children.index(scenarios[0])
    assert [c.question_id for c in children[position + 1 :]] == ["t-case-1", "t-case-2"]


def test_progress_summary_band_and_retry_of_wrong_answers(project: Path, store: Store) -> None:
    view = new_quiz()
    identify(view)
    answer(view, "t-single", "C")
    assert "第 2 题 / 共 5 题" in shown_text(view.progress)
    assert "已答 1 题" in shown_text(view.progress) and "答对 1 题" in shown_text(view.progress)
    answer(view, "t-multi", ("A", "C"))
    answer(view, "t-judge", False)  # wrong
    answer(view, "t-case-1", False)
    assert view.summary.value == ""
    answer(view, "t-case-2", "A")  # wrong
    summary = shown_text(view.summary)
    assert "答对 3 题" in summary and "得分 6 / 10（60%）" in summary and "合格" in summary
    assert view.retry_wrong.layout.display is None
    (first,) = store.attempts_for(CADRE, quiz_id=QUIZ_ID)
    assert first.status == "submitted"

    view.retry_wrong.click()
    visible = [qid for qid, card in view.cards.items() if card.layout.display != "none"]
    assert visible == ["t-judge", "t-case-2"]
    assert "错题重练：第 1 题 / 共 2 题" in shown_text(view.progress)
    assert view.cards["t-judge"].response is None
    answer(view, "t-judge", True)
    answer(view, "t-case-2", "B")
    assert "得分 10 / 10（100%）" in shown_text(view.summary) and "优秀" in shown_text(view.summary)
    assert view.retry_wrong.layout.display == "none"
    attempts = store.attempts_for(CADRE, quiz_id=QUIZ_ID)
    assert [(a.kind, a.status) for a in attempts] == [
        ("practice", "submitted"),
        ("retry", "submitted"),
    ]
    retried = store.answers_for_attempt(attempts[1].id)
    assert [(a.question_id, a.correct) for a in retried] == [("t-judge", True), ("t-case-2", True)]
    assert len(store.answers_for_attempt(attempts[0].id)) == 5  # the wrong answers stay logged


def test_reopening_shows_what_was_answered(project: Path) -> None:
    view = new_quiz()
    identify(view)
    answer(view, "t-single", "B")
    forget_contexts()  # a kernel restart: nothing kept in memory

    again = new_quiz()
    assert not again.identity.asking
    assert "当前学员：张三（城关镇）" in shown_text(again.identity)
    card = again.cards["t-single"]
    assert card.response == "B" and card.input.widget.disabled
    assert "回答错误" in shown_text(card)
    assert "第 2 题 / 共 5 题" in shown_text(again.progress)
    assert again.cards["t-multi"].response is None


def test_store_failure_keeps_the_answer_until_retry(
    project: Path, store: Store, flaky: object
) -> None:
    view = new_quiz()
    identify(view)
    flaky.failing = True  # type: ignore[attr-defined]
    answer(view, "t-single", "C")

    card = shown_text(view.cards["t-single"])
    assert "回答正确" not in card and "尚未存入成绩库" in card
    notice = shown_text(view.notice_box)
    assert "答案已保留在本机" in notice and "重试" in notice
    assert view.retry_button.layout.display is None
    assert store.latest_answers(CADRE, QUIZ_ID) == {}
    spooled = list((project / "results" / "pending").glob("*.json"))
    assert len(spooled) == 1 and "t-single" in spooled[0].read_text(encoding="utf-8")

    flaky.failing = False  # type: ignore[attr-defined]
    view.retry_button.click()
    assert "回答正确（得 2 分）" in shown_text(view.cards["t-single"])
    assert view.notice_box.layout.display == "none"
    assert list(store.latest_answers(CADRE, QUIZ_ID)) == ["t-single"]
    assert not list((project / "results" / "pending").glob("*.json"))


def test_retry_after_a_commit_that_looked_failed_stores_once(
    project: Path, store: Store, flaky: object
) -> None:
    view = new_quiz()
    identify(view)
    flaky.failing = flaky.commit_then_fail = True  # type: ignore[attr-defined]
    answer(view, "t-judge", True)
    assert view.controller.pending
    flaky.failing = False  # type: ignore[attr-defined]
    view.retry_button.click()
    assert not view.controller.pending
    (attempt,) = store.attempts_for(CADRE, quiz_id=QUIZ_ID)
    assert len(store.answers_for_attempt(attempt.id)) == 1


def test_pending_answers_survive_a_kernel_restart(
    project: Path, store: Store, flaky: object
) -> None:
    view = new_quiz()
    identify(view)
    flaky.failing = True  # type: ignore[attr-defined]
    answer(view, "t-multi", ("A", "C"))
    forget_contexts()
    from quizkit.learner.pending import PendingQueue

    PendingQueue._shared.clear()

    again = new_quiz()
    assert "有 1 个答案尚未存入成绩库" in shown_text(again.notice_box)
    assert again.cards["t-multi"].response == ("A", "C")
    again.retry_button.click()
    assert "回答正确" in shown_text(again.cards["t-multi"])
    assert store.latest_answers(CADRE, QUIZ_ID)["t-multi"].response == ("A", "C")


def test_exam_mode_shows_nothing_until_handed_in(project: Path, store: Store) -> None:
    view = new_quiz(mode="exam")
    identify(view)
    assert all(card.button not in card.children for card in view.cards.values())
    view.cards["t-single"].set_response("C")
    view.cards["t-judge"].set_response(False)
    assert "回答" not in shown_text(view.body)
    assert store.attempts_for(CADRE, quiz_id=QUIZ_ID) == []

    view.hand_in.click()
    (attempt,) = store.attempts_for(CADRE, quiz_id=QUIZ_ID)
    assert (attempt.kind, attempt.status) == ("exam", "submitted")
    rows = {a.question_id: a for a in store.answers_for_attempt(attempt.id)}
    assert len(rows) == 5 and rows["t-multi"].response is None and rows["t-single"].correct
    assert "回答正确" in shown_text(view.cards["t-single"])
    assert "你的答案：未作答" in shown_text(view.cards["t-multi"])
    assert "得分 2 / 10（20%）" in shown_text(view.summary)
    assert view.hand_in.layout.display == "none"


def test_unknown_quiz_shows_a_chinese_message_not_a_traceback(project: Path) -> None:
    view = quizkit.quiz("no-such-quiz")
    assert isinstance(view, QuizErrorView)
    assert "这个测验暂时无法显示" in view.value and "没有名为 no-such-quiz 的测验" in view.value


def test_selection_by_law_renders_seeded_questions(project: Path) -> None:
    first = quizkit.quiz(law="administrative-licensing", n=2, seed=7, title="综合自测")
    second = quizkit.quiz(law="administrative-licensing", n=2, seed=7, title="综合自测")
    assert isinstance(first, QuizView) and isinstance(second, QuizView)
    assert list(first.cards) == list(second.cards) and len(first.cards) == 2
    assert "综合自测" in shown_text(first)
    assert first.controller.lesson is None  # not a named quiz, and no notebook known


def test_a_selection_counts_for_the_lesson_of_its_notebook(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("JPY_SESSION_NAME", "courses/lesson.ipynb")  # set by jupyter_server
    view = quizkit.quiz(law="administrative-licensing", n=2, seed=7)
    assert isinstance(view, QuizView) and view.controller.lesson == LESSON_ID


@pytest.mark.parametrize("mode", ["practice", "exam"])
def test_no_python_reprs_reach_the_learner(project: Path, mode: str) -> None:
    view = new_quiz(mode=mode)
    identify(view)
    for qid, value in [("t-single", "B"), ("t-multi", ("A", "C")), ("t-judge", True)]:
        if mode == "practice":
            answer(view, qid, value)
        else:
            view.cards[qid].set_response(value)
    if mode == "exam":
        view.hand_in.click()
    text = shown_text(view)
    for raw in ("None", "True", "False", "frozenset", "['", "Traceback", "QuizkitError"):
        assert raw not in text


def test_the_view_is_displayed_once_even_when_returned_by_the_cell(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    shown: list[object] = []
    monkeypatch.setattr("quizkit.widgets.render.display", lambda *a, **k: shown.append(a))
    monkeypatch.setattr("quizkit.widgets.api.display", lambda obj: obj._ipython_display_())
    view = new_quiz()
    view._ipython_display_()  # what IPython does with the value a cell returns
    assert len(shown) == 1


def test_an_unexpected_error_becomes_a_notice_not_a_traceback(
    project: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    view = new_quiz()
    identify(view)

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(view.controller, "submit", broken)
    answer(view, "t-single", "C")
    notice = shown_text(view.notice_box)
    assert "出现意外问题（RuntimeError）" in notice and "boom" not in notice
    monkeypatch.undo()
    view.cards["t-single"].button.click()  # works again, and the notice goes
    assert "回答正确" in shown_text(view.cards["t-single"])
    assert view.notice_box.layout.display == "none"


def test_a_remembered_learner_missing_from_a_new_database_is_added_back(
    project: Path, store: Store
) -> None:
    IdentityMemory(project / "results" / "learner.json").remember(
        Identity("local-moved", "王五", "河西镇")
    )
    view = new_quiz()
    assert not view.identity.asking
    answer(view, "t-judge", True)
    assert store.get_cadre("local-moved") == CadreRecord("local-moved", "王五", "河西镇")
    assert list(store.latest_answers("local-moved", QUIZ_ID)) == ["t-judge"]


@pytest.mark.postgres
def test_answers_and_resume_on_postgresql(project: Path, pg_project: str) -> None:
    view = new_quiz()
    identify(view)
    answer(view, "t-single", "C")
    answer(view, "t-multi", ("A", "B"))
    forget_contexts()
    again = new_quiz()
    assert again.cards["t-single"].response == "C"
    assert "回答错误" in shown_text(again.cards["t-multi"])
    pg = open_store(pg_project)
    try:
        rows = pg.latest_answers(CADRE, QUIZ_ID)
    finally:
        pg.close()
    assert {qid: row.correct for qid, row in rows.items()} == {"t-single": True, "t-multi": False}


def test_a_fill_question_is_answered_stored_and_resumed(project: Path, store: Store) -> None:
    view = quizkit.quiz(ids=["t-fill"], title="填空练习")
    assert isinstance(view, QuizView)
    identify(view)
    card = view.cards["t-fill"]
    card.button.click()  # nothing typed yet
    assert "请先填写答案" in shown_text(card)
    first, second = card.input.boxes  # type: ignore[attr-defined]
    first.value, second.value = "２０", "五日"  # full-width digits; a wrong second blank
    card.button.click()
    text = shown_text(card)
    assert "回答错误（得 0 分，满分 2 分）" in text  # all blanks right for points by default
    assert "你的答案：（1）２０；（2）五日" in text
    assert "正确答案：（1）二十；（2）十 或 十日" in text
    assert "依据：《行政许可法》第四十二条：“二十日内”" in text
    quiz_id = view.controller.spec.id
    stored = store.latest_answers(CADRE, quiz_id)["t-fill"]
    assert (stored.response, stored.score, stored.correct) == (("２０", "五日"), 0.0, False)

    forget_contexts()
    again = quizkit.quiz(ids=["t-fill"], title="填空练习")
    assert isinstance(again, QuizView)
    assert again.cards["t-fill"].response == ("２０", "五日")
    assert "回答错误" in shown_text(again.cards["t-fill"])


def test_a_fill_question_right_in_every_blank_earns_full_points(
    project: Path, store: Store
) -> None:
    view = quizkit.quiz(ids=["t-fill"], title="填空练习")
    assert isinstance(view, QuizView)
    identify(view)
    answer(view, "t-fill", ("二十", "十日。"))
    assert "回答正确（得 2 分）" in shown_text(view.cards["t-fill"])
    stored = store.latest_answers(CADRE, view.controller.spec.id)["t-fill"]
    assert (stored.response, stored.score, stored.correct) == (("二十", "十日。"), 2.0, True)
