"""The kernel's client: a lesson quiz and its identity flow over HTTP, and failures a cadre can read."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from quizkit.bank import Bank
from quizkit.bank.selection import QuizSpec, quiz_from_ids
from quizkit.errors import StoreError
from quizkit.grading import ScoringRules
from quizkit.learner.controller import QuizController
from quizkit.learner.current import CurrentLearner
from quizkit.learner.feedback import feedback_for
from quizkit.learner.identity import IdentityMemory
from quizkit.learner.keyless import keyless_spec
from quizkit.project import Project
from quizkit.service_client import ServiceBackend
from quizkit.service_client.client import UNREACHABLE
from quizkit.sessions.mistakes import mistake_book
from quizkit.store import Store
from tests.service.conftest import RunningService, free_port
from tests.sessions.helpers import exam

IDS = ("xk-single-01", "xk-judge-01")


def lesson_quiz(bank: Bank, client: ServiceBackend, tmp_path: Path, login: str) -> QuizController:
    learner = CurrentLearner(IdentityMemory(tmp_path / "learner.json"), lambda: client, hub=login)
    return QuizController(
        quiz_from_ids(bank, IDS, "第一课 练习"),
        rules=ScoringRules(),
        store=lambda: client,
        learner=learner,
        lesson="01",
        spool=tmp_path / "pending",
    )


def test_a_lesson_quiz_answers_through_the_service_and_reopens_with_its_answers(
    service: RunningService, store: Store, bank: Bank, tmp_path: Path
) -> None:
    client = service.client("token-c001")
    quiz = lesson_quiz(bank, client, tmp_path, "c001")
    assert quiz.identity is not None and quiz.identity.cadre_id == "c001"
    right = bank.question("xk-single-01").answer
    outcome = quiz.submit("xk-single-01", right)
    assert outcome.saved and outcome.feedback.correct
    wrong = quiz.submit("xk-judge-01", not bank.question("xk-judge-01").answer)
    assert wrong.saved and not wrong.feedback.correct
    (attempt,) = store.attempts_for("c001")
    assert (attempt.kind, attempt.lesson, attempt.status) == ("practice", "01", "submitted")
    rows = {r.question_id: r for r in store.answers_for_attempt(attempt.id)}
    assert (rows["xk-single-01"].correct, rows["xk-judge-01"].correct) == (True, False)
    again = lesson_quiz(bank, service.client("token-c001"), tmp_path / "again", "c001")
    assert again.answer("xk-single-01") is not None
    assert again.summary().answered == 2 and again.summary().correct == 1
    book = mistake_book(client, "c001", bank=bank)  # the 错题本 over HTTP: the lesson's mistake
    assert book["question_id"].tolist() == ["xk-judge-01"] and book["lessons"].tolist() == [["01"]]


def test_a_hub_login_missing_from_the_roster_registers_itself_through_the_service(
    service: RunningService, store: Store, bank: Bank, tmp_path: Path
) -> None:
    quiz = lesson_quiz(bank, service.client("token-newbie"), tmp_path, "newbie")
    assert quiz.identity is None
    quiz.learner.identify(name="新 人", unit="城关镇")
    assert quiz.identity is not None and quiz.identity.cadre_id == "newbie"
    assert store.get_cadre("newbie").name == "新人"  # type: ignore[union-attr]
    assert quiz.submit("xk-single-01", "C").saved


def test_an_unreachable_service_keeps_the_answer_queued_with_a_message(
    bank: Bank, store: Store, tmp_path: Path, service: RunningService
) -> None:
    quiz = lesson_quiz(bank, service.client("token-c001"), tmp_path, "c001")
    quiz._store = lambda: ServiceBackend(f"http://127.0.0.1:{free_port()}/", "token-c001")
    outcome = quiz.submit("xk-single-01", "C")
    assert not outcome.saved and len(quiz.pending) == 1
    assert quiz.notice is not None and UNREACHABLE in quiz.notice
    quiz._store = lambda: service.client("token-c001")
    assert [o.question_id for o in quiz.retry_pending()] == ["xk-single-01"]
    assert len(store.answers_for_attempt(store.attempts_for("c001")[0].id)) == 1


def test_refusals_arrive_as_messages_a_cadre_can_read(service: RunningService) -> None:
    with pytest.raises(StoreError, match="平台登录已失效"):
        ServiceBackend(service.url, "expired-token").attempts_for("c001")
    with pytest.raises(StoreError, match="no call drop_table"):
        service.client("token-c001").call("drop_table")


def test_the_project_picks_the_service_only_when_a_service_url_is_set(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.quizkit]\n", encoding="utf-8")
    monkeypatch.delenv("QUIZKIT_SERVICE_URL", raising=False)
    local = Project.open(tmp_path).backend()
    try:
        assert isinstance(local, Store)
    finally:
        local.close()
    monkeypatch.setenv("QUIZKIT_SERVICE_URL", "http://127.0.0.1:9/services/quizkit/")
    monkeypatch.delenv("JUPYTERHUB_API_TOKEN", raising=False)
    with pytest.raises(StoreError, match="JUPYTERHUB_API_TOKEN"):
        Project.open(tmp_path).backend()
    monkeypatch.setenv("JUPYTERHUB_API_TOKEN", "t")
    on_hub = tmp_path / "hub"
    on_hub.mkdir()
    (on_hub / "pyproject.toml").write_text("[tool.quizkit]\n", encoding="utf-8")
    remote = Project.open(on_hub).backend()
    assert isinstance(remote, ServiceBackend) and remote.url.endswith("/services/quizkit/api/v1/")
    assert not (on_hub / "results").exists()  # no local store was made


def keyless_quiz(
    spec: QuizSpec, client: ServiceBackend, tmp_path: Path, login: str
) -> QuizController:
    learner = CurrentLearner(IdentityMemory(tmp_path / "learner.json"), lambda: client, hub=login)
    return QuizController(
        spec,
        rules=ScoringRules(),
        store=lambda: client,
        learner=learner,
        lesson="01",
        spool=tmp_path / "pending",
        keyed=False,
    )


def test_a_lesson_quiz_on_the_hub_has_no_keys_and_shows_the_services_feedback(
    service: RunningService, store: Store, bank: Bank, tmp_path: Path
) -> None:
    client = service.client("token-c001")
    sent = client.quiz_questions(ids=list(IDS), title="第一课 练习")
    spec = keyless_spec(sent)
    assert [q.id for q in spec.questions] == list(IDS)
    for question_id in IDS:
        kept = bank.question(question_id)
        assert kept.explanation not in repr(sent) and kept.cite.quote not in repr(sent)
    assert client.practice_feedback(spec.id) == {}  # nothing answered: no key
    quiz = keyless_quiz(spec, client, tmp_path, "c001")
    single, judge = bank.question("xk-single-01"), bank.question("xk-judge-01")
    right = quiz.submit("xk-single-01", single.answer)
    assert right.saved and right.feedback == feedback_for(single, single.answer, ScoringRules())
    wrong = quiz.submit("xk-judge-01", not judge.answer)
    assert wrong.feedback == feedback_for(judge, not judge.answer, ScoringRules())
    assert not wrong.feedback.correct and wrong.feedback.explanation == judge.explanation
    assert (quiz.summary().correct, quiz.summary().earned) == (1, 2.0)
    again = keyless_quiz(spec, service.client("token-c001"), tmp_path / "again", "c001")
    reopened = again.answer("xk-judge-01")
    assert reopened is not None and reopened.feedback == wrong.feedback
    assert service.client("token-c002").practice_feedback(spec.id) == {}  # c001's, not c002's


def test_no_practice_feedback_for_a_question_on_ones_live_paper(
    service: RunningService, store: Store, bank: Bank, tmp_path: Path
) -> None:
    client = service.client("token-c001")
    spec = keyless_spec(client.quiz_questions(ids=list(IDS)))
    quiz = keyless_quiz(spec, client, tmp_path, "c001")
    assert quiz.submit("xk-single-01", "A").saved  # answered in practice before the exam
    session = exam(store, bank, duration_minutes=30)  # its paper holds both questions
    client.start_attempt("c001", quiz_id=session.quiz_id, session_id=session.id)
    with pytest.raises(StoreError, match="考试进行中"):
        client.practice_feedback(spec.id, ["xk-single-01"])
    assert client.practice_feedback(spec.id) == {}
    refused = quiz.submit("xk-judge-01", True)
    assert not refused.saved and "考试进行中" in (quiz.notice or "")
    with pytest.raises(StoreError, match="考试"):
        client.practice_feedback(session.quiz_id)


class NoFeedback(ServiceBackend):
    """The service took the answer, but its feedback call failed (a dropped connection)."""

    def practice_feedback(
        self, quiz_id: str, question_ids: list[str] | None = None
    ) -> dict[str, dict[str, Any]]:
        raise StoreError(UNREACHABLE)


def test_a_committed_answer_whose_feedback_cannot_be_fetched_stays_saved_with_a_notice(
    service: RunningService, store: Store, bank: Bank, tmp_path: Path
) -> None:
    client = NoFeedback(service.url, "token-c001")
    spec = keyless_spec(client.quiz_questions(ids=list(IDS)))
    quiz = keyless_quiz(spec, client, tmp_path, "c001")
    outcome = quiz.submit("xk-judge-01", bank.question("xk-judge-01").answer)
    assert outcome.saved and outcome.feedback.explanation == ""
    assert "答案已保存，但暂时取不到解析" in (quiz.notice or "")
    (row,) = store.latest_answers("c001", spec.id).values()
    assert row.correct  # graded and stored by the service all the same
