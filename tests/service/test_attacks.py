"""Attacks from a cadre's kernel on the service; each test fails if the attack works.

The kernel-equivalent is a ServiceBackend (or raw HTTP) holding a cadre's token — exactly what code
typed into a cadre's notebook can do. Unit tests identify tokens with StaticCallers; the same attacks
through a real hub are in tests/service/test_hub.py.
"""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest
import requests

from quizkit.bank import Bank
from quizkit.errors import QuizkitError, SessionError, StoreError
from quizkit.records import AnswerRecord
from quizkit.service.app import CALLS
from quizkit.service_client import ServiceBackend
from quizkit.sessions import ExamSitting, close_session, find_session
from quizkit.store import Store
from tests.service.conftest import RunningService
from tests.sessions.helpers import exam

ALL_CALLS = sorted([*CALLS, "record_answer"])


def recording(client: ServiceBackend) -> list[str]:
    """Every reply body the client receives, as text."""
    bodies: list[str] = []
    client._session.hooks["response"].append(lambda reply, *a, **k: bodies.append(reply.text))
    return bodies


def objects(value: Any) -> list[dict[str, Any]]:
    """Every JSON object inside a reply."""
    if isinstance(value, dict):
        return [value, *(o for v in value.values() for o in objects(v))]
    if isinstance(value, list):
        return [o for v in value for o in objects(v)]
    return []


def every_choice(question_type: str, options: dict[str, str] | None) -> list[object]:
    labels = sorted(options or {})
    if question_type == "judge":
        return [True, False]
    if question_type == "multiple":
        return [(label,) for label in labels] + [tuple(labels[:2]), (labels[0], labels[2])]
    return list(labels)


def leaked_keys(bodies: list[str], bank: Bank, question_ids: list[str]) -> list[str]:
    """What in the replies would tell a cadre the key of a question on the live paper."""
    found = []
    for body in bodies:
        for question_id in question_ids:
            question = bank.question(question_id)
            if question.explanation in body:
                found.append(f"explanation of {question_id}")
        for obj in objects(json.loads(body)):
            if "answer" in obj or "explanation" in obj:
                found.append(f"key field in {sorted(obj)}")
            if obj.get("correct") is True or (obj.get("score") or 0) > 0:
                found.append(f"a right answer shows: {obj}")
    return found


def test_no_service_reply_to_a_cadre_gives_away_the_key_of_a_live_exam(
    service: RunningService, store: Store, bank: Bank
) -> None:
    session = exam(
        store,
        bank,
        duration_minutes=30,
        review="answers",
        review_from="close",
        shuffle_options=True,
    )
    kernel = service.client("token-c001")
    bodies = recording(kernel)
    sitting = ExamSitting.join(kernel, bank, find_session(kernel, session.code), "c001")
    on_paper = [pq.item.question_id for pq in sitting.questions]
    for pq in sitting.questions:  # try every choice, reading back after each
        for choice in every_choice(pq.shown.type, pq.shown.options):
            sitting.save(pq.item.question_id, choice)
            kernel.answers_for_attempt(sitting.attempt.id)
            kernel.latest_answers("c001", session.quiz_id)
    kernel.get_attempt(sitting.attempt.id)
    kernel.attempt_paper(sitting.attempt.id)
    shown = kernel.paper_questions(sitting.attempt.id)
    assert [q["question_id"] for q in shown] == on_paper
    assert [q["stem"] for q in shown] == [pq.shown.stem for pq in sitting.questions]
    assert [q["options"] for q in shown] == [pq.shown.options for pq in sitting.questions]
    kernel.attempts_for("c001")
    kernel.cadre_answers_frame("c001")
    kernel.review_answers(["c001"])
    kernel.list_session_rows()
    kernel.whoami()
    practice = kernel.start_attempt("c001", quiz_id="lesson-01")
    for question_id in on_paper:  # practise the paper's questions to learn their keys
        with pytest.raises(StoreError, match="考试进行中"):
            kernel.record_answer(
                AnswerRecord("p-" + question_id, practice.id, question_id, "", "C", 0, 2, False)
            )
    result = sitting.submit()  # handed in, but the session is still live: still sealed
    kernel.answers_for_attempt(sitting.attempt.id)
    kernel.cadre_answers_frame("c001")
    assert result.visible == "none"
    assert len(bodies) > 40
    assert leaked_keys(bodies, bank, on_paper) == []
    close_session(store, session)  # after the close the policy shows the answers
    rows = kernel.answers_for_attempt(sitting.attempt.id)
    assert any(row.correct for row in rows)


