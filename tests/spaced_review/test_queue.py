"""Queues from a real SQLite store: exam answers left out unless the rules allow; a restart (a
re-opened store, another process) gives the same queue; the trainer's per-unit figures."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from quizkit.spaced_review.queue import cadre_queue, review_status
from quizkit.store import Store, open_store
from tests.store.factories import make_answer, make_cadre

DAY0 = datetime(2025, 3, 3, 9, 0, tzinfo=UTC)


@pytest.fixture
def url(tmp_path: Path) -> str:
    return f"sqlite:///{(tmp_path / 'quizkit.db').as_posix()}"


def _answer(store: Store, cadre: str, qid: str, ok: bool, at: datetime, **attempt: str) -> None:
    run = store.start_attempt(cadre, quiz_id="q", **attempt)  # type: ignore[arg-type]
    store.record_answer(make_answer(run.id, qid, correct=ok, answered_at=at))


def _fill(store: Store) -> None:
    store.upsert_cadre(make_cadre(1))
    store.upsert_cadre(make_cadre(2, unit="河口村"))
    _answer(store, "c0001", "wrong", False, DAY0)
    _answer(store, "c0001", "right", True, DAY0)
    closed = store.create_session_row(code="exam-1", title="考试", kind="exam")
    _answer(store, "c0001", "exam-only", False, DAY0, session_id=closed.id, kind="exam")


def test_exam_answers_only_with_the_rules_flag(url: str) -> None:
    store = open_store(url)
    _fill(store)
    queue = cadre_queue(store, "c0001", now=DAY0 + timedelta(days=1))
    assert queue.today == ("wrong",)
    assert queue.scheduled == 2  # the exam answer is not in the schedule
    allowed = store.create_session_row(
        code="exam-2", title="考试", kind="exam", rules={"feeds_review": True}
    )
    _answer(store, "c0001", "exam-fed", False, DAY0, session_id=allowed.id, kind="exam")
    queue = cadre_queue(store, "c0001", now=DAY0 + timedelta(days=1))
    assert set(queue.today) == {"wrong", "exam-fed"} and queue.scheduled == 3
    assert queue.this_week == 3
    store.close()


def test_restart_changes_nothing(url: str) -> None:
    store = open_store(url)
    _fill(store)
    now = DAY0 + timedelta(days=2)
    before = cadre_queue(store, "c0001", now=now)
    store.close()
    again = open_store(url, create=False)
    assert cadre_queue(again, "c0001", now=now) == before
    again.close()
    code = (
        "import sys\nfrom datetime import datetime\nfrom quizkit.store import open_store\n"
        "from quizkit.spaced_review.queue import cadre_queue\n"
        "q = cadre_queue(open_store(sys.argv[1], create=False), 'c0001', "
        "now=datetime.fromisoformat(sys.argv[2]))\nprint(','.join(q.today), q.this_week)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, url, now.isoformat()],
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == [",".join(before.today), str(before.this_week)]


def test_the_queue_changes_no_score(url: str) -> None:
    store = open_store(url)
    _fill(store)
    answers, attempts = store.answers_frame(), store.attempts_frame()
    cadre_queue(store, "c0001", now=DAY0 + timedelta(days=1))
    review_status(store, now=DAY0 + timedelta(days=1))
    assert store.answers_frame().equals(answers) and store.attempts_frame().equals(attempts)
    store.close()


def test_units_keeping_up(url: str) -> None:
    store = open_store(url)
    _fill(store)
    _answer(store, "c0002", "right", True, DAY0)
    soon = review_status(store, now=DAY0 + timedelta(days=1))
    assert [(s.unit, s.cadres, s.scheduled, s.keeping_up, s.behind, s.due_today) for s in soon] == [
        ("城关镇", 1, 1, 1, 0, 1),
        ("河口村", 1, 1, 1, 0, 0),
    ]
    late = review_status(store, now=DAY0 + timedelta(days=30))
    assert [(s.keeping_up, s.behind) for s in late] == [(0, 1), (0, 1)]
    store.close()
