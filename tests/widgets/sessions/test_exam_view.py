"""The exam view without a browser: join, autosave, navigation, 标记, 答题卡, 交卷, the clock."""

from __future__ import annotations

from pathlib import Path

import quizkit
from quizkit.bank import load_bank
from quizkit.sessions import ExamSitting
from quizkit.store import CadreRecord, Store
from quizkit.widgets.sessions import ExamView, JoinView
from tests.sessions.conftest import FakeClock
from tests.widgets.lesson_project import project_env
from tests.widgets.sessions.conftest import make_session


def identify(view: JoinView, name: str = "张三", unit: str = "城关镇") -> None:
    panel = view.identity
    panel.name.value, panel.unit.value = name, unit
    panel.confirm.click()


def test_join_asks_who_then_shows_the_paper(project: Path, store: Store) -> None:
    make_session(store, project, duration_minutes=30)
    view = quizkit.join("k7q2")
    assert isinstance(view, JoinView) and view.exam is None and view.identity.asking
    identify(view)
    exam = view.exam
    assert isinstance(exam, ExamView)
    assert [v.layout.display for v in exam.views] == [None, "none", "none", "none", "none"]
    assert "剩余时间 30:00" in exam.clock.value or "剩余时间 29:59" in exam.clock.value
    assert (
        exam.sheet.buttons[0].button_style == ""
        and "qk-current" in exam.sheet.buttons[0]._dom_classes
    )


def test_every_choice_is_saved_and_shown_on_the_answer_sheet(project: Path, store: Store) -> None:
    make_session(store, project)
    view = quizkit.join("K7Q2")
    identify(view)
    exam = view.exam
    assert exam is not None
    exam.views[0].set_response("C")
    exam.go(1)
    exam.views[1].set_response(("A",))
    exam.views[1].set_response(("A", "C"))
    exam.toggle_mark()
    attempt = exam.sitting.attempt
    rows = store.answers_for_attempt(attempt.id)
    assert [(r.question_id, r.response) for r in rows] == [
        ("t-single", "C"),
        ("t-multi", ("A",)),
        ("t-multi", ("A", "C")),
    ]
    assert [b.button_style for b in exam.sheet.buttons] == ["success", "warning", "", "", ""]
    assert "已答 2 / 5 题" in exam.counts.value and "标记待查 1 题" in exam.counts.value
    assert exam.mark.description == "取消标记"
    assert "已自动保存" in exam.saved.value
    assert "回答正确" not in exam.views[0].feedback.value  # no feedback while sitting
    exam.sheet.buttons[3].click()  # 答题卡 → a case sub-question shows its scenario
    assert exam.index == 3 and "便民服务中心" in exam.case.value


def test_hand_in_asks_for_confirmation_then_shows_the_score(project: Path, store: Store) -> None:
    make_session(store, project, review="answers")
    view = quizkit.join("K7Q2")
    identify(view)
    exam = view.exam
    assert exam is not None
    exam.views[0].set_response("C")
    exam.hand_in.click()
    assert exam.confirm_box.layout.display is None
    assert "还有 4 题未作答" in exam.confirm_text.value
    exam.cancel.click()
    assert exam.confirm_box.layout.display == "none"
    assert store.get_attempt(exam.sitting.attempt.id).status == "open"  # type: ignore[union-attr]
    exam.hand_in.click()
    exam.confirm.click()
    assert store.get_attempt(exam.sitting.attempt.id).status == "submitted"  # type: ignore[union-attr]
    assert exam.paper.layout.display == "none"
    assert "得分 <b>2</b> / 10" in exam.result.value
    assert exam.result.value.count("不合格") == 1  # the band says it; no second verdict
    assert "回答正确" in exam.views[0].feedback.value and len(exam.review.children) == 5


def test_the_learner_cannot_switch_during_the_exam(project: Path, store: Store) -> None:
    make_session(store, project)
    view = quizkit.join("K7Q2")
    identify(view)
    view.identity.switch.click()
    identify(view, "李四", "东镇")
    assert "交卷后才能切换" in view.identity.message.value
    assert view.exam is not None and view.context.learner.identity.name == "张三"  # type: ignore[union-attr]


def test_refusals_are_shown_as_sentences(project: Path, store: Store) -> None:
    view = quizkit.join("NOPE")
    identify(view)
    assert view.exam is None and "没有找到考试码" in view.message.value
    box = quizkit.join()  # no code: a box asks for it
    assert box.code_box.layout.display is None
    make_session(store, project, code="ABCD")
    box.code.value = "abcd"
    box.enter.click()
    assert box.exam is not None