def test_every_call_without_a_valid_token_is_401_and_does_nothing(
    service: RunningService, store: Store, bank: Bank
) -> None:
    session = exam(store, bank)
    args = {"cadre_id": "c001", "session_id": session.id, "quiz_id": session.quiz_id}
    answered = {}
    for header in (None, "token forged-token", "Bearer ", "Basic token-c001", "token-c001"):
        headers = {"Authorization": header} if header else {}
        for method in ALL_CALLS:
            reply = requests.post(
                f"{service.url}api/v1/{method}", json={"args": args}, headers=headers, timeout=30
            )
            answered[(header, method)] = reply.status_code
    assert {key: code for key, code in answered.items() if code != 401} == {}
    assert store.attempts_for("c001") == []
    assert store.get_session_row(session.id) == session.row


def test_whoami_without_a_token_is_401(service: RunningService) -> None:
    assert requests.get(f"{service.url}api/v1/whoami", timeout=30).status_code == 401


def test_another_cadres_token_cannot_answer_read_or_hand_in_their_paper(
    service: RunningService, store: Store, bank: Bank
) -> None:
    session = exam(store, bank, duration_minutes=30)
    victim = service.client("token-c001")
    attempt = victim.start_attempt("c001", quiz_id=session.quiz_id, session_id=session.id)
    intruder = service.client("token-c002")
    answer = AnswerRecord("x1", attempt.id, "xk-single-01", "", "A", 2.0, 2.0, True)
    with pytest.raises(StoreError, match="不是你的"):
        intruder.record_answer(answer)
    with pytest.raises(StoreError, match="不是你的"):
        intruder.finish_attempt(attempt.id)
    with pytest.raises(StoreError, match="不是你的"):
        intruder.start_attempt("c001", quiz_id=session.quiz_id, session_id=session.id)
    with pytest.raises(StoreError, match="不是你的"):
        intruder.paper_questions(attempt.id)
    assert intruder.get_attempt(attempt.id) is None
    assert store.answers_for_attempt(attempt.id) == []
    assert store.get_attempt(attempt.id).status == "open"  # type: ignore[union-attr]
    assert [a.id for a in store.attempts_for("c001")] == [attempt.id]


def test_answering_after_the_deadline_is_refused_whatever_the_kernel_clock_says(
    service: RunningService, store: Store, bank: Bank
) -> None:
    session = exam(store, bank, duration_minutes=5)
    kernel = service.client("token-c001")
    attempt = kernel.start_attempt("c001", quiz_id=session.quiz_id, session_id=session.id)
    assert attempt.deadline_at is not None
    after = attempt.deadline_at + timedelta(seconds=1)
    service.desk.clock = lambda: after
    early = AnswerRecord(
        "late-1",
        attempt.id,
        "xk-single-01",
        "",
        "C",
        2.0,
        2.0,
        True,
        answered_at=attempt.started_at,
    )
    with pytest.raises(SessionError, match="考试时间已到"):
        kernel.record_answer(early)
    assert store.answers_for_attempt(attempt.id) == []
    assert kernel.finish_attempt(attempt.id).status == "expired"  # not "submitted" after time


def test_answering_a_question_not_on_ones_paper_is_refused(
    service: RunningService, store: Store, bank: Bank
) -> None:
    session = exam(store, bank)
    kernel = service.client("token-c001")
    attempt = kernel.start_attempt("c001", quiz_id=session.quiz_id, session_id=session.id)
    for question_id in ("cf-judge-05", "xk-case-1", "no-such-question"):
        with pytest.raises(SessionError, match="不在你的试卷上"):
            kernel.record_answer(
                AnswerRecord("o-" + question_id, attempt.id, question_id, "", True, 2, 2, True)
            )
    assert store.answers_for_attempt(attempt.id) == []


def test_more_attempts_than_allowed_are_refused_even_in_parallel(
    service: RunningService, store: Store, bank: Bank
) -> None:
    from concurrent.futures import ThreadPoolExecutor

    session = exam(store, bank, attempts_allowed=2)

    def start_and_hand_in(_: int) -> str:
        kernel = service.client("token-c001")
        try:
            attempt = kernel.start_attempt("c001", quiz_id=session.quiz_id, session_id=session.id)
            kernel.finish_attempt(attempt.id)
            return "started"
        except QuizkitError as error:
            return error.user_message

    with ThreadPoolExecutor(8) as pool:
        outcomes = list(pool.map(start_and_hand_in, range(12)))
    assert len(store.attempts_for("c001", session_id=session.id)) == 2
    assert outcomes.count("started") >= 2
    assert all(o == "started" or "用完" in o for o in outcomes)
