"""The trainer's live view and the 错题本 view, without a browser."""

from __future__ import annotations

from pathlib import Path

import quizkit
from quizkit.store import Store
from quizkit.widgets.sessions import JoinView, LiveView, MistakeBookView
from tests.widgets import conftest as lesson
from tests.widgets.lesson_project import QUIZ_ID
from tests.widgets.sessions.conftest import make_session
from tests.widgets.sessions.test_exam_view import identify


def sit(code: str = "K7Q2", *, right: bool = True) -> JoinView:
    view = quizkit.join(code)
    assert isinstance(view, JoinView)
    identify(view)
    exam = view.exam
    assert exam is not None
    exam.views[0].set_response("C" if right else "A")
    exam.go(2)
    exam.views[2].set_response(False)  # the judge's answer is 对: wrong
    return view


def test_the_live_view_shows_the_room_and_extends_and_closes(project: Path, store: Store) -> None:
    session = make_session(store, project, duration_minutes=20)
    live = quizkit.live("K7Q2", every=60)
    assert isinstance(live, LiveView)
    assert "还没有学员加入" in live.board.value and "已加入 <b>0</b>" in live.figures.value
    sitting = sit()
    live.refresh()
    assert "张三" in live.board.value and "作答中" in live.board.value
    assert "已加入 <b>1</b>" in live.figures.value and "作答中 <b>1</b>" in live.figures.value
    assert "各题正确率" in live.chart.value and "t-judge" in live.chart.value
    assert (
        live.data is not None
        and live.data.rates.set_index("question_id").loc["t-judge", "正确率"] == 0.0
    )
    deadline = store.get_attempt(sitting.exam.sitting.attempt.id).deadline_at  # type: ignore[union-attr]
    live.minutes.value = 15
    live.extend_button.click()
    moved = store.get_attempt(sitting.exam.sitting.attempt.id).deadline_at  # type: ignore[union-attr]
    assert (
        deadline is not None and moved is not None and (moved - deadline).total_seconds() == 15 * 60
    )
    assert "已延时 15 分钟（1 人正在作答）" in live.message.value
    live.close_button.click()
    assert live.confirm_close.layout.display is None
    live.confirm_close.click()
    assert "到时交卷" in live.board.value and "已交卷 <b>1</b>" in live.figures.value
    assert "已结束" in live.header.value and session.id == live.session.id
    live.stop()


def test_an_unknown_code_in_the_live_view_is_a_sentence(project: Path) -> None:
    problem = quizkit.live("NOPE")
    assert not isinstance(problem, LiveView) and "没有找到考试码" in problem.value


def test_the_mistake_book_lists_wrong_answers_and_offers_practice(
    project: Path, store: Store
) -> None:
    make_session(store, project)
    sitting = sit()
    sitting.exam.hand_in.click()  # type: ignore[union-attr]
    sitting.exam.confirm.click()  # type: ignore[union-attr]
    book = quizkit.mistakes()
    assert isinstance(book, MistakeBookView)
    assert (
        "负责人批准可以延长十日" in book.overview.value  # t-judge's stem: shown, not its id
        and "<td>考试码 K7Q2</td>" in book.overview.value
        and "一般期限" not in book.overview.value  # t-single was right
        and "t-judge" not in book.overview.value
    )
    quiz = book.practice.children[0]
    assert list(quiz.cards) == ["t-judge"]  # practise what was wrong
    quiz.cards["t-judge"].view.set_response(True)
    quiz.cards["t-judge"].button.click()
    book.again.click()
    assert "是" in book.overview.value and "错题都已掌握" in book.practice.children[0].value


def test_a_wrong_lesson_answer_is_in_the_book_under_the_lesson_title(
    project: Path, store: Store
) -> None:
    quiz = quizkit.quiz(QUIZ_ID)  # the lesson's named quiz: its attempts carry the lesson
    assert isinstance(quiz, quizkit.QuizView)
    lesson.identify(quiz)
    empty = quizkit.mistakes()
    assert isinstance(empty, MistakeBookView) and "还没有错题" in empty.overview.value
    lesson.answer(quiz, "t-single", "C")  # right
    lesson.answer(quiz, "t-judge", False)  # wrong: the key is 对
    book = quizkit.mistakes()
    assert isinstance(book, MistakeBookView)
    assert "还没有错题" not in book.overview.value
    assert "负责人批准可以延长十日" in book.overview.value  # t-judge's stem
    assert "<td>行政许可法</td>" in book.overview.value  # 出处: the lesson's title, not its id
    assert "一般期限" not in book.overview.value and "01-test-licensing" not in book.overview.value
    practice = book.practice.children[0]
    assert list(practice.cards) == ["t-judge"]
    practice.cards["t-judge"].view.set_response(True)
    practice.cards["t-judge"].button.click()
    book.again.click()
    assert (
        "<td>是</td>" in book.overview.value and "错题都已掌握" in book.practice.children[0].value
    )
