"""The project: one road from settings to the store, the bank and the course."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizkit.project import Project
from quizkit.settings import load_settings


def make_project(folder: Path, db_url: str | None = None) -> Path:
    folder.mkdir(parents=True)
    table = "[tool.quizkit]\n" + (f'db_url = "{db_url}"\n' if db_url else "")
    (folder / "pyproject.toml").write_text(table, encoding="utf-8")
    return folder


def test_settings_for_another_folder_open_that_projects_relative_sqlite_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The exporters load settings for the notebook's folder; a relative db_url there must name
    that project's file, not the working directory's project's."""
    here = make_project(tmp_path / "here", "sqlite:///results/here.db")
    there = make_project(tmp_path / "there", "sqlite:///data/there.db")
    (there / "courses").mkdir()
    monkeypatch.delenv("QUIZKIT_ROOT", raising=False)
    monkeypatch.delenv("QUIZKIT_DB_URL", raising=False)
    monkeypatch.chdir(here)
    settings = load_settings(there / "courses")
    assert settings.database_url == f"sqlite:///{(there / 'data' / 'there.db').as_posix()}"
    (there / "data").mkdir()
    with Project(settings).store() as store:
        assert store.url.endswith("/there/data/there.db")
    assert (there / "data" / "there.db").is_file()
    assert not (here / "results").exists() and not (here / "data").exists()


def test_cli_override_wins_and_absolute_urls_pass_through(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "p", "sqlite:///results/a.db")
    monkeypatch.setenv("QUIZKIT_ROOT", str(root))
    monkeypatch.setenv("QUIZKIT_DB_URL", "sqlite:///env.db")
    assert Project.open().database_url == f"sqlite:///{(root / 'env.db').as_posix()}"
    absolute = f"sqlite:///{(tmp_path / 'abs.db').as_posix()}"
    assert Project.open(db_url=absolute).database_url == absolute
    pg = "postgresql+psycopg://u:p@127.0.0.1:5432/quizkit?connect_timeout=5"
    assert Project.open(db_url=pg).database_url == pg


def test_default_store_creates_results_and_course_is_optional(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_project(tmp_path / "p")
    monkeypatch.setenv("QUIZKIT_ROOT", str(root))
    monkeypatch.delenv("QUIZKIT_DB_URL", raising=False)
    monkeypatch.delenv("QUIZKIT_RESULTS", raising=False)
    project = Project.open()
    assert project.course() is None
    with project.store() as store:
        assert store.dialect == "sqlite"
    assert (root / "results" / "quizkit.db").is_file()
