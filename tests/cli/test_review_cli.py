"""`quizkit review status`: the trainer's per-unit figures, through click's CliRunner."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from click.testing import CliRunner

from quizkit.cli import main
from quizkit.records import utc_now
from quizkit.store import open_store
from tests.store.factories import make_answer, make_cadre


def test_status_per_unit(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'quizkit.db').as_posix()}"
    store = open_store(url)
    store.upsert_cadre(make_cadre(1))
    store.upsert_cadre(make_cadre(2, unit="河口村"))
    store.upsert_cadre(make_cadre(3, unit="河口村"))
    long_ago = utc_now() - timedelta(days=20)  # wrong then: due after a day, 19 days overdue
    lately = utc_now() - timedelta(hours=1)  # right just now: due in two days
    for cadre, correct, when in (("c0001", False, long_ago), ("c0002", True, lately)):
        run = store.start_attempt(cadre, quiz_id="q")
        store.record_answer(
            make_answer(run.id, "xk-042-deadline", correct=correct, answered_at=when)
        )
    store.close()
    result = CliRunner().invoke(main, ["--db-url", url, "review", "status"])
    assert result.exit_code == 0, result.output
    cells = [
        [cell.strip() for cell in line.strip("│ ").split("│")]
        for line in result.output.splitlines()
        if line.startswith("│")
    ]
    rows = {row[0]: row[1:] for row in cells if row[0] in ("城关镇", "河口村")}
    # cadres, with reviews, keeping up, behind, due today
    assert rows["城关镇"] == ["1", "1", "0", "1", "1"]  # wrong 20 days ago: far behind
    assert rows["河口村"] == ["2", "1", "1", "0", "0"]  # c0003 has no reviews yet


def test_status_without_a_database_says_so(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'none.db').as_posix()}"
    result = CliRunner().invoke(main, ["--db-url", url, "review", "status"])
    assert result.exit_code == 1 and "quizkit db init" in result.output
