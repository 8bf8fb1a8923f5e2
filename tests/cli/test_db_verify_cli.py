"""`quizkit db verify` through click's CliRunner on a real SQLite file: exit 0 while every attempt's
chain holds, exit 1 naming the row, attempt, cadre and question once a row was edited."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from quizkit.cli import main
from quizkit.store import CadreRecord, open_store
from tests.store.factories import make_answer


def run(url: str) -> tuple[int, str]:
    result = CliRunner().invoke(
        main, ["--db-url", url, "db", "verify"], env={"QUIZKIT_DB_URL": None}
    )
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_verify_passes_then_names_the_edited_row(tmp_path: Path) -> None:
    path = tmp_path / "quizkit.db"
    url = f"sqlite:///{path.as_posix()}"
    with open_store(url) as store:
        store.upsert_cadre(CadreRecord(id="c007", name="王芳", unit="河口乡"))
        attempt = store.start_attempt("c007", quiz_id="exam-2026")
        for question in ("xk-001", "xk-002", "xk-003"):
            store.record_answer(make_answer(attempt.id, question, correct=False))
    assert run(url) == (0, "answer chain: ok (3 answers in 1 attempts)\n")

    with sqlite3.connect(path) as raw:  # someone with the file: trigger dropped, a score raised
        raw.execute("DROP TRIGGER answers_no_update")
        raw.execute("UPDATE answers SET score = 2.0, correct = 1 WHERE question_id = 'xk-002'")
    raw.close()
    code, output = run(url)
    assert code == 1
    assert "first break in the answer chain: row 2 was edited" in output
    assert f"row 2 · attempt {attempt.id} · cadre c007 王芳 · question xk-002" in output
    assert "broken in 1 of 1 attempt(s)" in output


def test_verify_on_a_missing_database_says_what_to_do(tmp_path: Path) -> None:
    code, output = run(f"sqlite:///{(tmp_path / 'none.db').as_posix()}")
    assert code == 1 and "quizkit db init" in output
