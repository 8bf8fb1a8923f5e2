"""`quizkit db init|check|backup|upgrade` through click's CliRunner, on real SQLite files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from click.testing import CliRunner

from quizkit.cli import main
from quizkit.store import SCHEMA_VERSION, open_store
from quizkit.store.connection import WRITE_OPTION, create_store_engine, parse_url
from quizkit.store.migrations import upgrade


def run(*args: str, url: str | None = None) -> tuple[int, str]:
    flags = ["--db-url", url] if url else []
    result = CliRunner().invoke(main, [*flags, "db", *args], env={"QUIZKIT_DB_URL": None})
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_init_is_idempotent_and_check_reports_counts(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'quizkit.db').as_posix()}"
    for _ in range(2):
        code, output = run("init", url=url)
        assert code == 0, output
        assert f"ready: {url} (schema {SCHEMA_VERSION}; 0 cadres, 0 answers)" in output
    code, output = run("check", url=url)
    assert code == 0, output
    assert "integrity: ok" in output
    assert "answers" in output and "cadres" in output


def test_init_uses_the_project_results_folder(tmp_path: Path, monkeypatch: object) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.quizkit]\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        ["db", "init"],
        env={"QUIZKIT_ROOT": str(tmp_path), "QUIZKIT_DB_URL": None, "QUIZKIT_RESULTS": None},
    )
    assert result.exit_code == 0, result.output
    assert (tmp_path / "results" / "quizkit.db").is_file()


def test_check_fails_on_a_problem(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'quizkit.db').as_posix()}"
    run("init", url=url)
    raw = sqlite3.connect(tmp_path / "quizkit.db")  # foreign keys off: a broken row gets in
    with raw:
        raw.execute(
            "INSERT INTO cadres (id, name, unit, position, phone, exempt, exempt_reason, active)"
            " VALUES ('c1', 'x', 'no-such-unit', '', '', 0, '', 1)"
        )
    raw.close()
    code, output = run("check", url=url)
    assert code == 1
    assert "cadres row 1 points at a missing units row" in output
    assert "1 problem(s) found" in output


def test_check_and_backup_need_an_existing_database(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'none.db').as_posix()}"
    for args in (("check",), ("backup", str(tmp_path / "b.db"))):
        code, output = run(*args, url=url)
        assert code == 1
        assert "there is no results database" in output and "quizkit db init" in output
    assert not (tmp_path / "none.db").exists()


def test_backup_writes_a_usable_copy(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'quizkit.db').as_posix()}"
    run("init", url=url)
    code, output = run("backup", str(tmp_path / "copy.db"), url=url)
    assert code == 0, output
    assert f"backup written: {tmp_path / 'copy.db'}" in output
    with open_store(f"sqlite:///{(tmp_path / 'copy.db').as_posix()}", create=False) as copy:
        assert copy.integrity_check() == []


def test_upgrade_from_version_one(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'quizkit.db').as_posix()}"
    engine = create_store_engine(parse_url(url))
    with engine.connect() as conn:
        conn.execution_options(**{WRITE_OPTION: True})
        with conn.begin():
            upgrade(conn, to_version=1)
    engine.dispose()
    code, output = run("check", url=url)
    assert code == 1 and "quizkit db upgrade" in output
    code, output = run("upgrade", url=url)
    assert code == 0 and f"upgraded from schema 1 to {SCHEMA_VERSION}" in output
    code, output = run("upgrade", url=url)
    assert code == 0 and "nothing to do" in output
    assert run("check", url=url)[0] == 0
