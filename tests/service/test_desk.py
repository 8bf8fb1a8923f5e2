"""The desk's rules, called as a kernel calls them: over HTTP, with a cadre's token, against a real store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from types import SimpleNamespace

import pytest

from quizkit.bank import Bank
from quizkit.errors import SessionError, StoreError
from quizkit.records import AnswerRecord, CadreRecord, utc_now
from quizkit.sessions import ExamSitting, Paper, find_session, live_data
from quizkit.sessions.sources import BankQuestions, question_source
from quizkit.store import Store
from tests.service.conftest import RunningService
from tests.sessions.conftest import FakeClock
from tests.sessions.helpers import exam, right, wrong
from tests.sessions.test_live_board import assert_same, reference
from tests.sessions.test_live_board import room as live_room


def _answer(attempt_id: str, question_id: str, response: object, **fields: object) -> AnswerRecord:
    values: dict[str, object] = {
        "submission_id": f"s-{question_id}-{response!r}-{fields.get('tag', '')}",
        "attempt_id": attempt_id,
        "question_id": question_id,
        "question_hash": "forged",
        "response": response,
        "score": 2.0,
        "points": 2.0,
        "correct": True,
    }
    values.update({k: v for k, v in fields.items() if k != "tag"})
    return AnswerRecord(**values)  # type: ignore[arg-type]


def test_a_kernel_sitting_through_the_service_is_graded_and_stored_by_the_service(
    service: RunningService, store: Store, bank: Bank
) -> None:
    session = exam(store, bank, duration_minutes=30)
    kernel = service.client("token-c001")
    sitting = ExamSitting.join(kernel, bank, find_session(kernel, session.code), "c001")
    assert sitting.save("xk-single-01", right(sitting, "xk-single-01"))
    assert sitting.save("xk-judge-01", wrong(sitting, "xk-judge-01"))
    rows = store.answers_for_attempt(sitting.attempt.id)
    assert [(r.question_id, r.correct, r.score) for r in rows] == [
        ("xk-single-01", True, 2.0),
        ("xk-judge-01", False, 0.0),
    ]
    result = sitting.submit()
    assert result.status == "submitted" and result.score.earned == 2.0
    assert store.get_attempt(sitting.attempt.id).status == "submitted"  # type: ignore[union-attr]


def _no_bank() -> Bank:
    raise AssertionError("a kernel on the hub must not read the bank")


def test_a_sitting_on_the_hub_shows_the_services_questions_without_keys_and_its_review(
    service: RunningService, store: Store, bank: Bank
) -> None:
    session = exam(store, bank, duration_minutes=30, review="answers")
    kernel = service.client("token-c001")
    source = question_source(kernel, _no_bank)
    sitting = ExamSitting.join(kernel, source, find_session(kernel, session.code), "c001")
    stored = Paper.from_json(store.attempt_paper(sitting.attempt.id) or {})
    assert sitting.paper == stored  # the service's paper
    keyed = BankQuestions(bank).questions(sitting.attempt.id, stored)
    for hub, local in zip(sitting.questions, keyed, strict=True):
        assert not hub.keyed and hub.item == local.item
        assert (hub.shown.stem, hub.shown.options) == (local.shown.stem, local.shown.options)
        assert hub.shown.explanation == "" and local.shown.explanation not in repr(hub)
    with_keys = SimpleNamespace(questions=keyed)
    assert sitting.save("xk-single-01", right(with_keys, "xk-single-01"))  # type: ignore[arg-type]
    assert sitting.save("xk-judge-01", wrong(with_keys, "xk-judge-01"))  # type: ignore[arg-type]
    assert sitting.score().earned == 0.0  # sealed while the paper is open
    with pytest.raises(StoreError, match="交卷后"):
        kernel.paper_feedback(sitting.attempt.id)
    result = sitting.submit()
    assert (result.visible, result.score.earned, result.score.possible) == ("answers", 2.0, 8.0)
    shown = {pq.item.question_id: sitting.shown_response(pq.item.question_id) for pq in keyed}
    expected = BankQuestions(bank).review("", keyed, shown, session.rules.scoring)
    assert result.feedback == expected  # the same 解析 the kernel's bank would give
    assert [f.correct for f in result.feedback] == [True, False, False, False]


def test_the_service_gives_no_review_the_policy_does_not_show(
    service: RunningService, store: Store, bank: Bank
) -> None:
    session = exam(store, bank, duration_minutes=30)  # review: score (the default)
    kernel = service.client("token-c001")
    sitting = ExamSitting.join(kernel, question_source(kernel, _no_bank), session, "c001")
    result = sitting.submit()
    assert (result.visible, result.feedback) == ("score", ())
    with pytest.raises(StoreError, match="暂不公布"):
        kernel.paper_feedback(sitting.attempt.id)
    with pytest.raises(StoreError, match="不是你的"):
        service.client("token-c002").paper_feedback(sitting.attempt.id)


def test_the_score_a_kernel_sends_is_ignored_and_the_service_grades(
    service: RunningService, store: Store, bank: Bank
) -> None:
    session = exam(store, bank)
    kernel = service.client("token-c001")
    attempt = kernel.start_attempt(
        "c001", quiz_id=session.quiz_id, session_id=session.id, kind="exam"
    )
    sitting = ExamSitting.join(kernel, bank, session, "c001")
    kernel.record_answer(_answer(attempt.id, "xk-single-01", wrong(sitting, "xk-single-01")))
    (row,) = store.answers_for_attempt(attempt.id)
    assert (row.score, row.correct) == (0.0, False)
    assert row.question_hash == bank.question("xk-single-01").content_hash()


def test_the_paper_and_deadline_a_kernel_proposes_are_ignored(
    service: RunningService, store: Store, bank: Bank
) -> None:
    session = exam(store, bank, duration_minutes=30)
    kernel = service.client("token-c001")
    far = utc_now() + timedelta(days=30)
    attempt = kernel.start_attempt(
        "c001",
        quiz_id=session.quiz_id,
        session_id=session.id,
        kind="practice",
        deadline_at=far,
        paper={"seed": "x", "questions": [{"id": "cf-judge-05", "points": 100.0}]},
    )
    assert attempt.kind == "exam" and attempt.deadline_at is not None
    assert attempt.deadline_at < utc_now() + timedelta(minutes=31)
    paper = store.attempt_paper(attempt.id)
    assert paper is not None
    assert [q["id"] for q in paper["questions"]] == list(session.rules.paper.questions)


def test_a_cadre_reads_only_their_own_roster_entry_and_attempts(
    service: RunningService, store: Store, bank: Bank
) -> None:
    session = exam(store, bank)
    first, second = service.client("token-c001"), service.client("token-c002")
    theirs = second.start_attempt("c002", quiz_id=session.quiz_id, session_id=session.id)
    assert first.get_cadre("c002") is None
    assert first.get_cadre("c001") == store.get_cadre("c001")
    assert first.find_cadres(unit="城关镇") == [store.get_cadre("c001")]
    assert first.get_attempt(theirs.id) is None
    for call in (
        lambda: first.attempts_for("c002"),
        lambda: first.answers_for_attempt(theirs.id),
        lambda: first.attempt_paper(theirs.id),
        lambda: first.finish_attempt(theirs.id),
        lambda: first.start_attempt("c002", quiz_id="lesson-01"),
        lambda: first.latest_answers("c002", "lesson-01"),
        lambda: first.cadre_answers_frame("c002"),
        lambda: first.review_answers(["c002"]),
    ):
        with pytest.raises(StoreError, match="不是你的"):
            call()


def test_a_cadre_cannot_edit_the_roster_and_a_new_login_registers_itself_once(
    service: RunningService, store: Store, bank: Bank
) -> None:
    first = service.client("token-c001")
    with pytest.raises(StoreError, match="已在花名册中"):
        first.upsert_cadre(CadreRecord(id="c001", name="改名", unit="别处"))
    assert store.get_cadre("c001").name == "干部1"  # type: ignore[union-attr]
    newbie = service.client("token-newbie")
    with pytest.raises(StoreError, match="只能以自己的平台账号登记"):
        newbie.upsert_cadre(CadreRecord(id="c002", name="冒名", unit="城关镇", login="newbie"))
    newbie.upsert_cadre(CadreRecord(id="newbie", name="新人", unit="城关镇", login="newbie"))
    assert newbie.find_cadres(login="newbie")[0].name == "新人"
    with pytest.raises(StoreError, match="已在花名册中"):
        newbie.upsert_cadre(CadreRecord(id="newbie", name="再改", unit="城关镇", login="newbie"))
    assert store.get_cadre("c002").name == "干部2"  # type: ignore[union-attr]


def test_trainer_calls_are_refused_to_cadres(
    service: RunningService, store: Store, bank: Bank
) -> None:
    session = exam(store, bank, duration_minutes=30)
    kernel = service.client("token-c001")
    for call in (
        lambda: kernel.session_attempts_frame(session.id),
        lambda: kernel.session_answers_frame(session.id),
        lambda: kernel.session_board_frames(session.id),
        lambda: kernel.extend_open_attempts(session.id, 30),
        lambda: kernel.expire_open_attempts(session.id),
        lambda: kernel.update_session_row(session.id, status="closed"),
        lambda: kernel.expire_overdue_attempts(utc_now()),
        lambda: kernel.create_session_row(code="ZZZZ", title="自建", kind="exam"),
    ):
        with pytest.raises(StoreError, match="只有培训老师"):
            call()
    trainer = service.client("token-trainer")
    kernel.start_attempt("c001", quiz_id=session.quiz_id, session_id=session.id)
    frame = trainer.session_attempts_frame(session.id)
    assert list(frame["cadre_id"]) == ["c001"]
    assert trainer.extend_open_attempts(session.id, 10) == 1


def test_the_trainers_live_board_through_the_service_is_the_stores(
    service: RunningService, store: Store, bank: Bank
) -> None:
    clock = FakeClock()
    session = live_room(store, bank, clock)
    trainer = service.client("token-trainer")
    for now in (clock() + timedelta(minutes=5), clock() + timedelta(minutes=31)):
        assert_same(live_data(trainer, session, now), reference(store, session, now))
    board, rates = trainer.session_board_frames(session.id)
    assert board["answered"].dtype == "int64" and board["possible"].dtype == "float64"
    assert rates["correct_by"].dtype == "int64"


def test_practice_answers_are_graded_by_the_service_with_the_project_rules(
    service: RunningService, store: Store, bank: Bank
) -> None:
    kernel = service.client("token-c001")
    attempt = kernel.start_attempt("c001", quiz_id="lesson-01", lesson="01")
    question = bank.question("xk-multiple-01")
    answer = _answer(attempt.id, question.id, ["A", "C"], correct=False, score=0.0)
    assert kernel.record_answer(answer) is True
    assert kernel.record_answer(answer) is False  # a resend is stored once
    latest = kernel.latest_answers("c001", "lesson-01")
    assert (latest[question.id].correct, latest[question.id].score) == (True, 2.0)
    with pytest.raises(StoreError, match="不是题目"):
        kernel.record_answer(_answer(attempt.id, question.id, "Z", tag="bad"))
    with pytest.raises(StoreError, match="练习不能以"):
        kernel.start_attempt("c001", quiz_id="session-K7Q2", kind="exam")


def test_a_resend_after_a_service_restart_is_stored_once_and_answered_false(
    start_service: Callable[..., RunningService], store: Store, bank: Bank
) -> None:
    first = start_service(store, bank)
    kernel = first.client("token-c001")
    attempt = kernel.start_attempt("c001", quiz_id="lesson-01", lesson="01")
    answer = _answer(attempt.id, "xk-judge-01", True)
    assert kernel.record_answer(answer) is True
    restarted = start_service(store, bank)  # a new process: nothing remembered in memory
    again = restarted.client("token-c001")
    fresh = _answer(attempt.id, "xk-single-01", "A", tag="fresh")
    assert again.record_answer(answer) is False
    assert again.record_answer(fresh) is True
    assert again.record_answer(fresh) is False
    ids = [row.submission_id for row in store.answers_for_attempt(attempt.id)]
    assert sorted(ids) == sorted([answer.submission_id, fresh.submission_id])


def test_answers_after_the_deadline_off_the_paper_or_after_submit_are_refused(
    service: RunningService, store: Store, bank: Bank
) -> None:
    session = exam(store, bank, duration_minutes=1)
    kernel = service.client("token-c001")
    attempt = kernel.start_attempt("c001", quiz_id=session.quiz_id, session_id=session.id)
    with pytest.raises(SessionError, match="不在你的试卷上"):
        kernel.record_answer(_answer(attempt.id, "cf-judge-05", True))
    with pytest.raises(StoreError, match="is not a response"):
        kernel.record_answer(_answer(attempt.id, "xk-single-01", {"x": 1}))
    with pytest.raises(SessionError, match="不是本题的选项"):
        kernel.record_answer(_answer(attempt.id, "xk-single-01", "Z"))
    service.desk.clock = lambda: utc_now() + timedelta(minutes=2)
    with pytest.raises(SessionError, match="考试时间已到"):
        kernel.record_answer(_answer(attempt.id, "xk-single-01", "C"))
    assert store.get_attempt(attempt.id).status == "expired"  # type: ignore[union-attr]
    assert store.answers_for_attempt(attempt.id) == []
    with pytest.raises(SessionError, match="已经结束"):
        kernel.record_answer(_answer(attempt.id, "xk-single-01", "C", tag="again"))


def test_no_more_attempts_than_the_rules_allow_even_when_asked_directly(
    service: RunningService, store: Store, bank: Bank
) -> None:
    session = exam(store, bank, attempts_allowed=1)
    kernel = service.client("token-c001")
    first = kernel.start_attempt("c001", quiz_id=session.quiz_id, session_id=session.id)
    again = kernel.start_attempt("c001", quiz_id=session.quiz_id, session_id=session.id)
    assert again.id == first.id  # the open one is resumed
    kernel.finish_attempt(first.id)
    with pytest.raises(SessionError, match="用完"):
        kernel.start_attempt("c001", quiz_id=session.quiz_id, session_id=session.id)
    assert len(store.attempts_for("c001", session_id=session.id)) == 1
