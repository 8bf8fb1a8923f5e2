"""Settings are read in one order: CLI flag > QUIZKIT_* environment > [tool.quizkit] > default."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizkit.errors import SettingsError
from quizkit.grading import MultiPolicy
from quizkit.settings import load_settings


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    for name in ("ROOT", "DB_URL", "PASS_MARK", "MULTI_POLICY", "BANK"):
        monkeypatch.delenv(f"QUIZKIT_{name}", raising=False)
    (tmp_path / "pyproject.toml").write_text(
        '[tool.quizkit]\npass_mark = 70\nbank = "my_bank"\nmulti-policy = "partial"\n',
        encoding="utf-8",
    )
    (tmp_path / "courses").mkdir()
    return tmp_path


def test_defaults_and_pyproject(project: Path) -> None:
    settings = load_settings(project / "courses")  # found by walking up from a lesson's folder
    assert settings.root == project
    assert settings.pass_mark == 70
    assert settings.multi_policy is MultiPolicy.PARTIAL
    assert settings.bank_dir == project / "my_bank"
    assert settings.database_url == "sqlite:///" + (project / "results" / "quizkit.db").as_posix()


def test_environment_beats_pyproject(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZKIT_PASS_MARK", "80")
    monkeypatch.setenv("QUIZKIT_DB_URL", "postgresql+psycopg://u:p@127.0.0.1/x")
    settings = load_settings(project)
    assert settings.pass_mark == 80
    assert settings.database_url.startswith("postgresql+psycopg://")


def test_flag_beats_environment(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZKIT_PASS_MARK", "80")
    assert load_settings(project, pass_mark=90).pass_mark == 90
    assert load_settings(project, pass_mark=None).pass_mark == 80


def test_bad_value_is_one_clear_message(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUIZKIT_MULTI_POLICY", "generous")
    with pytest.raises(SettingsError) as raised:
        load_settings(project)
    assert "multi_policy" in str(raised.value)
    assert "QUIZKIT_MULTI_POLICY" in str(raised.value)


def test_points_per_question_type(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Every type of quizkit.question_types has default points; points-<type> (the older spelling)
    and a [tool.quizkit.points] table set them, QUIZKIT_POINTS_<TYPE> wins; unknown types refused."""
    for name in ("ROOT", "POINTS_FILL", "POINTS_SINGLE", "POINTS_JUDGE"):
        monkeypatch.delenv(f"QUIZKIT_{name}", raising=False)
    (tmp_path / "pyproject.toml").write_text(
        "[tool.quizkit]\npoints-single = 1\n[tool.quizkit.points]\nfill = 4\njudge = 1.5\n",
        encoding="utf-8",
    )
    settings = load_settings(tmp_path)
    assert settings.points == {"single": 1.0, "multiple": 2.0, "judge": 1.5, "fill": 4.0}
    monkeypatch.setenv("QUIZKIT_POINTS_FILL", "3")
    assert load_settings(tmp_path).scoring.points["fill"] == 3.0
    (tmp_path / "pyproject.toml").write_text("[tool.quizkit.points]\nessay = 5\n", encoding="utf-8")
    with pytest.raises(SettingsError, match="no question type essay"):
        load_settings(tmp_path)
