"""The answers' hash chain as written: the documented canonical bytes, the same hash read back from
either backend, and no fork when many writers append to one attempt at once."""

from __future__ import annotations

import hashlib
import json
import random
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import select

from quizkit.store import CadreRecord, Store, open_store
from quizkit.store.chain import Link, canonical_row, row_hash
from quizkit.store.schema import answers, attempts
from tests.store.factories import make_answer, make_cadre

PROJECT = Path(__file__).resolve().parents[2]

ROW: dict[str, Any] = {
    "attempt_id": "a1",
    "submission_id": "s1",
    "question_id": "xk-042-期限",
    "question_hash": "sha256:abc",
    "response": ["A", "C"],
    "score": 1,
    "points": 2.0,
    "correct": False,
    "time_taken_ms": 4200,
    "answered_at": datetime(2026, 11, 1, 16, 30, 5, 120000, tzinfo=timezone(timedelta(hours=8))),
    "recorded_at": datetime(2026, 11, 1, 8, 30, 6),  # naive: UTC, as SQLite keeps it
}
# format 1 written out by hand from the module docstring: sorted keys, no spaces, UTF-8, UTC "Z"
EXPECTED = (
    '{"answered_at":"2026-11-01T08:30:05.120000Z","attempt_id":"a1","cadre_id":"c001",'
    '"correct":false,"points":2.0,"prev_hash":"' + "ab" * 32 + '","prev_id":7,'
    '"question_hash":"sha256:abc","question_id":"xk-042-期限",'
    '"recorded_at":"2026-11-01T08:30:06.000000Z","response":["A","C"],"score":1.0,'
    '"submission_id":"s1","time_taken_ms":4200,"v":1}'
).encode()


def test_canonical_form_is_the_documented_bytes() -> None:
    link = Link("c001", 7, "ab" * 32)
    assert canonical_row(ROW, link) == EXPECTED
    assert row_hash(ROW, link) == hashlib.sha256(EXPECTED).hexdigest()
    assert "期限".encode() in EXPECTED  # Chinese as UTF-8, never \\u escapes


def test_every_hashed_field_and_link_changes_the_hash() -> None:
    link = Link("c001", 7, "ab" * 32)
    base = row_hash(ROW, link)
    changed = {
        "attempt_id": "a2",
        "submission_id": "s2",
        "question_id": "q",
        "question_hash": "sha256:abd",
        "response": ["A"],
        "score": 2.0,
        "points": 3.0,
        "correct": True,
        "time_taken_ms": None,
        "answered_at": ROW["answered_at"] + timedelta(microseconds=1),
        "recorded_at": ROW["recorded_at"] + timedelta(seconds=1),
    }
    for field, value in changed.items():
        assert row_hash({**ROW, field: value}, link) != base, field
    for other in (Link("c002", 7, "ab" * 32), Link("c001", 8, "ab" * 32), Link("c001", 7, None)):
        assert row_hash(ROW, other) != base, other


def stored_rows(store: Store) -> list[dict[str, Any]]:
    query = (
        select(answers, attempts.c.cadre_id)
        .join(attempts, attempts.c.id == answers.c.attempt_id)
        .order_by(answers.c.id)
    )
    with store._read() as conn:
        return [dict(row) for row in conn.execute(query).mappings()]


def test_rows_read_back_give_the_hash_they_were_written_with(store: Store) -> None:
    store.upsert_cadre(CadreRecord(id="c1", name="张三", unit="城关镇"))
    first = store.start_attempt("c1", quiz_id="q")
    second = store.start_attempt("c1", quiz_id="q")
    responses: list[Any] = ["C", ["A", "D"], True, None, "依法“告知”\n𠈌", False]
    for index, response in enumerate(responses):
        attempt = first if index % 2 == 0 else second
        store.record_answer(
            make_answer(attempt.id, f"q{index}", response=response, score=2 / 3, points=2.0)
        )
    store.record_answer(make_answer(first.id, "q0", submission_id="same"))
    assert store.record_answer(make_answer(first.id, "q0", submission_id="same")) is False
    rows = stored_rows(store)
    assert len(rows) == len(responses) + 1
    last: dict[str, tuple[int, str]] = {}
    for row in rows:
        link = Link(row["cadre_id"], row["chain_prev_id"], row["chain_prev_hash"])
        assert (link.prev_id, link.prev_hash) == last.get(row["attempt_id"], (None, None))
        assert row["chain_hash"] == row_hash(row, link)
        last[row["attempt_id"]] = (row["id"], row["chain_hash"])
    assert store.verify_answer_chain().breaks == ()


def test_the_hash_does_not_depend_on_the_backend(db_url: str) -> None:
    """The stored timestamps and numbers give the canonical form computed before they were stored."""
    answered = datetime(2026, 11, 1, 8, 30, 5, 123456, tzinfo=UTC)
    with open_store(db_url) as store:
        store.upsert_cadre(CadreRecord(id="c001", name="张三", unit="城关镇"))
        attempt = store.start_attempt("c001", quiz_id="q")
        store.record_answer(make_answer(attempt.id, "q1", answered_at=answered, score=0.1))
        (row,) = stored_rows(store)
    assert row["answered_at"] == answered
    written = json.loads(canonical_row(row, Link("c001")))
    assert written["answered_at"] == "2026-11-01T08:30:05.123456Z"
    assert written["score"] == 0.1 and written["points"] == 2.0


def test_many_writer_processes_on_one_attempt_never_fork_its_chain(
    store: Store, db_url: str, tmp_path: Path
) -> None:
    store.upsert_cadre(make_cadre(1))
    attempt = store.start_attempt("c0001", quiz_id="load")
    go = tmp_path / "go"
    writers = [
        subprocess.Popen(
            [
                *(sys.executable, "-m", "tests.store.writer", db_url, attempt.id, "150"),
                *("--prefix", f"w{n}", "--go", str(go), *(("--batch", "3") if n % 2 else ())),
            ],
            cwd=PROJECT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(8)
    ]
    go.touch()
    for writer in writers:
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
        assert json.loads(out.splitlines()[-1])["error_count"] == 0, out
    rows = stored_rows(store)
    assert len(rows) == 8 * 150
    previous = [row["chain_prev_id"] for row in rows]
    assert previous == [
        None,
        *(row["id"] for row in rows[:-1]),
    ]  # one line, no two rows share a link
    report = store.verify_answer_chain()
    assert (report.rows, report.attempts, report.breaks) == (8 * 150, 1, ())


def test_batches_over_several_attempts_in_any_order_neither_fork_nor_deadlock(
    db_url: str,
) -> None:
    with open_store(db_url) as store:
        store.upsert_cadres(make_cadre(i) for i in range(3))
        attempt_ids = [store.start_attempt(f"c{i:04d}", quiz_id="q").id for i in range(3)]
    errors: list[BaseException] = []

    def write(seed: int) -> None:
        shuffle = random.Random(seed)
        with open_store(db_url, create=False) as own:
            for _ in range(40):
                batch = [make_answer(a) for a in shuffle.sample(attempt_ids, k=3)]
                try:
                    own.record_answers(batch)
                except BaseException as error:  # collected: asserted below
                    errors.append(error)

    threads = [threading.Thread(target=write, args=(seed,)) for seed in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    with open_store(db_url, create=False) as store:
        report = store.verify_answer_chain()
    assert (report.rows, report.attempts, report.breaks) == (6 * 40 * 3, 3, ())
