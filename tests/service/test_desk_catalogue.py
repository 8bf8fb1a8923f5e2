"""The bank as a cadre's pages see it through the service: ``lesson_questions`` (the course home's
lesson plan) and ``question_stems`` (错题本, 今日复习) — ids and stems only, never a key, and stems
only of questions the caller answered themselves."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from quizkit.bank import Bank, load_bank
from quizkit.bank.lesson_plan import law_questions
from quizkit.errors import StoreError
from quizkit.learner.catalogue import BankCatalogue
from quizkit.records import AnswerRecord
from quizkit.sessions.mistakes import due_questions, mistake_book
from quizkit.spaced_review.queue import cadre_queue
from quizkit.store import Store
from tests.factories import question_data, write_bank
from tests.service.conftest import RunningService
from tests.sessions.factories import write_session_bank

LAWS = ["administrative-licensing", "administrative-penalty"]


@pytest.fixture
def quiz_bank(tmp_path: Path) -> Bank:
    """The session bank plus a named quiz of the licensing law (a question, a case, another)."""
    folder = write_session_bank(tmp_path / "question_bank")
    extra = question_data(
        id="xk-extra-01",
        stem="额外一题：依法应当如何处理？",
        cite={"law": "administrative-licensing", "article": 42, "quote": "二十日内"},
    )
    quiz = {
        "id": "xk-basics",
        "title": "基础",
        "questions": ["xk-extra-01", "xk-case", "xk-single-01"],
    }
    write_bank(folder, [extra], name="xk-quizzes.yaml", quizzes=[quiz])
    return load_bank(folder)


@pytest.fixture
def running(
    start_service: Callable[..., RunningService], store: Store, quiz_bank: Bank
) -> RunningService:
    return start_service(store, quiz_bank)


def answer(store: Store, cadre_id: str, question_id: str, correct: bool, n: int = 0) -> None:
    attempt = store.start_attempt(cadre_id, quiz_id="xk-basics", lesson="01")
    store.record_answer(
        AnswerRecord(
            submission_id=f"s-{cadre_id}-{question_id}-{n}",
            attempt_id=attempt.id,
            question_id=question_id,
            question_hash="h",
            response="C" if correct else "A",
            score=2.0 if correct else 0.0,
            points=2.0,
            correct=correct,
        )
    )


def keys_of(bank: Bank, question_id: str) -> list[str]:
    """Texts that would give the key away: the explanation and the quoted phrase."""
    question = bank.question(question_id)
    return [question.explanation, question.cite.quote or ""]


def test_lesson_questions_are_the_banks_plan_for_anyone_signed_in(
    running: RunningService, quiz_bank: Bank
) -> None:
    expected = {
        "administrative-licensing": ["xk-extra-01", "xk-case-1", "xk-case-2", "xk-single-01"],
        "administrative-penalty": [],
    }
    assert law_questions(quiz_bank, LAWS) == expected
    assert BankCatalogue(quiz_bank).lesson_questions(LAWS) == expected
    for token in ("token-c001", "token-newbie", "token-trainer"):  # newbie: not on the roster yet
        assert running.client(token).lesson_questions(LAWS) == expected
    assert running.post("lesson_questions", None, {"laws": LAWS}).status_code == 401


def test_a_cadre_gets_stems_of_their_own_answered_questions_only_and_no_keys(
    running: RunningService, store: Store, quiz_bank: Bank
) -> None:
    answer(store, "c001", "xk-single-01", correct=False)
    answer(store, "c002", "xk-extra-01", correct=False)
    asked = ["xk-single-01", "xk-extra-01", "nope-01"]
    mine = running.client("token-c001").question_stems(asked)
    assert mine == {
        "xk-single-01": {
            "law": "administrative-licensing",
            "type": "single",
            "stem": quiz_bank.question("xk-single-01").stem,
            "active": True,
        }
    }  # c002's question and an unknown id are left out
    raw = running.post("question_stems", "token-c001", {"question_ids": asked})
    text = json.dumps(raw.json(), ensure_ascii=False)
    for secret in keys_of(quiz_bank, "xk-single-01"):
        assert secret not in text
    assert '"answer"' not in text and '"explanation"' not in text and '"cite"' not in text
    assert running.client("token-c002").question_stems(asked).keys() == {"xk-extra-01"}
    trainer = running.client("token-trainer").question_stems(asked)
    assert trainer.keys() == {"xk-single-01", "xk-extra-01"}
    with pytest.raises(StoreError):
        running.client("token-newbie").question_stems(asked)  # not on the roster: nothing


def test_the_mistake_book_and_review_through_the_service_match_the_bank(
    running: RunningService, store: Store, quiz_bank: Bank
) -> None:
    answer(store, "c001", "xk-single-01", correct=False)
    answer(store, "c001", "xk-extra-01", correct=True)
    kernel = running.client("token-c001")
    over_wire = mistake_book(kernel, "c001", bank=kernel)
    local = mistake_book(store, "c001", bank=quiz_bank)
    columns = ["question_id", "law", "type", "stem", "mastered"]
    assert over_wire[columns].to_dict("records") == local[columns].to_dict("records")
    assert list(over_wire["type"]) == ["单选题"] and list(over_wire["stem"]) == [
        quiz_bank.question("xk-single-01").stem
    ]
    assert due_questions(over_wire, kernel) == due_questions(local, quiz_bank) == ["xk-single-01"]
    assert cadre_queue(kernel, "c001", bank=kernel) == cadre_queue(store, "c001", bank=quiz_bank)


def test_a_reply_carrying_more_than_the_four_fields_is_refused(
    running: RunningService, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer(store, "c001", "xk-single-01", correct=False)
    leaky = {
        "xk-single-01": {"law": "x", "type": "single", "stem": "s", "active": True, "answer": "C"}
    }
    monkeypatch.setattr(running.desk, "question_stems", lambda caller, ids: leaky)
    with pytest.raises(StoreError, match="格式不正确"):
        running.client("token-c001").question_stems(["xk-single-01"])