def test_the_clock_hands_in_at_zero_with_what_was_saved(project: Path, store: Store) -> None:
    session = make_session(store, project, duration_minutes=10)
    bank = load_bank(Path(project_env(project)["QUIZKIT_BANK"]))
    store.upsert_cadre(CadreRecord(id="c1", name="王五", unit="西镇"))
    clock = FakeClock()
    exam = ExamView(ExamSitting.join(store, bank, session, "c1", clock=clock), timer=False)
    exam.views[0].set_response("C")
    clock.advance(minutes=5)
    exam.tick()
    assert "剩余时间 05:00" in exam.clock.value and not exam.sitting.finished
    clock.advance(minutes=4, seconds=30)
    exam.tick()
    assert "qk-low" in exam.clock.value  # the last minutes are shown in red
    clock.advance(seconds=31)
    exam.tick()
    assert exam.sitting.finished and exam.sitting.attempt.status == "expired"
    assert "考试时间已到" in exam.result.value and "得分 <b>2</b>" in exam.result.value


def test_a_session_closed_by_the_trainer_ends_the_paper_on_the_next_refresh(
    project: Path, store: Store
) -> None:
    from quizkit.sessions import close_session
    from quizkit.widgets.sessions.exam import REFRESH_EVERY

    session = make_session(store, project, duration_minutes=30)
    view = quizkit.join("K7Q2")
    identify(view)
    exam = view.exam
    assert exam is not None
    close_session(store, session)
    for _ in range(REFRESH_EVERY):
        exam.tick()
    assert exam.sitting.finished and "培训老师已结束" in exam.result.value


def test_running_the_cell_again_closes_the_earlier_view(project: Path, store: Store) -> None:
    make_session(store, project, duration_minutes=30)
    first = quizkit.join("K7Q2")
    identify(first)
    assert first.exam is not None and first.exam.comm is not None
    old_exam = first.exam
    second = quizkit.join("K7Q2")
    assert first.comm is None and old_exam.comm is None  # closed, clock stopped
    assert second.exam is not None and second.exam.sitting.attempt.id == old_exam.sitting.attempt.id
    live_one, live_two = quizkit.live("K7Q2"), quizkit.live("K7Q2")
    assert live_one.comm is None and live_two.comm is not None


def test_the_result_is_shown_once_the_review_policy_allows_it(project: Path, store: Store) -> None:
    from quizkit.sessions import close_session

    session = make_session(store, project, review="answers", review_from="close")
    view = quizkit.join("K7Q2")
    identify(view)
    assert view.exam is not None
    view.exam.views[0].set_response("C")
    view.exam.hand_in.click()
    view.exam.confirm.click()
    assert (
        "成绩将在考试结束后公布" in view.exam.result.value and "得分" not in view.exam.result.value
    )
    again = quizkit.join("K7Q2")  # no attempts left: the reason, and the result as far as allowed
    assert "用完" in again.message.value and again.exam is not None
    assert "得分" not in again.exam.result.value
    close_session(store, session)
    later = quizkit.join("K7Q2")
    assert "已结束" in later.message.value and later.exam is not None
    assert "得分 <b>2</b> / 10" in later.exam.result.value
    assert "回答正确" in later.exam.views[0].feedback.value


def _buttons(widget: object) -> list[object]:
    import ipywidgets as w

    found = [widget] if isinstance(widget, w.Button) else []
    for child in getattr(widget, "children", ()):
        found += _buttons(child)
    return found


def test_buttons_use_no_icon_font_or_arrow_glyphs(project: Path, store: Store) -> None:
    """上一题/下一题 showed ⊠: Font Awesome icons are not there offline, and arrows are missing from
    some CJK fonts. Labels are CJK ideographs and ASCII only, which every CJK font has."""
    make_session(store, project)
    view = quizkit.join("k7q2")
    identify(view)
    assert view.exam is not None
    buttons = _buttons(view.exam)
    labels = {b.description for b in buttons}  # type: ignore[attr-defined]
    assert {"上一题", "下一题"} <= labels
    assert [b.description for b in buttons if b.icon] == []  # type: ignore[attr-defined]
    for label in labels:
        assert all(c.isascii() or "\u4e00" <= c <= "\u9fff" for c in label), label


def test_a_fill_question_on_the_paper_saves_each_blank_and_is_scored(
    project: Path, store: Store
) -> None:
    make_session(
        store,
        project,
        paper={"questions": ["t-single", "t-fill"]},
        review="answers",
        multi_policy="partial",
    )
    view = quizkit.join("K7Q2")
    identify(view)
    exam = view.exam
    assert exam is not None
    exam.go(1)
    first, second = exam.views[1].input.boxes  # type: ignore[attr-defined]
    assert [first.description, second.description] == ["第 1 空", "第 2 空"]
    first.value = "二十"
    second.value = "五"
    rows = store.answers_for_attempt(exam.sitting.attempt.id)
    assert [(r.question_id, r.response) for r in rows] == [
        ("t-fill", ("二十", "")),
        ("t-fill", ("二十", "五")),
    ]
    assert [b.button_style for b in exam.sheet.buttons] == ["", "success"]
    exam.hand_in.click()
    exam.confirm.click()
    # 填空 under the partial policy: one blank of two right earns half of its 2 points
    assert "得分 <b>1</b> / 4" in exam.result.value
    review = exam.views[1].feedback.value
    assert "部分正确" in review and "正确答案：（1）二十；（2）十 或 十日" in review
