"""A writer killed with SIGKILL mid-stream: every acknowledged answer is on disk, the file is sound."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from quizkit.store import CadreRecord, Store, open_store

PROJECT = Path(__file__).resolve().parents[2]
pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")


def kill_after(store: Store, db_url: str, acks_wanted: int, *extra: str) -> list[list[str]]:
    """Start a writer, SIGKILL it after ``acks_wanted`` acknowledgements; return every ack seen."""
    attempt = store.start_attempt("c001", quiz_id="crash")
    writer = subprocess.Popen(
        [sys.executable, "-m", "tests.store.writer", db_url, attempt.id, "100000", "--ack", *extra],
        cwd=PROJECT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert writer.stdout is not None
    acks: list[list[str]] = []
    for line in writer.stdout:
        if line.startswith("ack "):
            acks.append(line.split()[1:])
        if len(acks) >= acks_wanted:
            os.kill(writer.pid, signal.SIGKILL)
            break
    rest, _ = writer.communicate(timeout=60)
    acks += [line.split()[1:] for line in rest.splitlines() if line.startswith("ack ")]
    assert writer.returncode == -signal.SIGKILL, "the writer ended before it was killed"
    return acks


@pytest.mark.slow
def test_acknowledged_answers_survive_sigkill(
    store: Store, cadre: CadreRecord, db_url: str
) -> None:
    acked = [ids[0] for ids in kill_after(store, db_url, 300)]
    assert len(acked) >= 300
    with open_store(db_url, create=False) as reopened:
        stored = set(reopened.answers_frame()["submission_id"])
        assert reopened.integrity_check() == []
    assert set(acked) <= stored
    assert len(stored) - len(acked) <= 1  # at most the one in flight when killed


@pytest.mark.slow
def test_a_killed_batch_is_all_or_nothing(store: Store, cadre: CadreRecord, db_url: str) -> None:
    acked = kill_after(store, db_url, 20, "--batch", "25")
    with open_store(db_url, create=False) as reopened:
        stored = reopened.answers_frame()["submission_id"].tolist()
        assert reopened.integrity_check() == []
    assert {sid for batch in acked for sid in batch} <= set(stored)
    assert len(stored) % 25 == 0  # no half-written batch
