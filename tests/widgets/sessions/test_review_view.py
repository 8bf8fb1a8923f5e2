"""The 今日复习 view, without a browser: today's questions from the log, practised with feedback."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import quizkit
from quizkit.records import utc_now
from quizkit.store import Store
from quizkit.widgets.sessions.review import ReviewView
from tests.store.factories import make_answer


def test_review_offers_what_was_answered_wrong_and_moves_on_when_right(
    project: Path, store: Store
) -> None:
    view = quizkit.review()
    assert isinstance(view, ReviewView) and view.identity.asking
    panel = view.identity
    panel.name.value, panel.unit.value = "张三", "城关镇"
    panel.confirm.click()
    assert "还没有可复习的题目" in view.overview.value and view.practice.children == ()
    (cadre,) = store.find_cadres()
    yesterday = utc_now() - timedelta(days=1, hours=1)  # a wrong answer comes back after a day
    just_now = utc_now() - timedelta(minutes=1)  # a right one after two days: not today
    run = store.start_attempt(cadre.id, quiz_id="practice")
    store.record_answer(
        make_answer(run.id, "t-judge", response=False, correct=False, answered_at=yesterday)
    )
    store.record_answer(make_answer(run.id, "t-single", response="C", answered_at=just_now))
    view.again.click()
    assert "今天要复习 1 题" in view.overview.value
    quiz = view.practice.children[0]
    assert list(quiz.cards) == ["t-judge"]  # the wrong one is due, the right one later
    quiz.cards["t-judge"].view.set_response(True)
    quiz.cards["t-judge"].button.click()
    feedback = quiz.cards["t-judge"].feedback.value
    assert "回答正确" in feedback and "《行政许可法》第四十二条" in feedback  # the law cited
    view.again.click()
    assert "今天没有要复习的题目" in view.overview.value and view.practice.children == ()
    rerun = quizkit.review()  # running the cell again: a new view (the name is not shadowed)
    assert isinstance(rerun, ReviewView) and rerun is not view
    rerun.close_view()
