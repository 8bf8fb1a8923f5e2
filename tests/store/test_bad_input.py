"""Everything a user can get wrong about the database gives one StoreError that says what to do."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from quizkit.errors import StoreError
from quizkit.project import Project
from quizkit.store import open_store
from tests.databases import PgServer
from tests.store.factories import make_cadre

PROJECT = Path(__file__).resolve().parents[2]


@contextmanager
def unwritable(path: Path) -> Iterator[None]:
    """Make a file or folder unwritable even for root (chattr +i), or by mode for other users."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555 if path.is_dir() else 0o444)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    if shutil.which("chattr") is None:
        pytest.skip("running as root without chattr: cannot make a folder unwritable")
    done = subprocess.run(["chattr", "+i", str(path)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not supported here: {done.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", str(path)], check=True)


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.as_posix()}"


def test_unwritable_results_folder(tmp_path: Path) -> None:
    folder = tmp_path / "results"
    folder.mkdir()
    with unwritable(folder), pytest.raises(StoreError, match="is not writable") as caught:
        open_store(sqlite_url(folder / "quizkit.db"))
    assert "let this user write there" in str(caught.value)
    assert list(folder.iterdir()) == []


def test_results_folder_that_cannot_be_created(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.quizkit]\n", encoding="utf-8")
    monkeypatch.setenv("QUIZKIT_ROOT", str(tmp_path))
    monkeypatch.delenv("QUIZKIT_DB_URL", raising=False)
    monkeypatch.delenv("QUIZKIT_RESULTS", raising=False)
    with unwritable(tmp_path), pytest.raises(StoreError, match="cannot create the results folder"):
        Project.open().store()
    (tmp_path / "results").write_text("not a folder", encoding="utf-8")
    with pytest.raises(StoreError, match="it is a file, not a folder"):
        Project.open().store()


def test_default_url_creates_results_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.quizkit]\n", encoding="utf-8")
    monkeypatch.setenv("QUIZKIT_ROOT", str(tmp_path))
    monkeypatch.delenv("QUIZKIT_DB_URL", raising=False)
    monkeypatch.delenv("QUIZKIT_RESULTS", raising=False)
    with Project.open().store() as store:
        store.upsert_cadre(make_cadre())
        assert store.dialect == "sqlite"
        assert store.url.endswith("/results/quizkit.db")
    assert (tmp_path / "results" / "quizkit.db").is_file()


def test_read_only_database_file(tmp_path: Path) -> None:
    path = tmp_path / "quizkit.db"
    open_store(sqlite_url(path)).close()
    with (
        unwritable(path),
        pytest.raises(StoreError) as caught,
        open_store(sqlite_url(path)) as store,
    ):
        store.upsert_cadre(make_cadre())
    assert "read-only" in str(caught.value) or "cannot open" in str(caught.value)


@pytest.mark.parametrize(
    "content",
    [b"this is a text file, not a database\n" * 50, b"SQLite format 3\x00" + b"\xff" * 8192],
)
def test_corrupt_database_file(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "quizkit.db"
    path.write_bytes(content)
    with pytest.raises(StoreError, match="damaged or is not an SQLite database") as caught:
        open_store(sqlite_url(path))
    assert "quizkit db backup" in str(caught.value)
    assert path.read_bytes() == content  # left as it was


def test_damaged_pages_are_reported_by_the_check(tmp_path: Path) -> None:
    path = tmp_path / "quizkit.db"
    with open_store(sqlite_url(path)) as store:
        store.upsert_cadres(make_cadre(i, name="干部" * 20) for i in range(400))
    data = bytearray(path.read_bytes())
    page = 4096
    assert len(data) > 6 * page
    data[3 * page : 5 * page] = b"\x07" * (2 * page)
    path.write_bytes(bytes(data))
    try:
        with open_store(sqlite_url(path)) as store:
            problems = store.integrity_check()
    except StoreError as error:
        assert "damaged" in str(error)
    else:
        assert problems, "a database with overwritten pages passed its check"


@pytest.mark.parametrize(
    ("url", "message"),
    [
        ("sqlite//results/quizkit.db", "cannot be read"),
        ("", "cannot be read"),
        ("mysql://u:p@localhost/quizkit", "names 'mysql'"),
        ("postgresql+psycopg2://u:p@localhost/quizkit", "driver 'psycopg2'"),
        ("postgresql+psycopg://u:p@127.0.0.1:1/quizkit?connect_timeout=3", "cannot reach"),
        ("postgres://u:p@127.0.0.1:1/quizkit?connect_timeout=3", "cannot reach"),
    ],
)
def test_bad_urls(url: str, message: str) -> None:
    with pytest.raises(StoreError, match=message) as caught:
        open_store(url)
    assert "p@" not in str(caught.value)  # the password is never shown
    assert caught.value.hint


@pytest.mark.postgres
def test_wrong_password_and_missing_database(pg_server: PgServer) -> None:
    from sqlalchemy.engine import make_url

    real = make_url(pg_server.url)
    with pytest.raises(StoreError, match="refused the user or password") as caught:
        open_store(real.set(password="wrong").render_as_string(hide_password=False))
    assert "wrong" not in str(caught.value)
    with pytest.raises(StoreError, match=r"database named in .* does not exist"):
        open_store(real.set(database="no_such_db").render_as_string(hide_password=False))


def test_cli_shows_one_message_not_a_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "quizkit.db"
    bad.write_text("not a database", encoding="utf-8")
    env = {**os.environ, "QUIZKIT_DB_URL": sqlite_url(bad)}
    done = subprocess.run(
        [sys.executable, "-m", "quizkit", "db", "check"],
        cwd=PROJECT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr + done.stdout
    assert "damaged or is not an SQLite database" in done.stderr


def test_relative_sqlite_path_is_taken_from_the_project_root(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.quizkit]\n", encoding="utf-8")
    (tmp_path / "courses").mkdir()
    (tmp_path / "data").mkdir()
    monkeypatch.delenv("QUIZKIT_ROOT", raising=False)
    monkeypatch.chdir(tmp_path / "courses")  # where a lesson's kernel runs
    with Project.open(db_url="sqlite:///data/quizkit.db").store() as store:
        assert store.url == f"sqlite:///{tmp_path / 'data' / 'quizkit.db'}"
    assert (tmp_path / "data" / "quizkit.db").is_file()
    assert not (tmp_path / "courses" / "data").exists()
