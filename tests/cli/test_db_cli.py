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


def test_an_in_memory_database_is_refused(tmp_path: Path) -> None:
    for url in ("sqlite://", "sqlite:///:memory:"):
        code, output = run("init", url=url)
        assert code == 1
        assert "in memory: nothing would be kept" in output and "sqlite:///" in output


def test_check_reports_missing_append_only_triggers(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'quizkit.db').as_posix()}"
    run("init", url=url)
    raw = sqlite3.connect(tmp_path / "quizkit.db")
    raw.execute("DROP TRIGGER answers_no_delete")
    raw.close()
    code, output = run("check", url=url)
    assert code == 1
    assert "answers is not append-only: trigger answers_no_delete is missing" in output


def test_check_reports_a_read_only_file(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'quizkit.db').as_posix()}"
    run("init", url=url)
    (tmp_path / "quizkit.db").chmod(0o444)
    try:
        code, output = run("check", url=url)
    finally:
        (tmp_path / "quizkit.db").chmod(0o644)
    assert code == 1
    assert "is read-only" in output and "answers cannot be saved" in output


def test_upgrade_of_a_damaged_file_exits_non_zero(tmp_path: Path) -> None:
    path = tmp_path / "quizkit.db"
    url = f"sqlite:///{path.as_posix()}"
    run("init", url=url)
    with open_store(url) as store:
        for number in range(400):
            store.upsert_unit(f"单位{number:04d}" * 8)
    data = bytearray(path.read_bytes())
    page = 4096
    data[-3 * page : -2 * page] = b"\xa5" * page  # a data page, not the schema on page 1
    path.write_bytes(bytes(data))
    code, output = run("upgrade", url=url)
    assert code == 1, output
    assert "damaged" in output and "quizkit db backup" in output
    text = tmp_path / "text.db"
    text.write_bytes(b"this is not a database" * 100)
    code, output = run("upgrade", url=f"sqlite:///{text.as_posix()}")
    assert code == 1 and "damaged or is not an SQLite database" in output


def test_backup_never_writes_onto_the_database_files_or_overwrites(tmp_path: Path) -> None:
    db = tmp_path / "quizkit.db"
    url = f"sqlite:///{db.as_posix()}"
    run("init", url=url)
    with open_store(url) as store:
        store.upsert_unit("城关镇")
    for name in ("quizkit.db", "quizkit.db-wal", "quizkit.db-shm", "quizkit.db-journal"):
        code, output = run("backup", str(tmp_path / name), url=url)
        assert code == 1, name
        assert "the database's own file" in output
    with open_store(url) as store:
        assert store.counts()["units"] == 1
    copy = tmp_path / "copy.db"
    copy.write_bytes(b"an earlier backup")
    code, output = run("backup", str(copy), url=url)
    assert code == 1 and "exists; pass --force" in output
    assert copy.read_bytes() == b"an earlier backup"
    code, output = run("backup", str(copy), "--force", url=url)
    assert code == 0, output


def test_check_recomputes_scores_and_names_an_attempt_that_disagrees(tmp_path: Path) -> None:
    url = f"sqlite:///{(tmp_path / 'quizkit.db').as_posix()}"
    from quizkit.store import CadreRecord
    from tests.store.factories import make_answer

    with open_store(url) as store:
        store.upsert_cadre(CadreRecord("c1", "张三", "甲镇"))
        attempt = store.start_attempt("c1", quiz_id="exam", kind="exam")
        store.record_answer(make_answer(attempt.id, "q1"))
        store.finish_attempt(attempt.id)
    code, output = run("check", "--full", url=url)
    assert code == 0, output
    assert "scores: 1 closed attempt(s) recomputed" in output
    with sqlite3.connect(tmp_path / "quizkit.db") as raw:
        raw.execute("UPDATE attempts SET percent = 0.5")
    code, output = run("check", "--sample", "5", url=url)
    assert code == 1
    assert f"stored score disagrees: attempt {attempt.id} (cadre c1): percent 0.5 ≠ 100.0" in output
