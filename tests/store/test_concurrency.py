"""Many writer processes into one database: every answer stored exactly once, no error to a learner."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from quizkit.store import Store, open_store
from tests.store.factories import make_answer, make_cadre

PROJECT = Path(__file__).resolve().parents[2]
WRITERS = 8
PER_WRITER = 2_000


def start_writers(
    store: Store, db_url: str, go: Path, count: int, *extra: str
) -> list[subprocess.Popen[str]]:
    store.upsert_cadres(make_cadre(i) for i in range(WRITERS))
    attempts = [store.start_attempt(f"c{i:04d}", quiz_id="load") for i in range(WRITERS)]
    return [
        subprocess.Popen(
            [
                *(sys.executable, "-m", "tests.store.writer", db_url, attempt.id, str(count)),
                *("--prefix", f"w{n}", "--go", str(go), *extra),
            ],
            cwd=PROJECT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n, attempt in enumerate(attempts)
    ]


@pytest.mark.slow
def test_eight_processes_two_thousand_answers_each(
    store: Store, db_url: str, tmp_path: Path
) -> None:
    go = tmp_path / "go"
    writers = start_writers(store, db_url, go, PER_WRITER)
    go.touch()
    reports = []
    for writer in writers:
        out, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
        assert "Traceback" not in err
        reports.append(json.loads(out.splitlines()[-1]))
    assert [r["error_count"] for r in reports] == [0] * WRITERS, reports
    assert sum(r["stored"] for r in reports) == WRITERS * PER_WRITER
    assert store.counts()["answers"] == WRITERS * PER_WRITER
    frame = store.answers_frame()
    assert frame["submission_id"].is_unique
    assert sorted(frame.groupby("cadre_id").size().tolist()) == [PER_WRITER] * WRITERS
    assert store.integrity_check() == []


def test_threads_sharing_one_store_and_stores_in_one_process(store: Store, db_url: str) -> None:
    """A kernel may record from several threads; each answer is stored once, none is lost."""
    store.upsert_cadres(make_cadre(i) for i in range(4))
    attempts = [store.start_attempt(f"c{i:04d}", quiz_id="threads") for i in range(4)]
    second = open_store(db_url, create=False)
    errors: list[BaseException] = []

    def write(target: Store, attempt_id: str, prefix: str) -> None:
        try:
            for i in range(100):
                answer = make_answer(attempt_id, f"q{i % 10}", submission_id=f"{prefix}-{i}")
                target.record_answer(answer)
                target.record_answer(answer)  # a resend: stored once
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [
        threading.Thread(target=write, args=(store if n % 2 else second, a.id, f"t{n}"))
        for n, a in enumerate(attempts)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    second.close()
    assert errors == []
    assert store.counts()["answers"] == 400
    assert all(len(store.answers_for_attempt(a.id)) == 100 for a in attempts)
