"""The pending queue keeps answers in click order, on disk too, until the store has them."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

from quizkit.learner.pending import PendingAnswer, PendingQueue


def pending(submission_id: str, question_id: str) -> PendingAnswer:
    return PendingAnswer(
        submission_id=submission_id,
        cadre_id="c1",
        quiz_id="q",
        kind="practice",
        question_id=question_id,
        question_hash="h",
        response=("A", "C"),
        score=2.0,
        points=2.0,
        correct=True,
        time_taken_ms=1200,
        answered_at=datetime(2026, 3, 1, 8, 30, tzinfo=UTC),
    )


def test_queue_is_spooled_and_read_back_in_order(tmp_path: Path) -> None:
    spool = tmp_path / "pending" / "x.json"
    queue = PendingQueue(spool)
    queue.add(pending("s1", "q1"))
    queue.add(pending("s2", "q1"))  # a second answer to the same question is kept too
    assert [i.submission_id for i in PendingQueue(spool)] == ["s1", "s2"]
    assert next(iter(PendingQueue(spool))) == pending("s1", "q1")
    queue.remove("s1")
    queue.remove("s2")
    assert not spool.exists() and len(PendingQueue(spool)) == 0


def test_an_unwritable_spool_keeps_the_queue_in_memory(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder", encoding="utf-8")
    queue = PendingQueue(blocker / "x.json")
    queue.add(pending("s1", "q1"))
    assert [i.submission_id for i in queue] == ["s1"]


def test_one_queue_per_cadre_and_quiz_in_a_kernel(tmp_path: Path) -> None:
    first = PendingQueue.shared(tmp_path, "c1", "quiz-a")
    assert PendingQueue.shared(tmp_path, "c1", "quiz-a") is first
    assert PendingQueue.shared(tmp_path, "c2", "quiz-a") is not first
    PendingQueue._shared.clear()


def test_a_spooled_fill_answer_keeps_its_blanks_in_order(tmp_path: Path) -> None:
    spool = tmp_path / "pending" / "fill.json"
    item = replace(pending("s1", "q1"), response=("听证", "五"))
    PendingQueue(spool).add(item)
    assert next(iter(PendingQueue(spool))).response == ("听证", "五")


def test_a_spool_file_with_a_garbled_response_is_ignored(tmp_path: Path) -> None:
    spool = tmp_path / "pending" / "bad.json"
    PendingQueue(spool).add(pending("s1", "q1"))
    spool.write_text(
        spool.read_text(encoding="utf-8").replace('["A", "C"]', '{"x": 1}'), encoding="utf-8"
    )
    assert len(PendingQueue(spool)) == 0


def test_to_record_files_the_answer_under_the_given_attempt() -> None:
    record = pending("s1", "q1").to_record("attempt-7")
    assert record.attempt_id == "attempt-7"
    assert (record.submission_id, record.question_id, record.question_hash) == ("s1", "q1", "h")
    assert (record.response, record.score, record.points, record.correct) == (
        ("A", "C"),
        2.0,
        2.0,
        True,
    )
    assert record.time_taken_ms == 1200
    assert record.answered_at == datetime(2026, 3, 1, 8, 30, tzinfo=UTC)
