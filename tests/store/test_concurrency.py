"""Many writer processes into one database: every answer stored exactly once, no error to a learner."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from quizkit.store import Store
from tests.store.factories import make_cadre

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
