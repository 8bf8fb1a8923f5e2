"""`quizkit bank check|stats|schema` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner

from quizkit.cli import main
from tests.factories import judge_data, question_data, write_bank


def test_check_ok_and_failing(tmp_path: Path) -> None:
    good = tmp_path / "good"
    write_bank(good, [question_data(), judge_data()])
    result = CliRunner().invoke(main, ["bank", "check", str(good)])
    assert result.exit_code == 0, result.output
    assert "OK: 2 questions" in result.output

    bad = tmp_path / "bad"
    path = write_bank(bad, [question_data(answer="Q")])
    result = CliRunner().invoke(main, ["bank", "check", str(bad)])
    assert result.exit_code == 1
    assert (
        f"{path.as_posix()}:12: xk-042-deadline: answer 'Q' is not among the options"
        in result.output
    )
    assert "Traceback" not in result.output


def test_check_with_missing_laws_dir(tmp_path: Path) -> None:
    write_bank(tmp_path, [question_data()])
    result = CliRunner().invoke(main, ["bank", "check", str(tmp_path), "--laws", str(tmp_path)])
    assert result.exit_code == 1
    assert "no index.yaml here" in result.output


def test_stats_table(tmp_path: Path) -> None:
    write_bank(tmp_path, [question_data(), judge_data()])
    result = CliRunner().invoke(main, ["bank", "stats", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert "administrative-licensing" in result.output


def test_schema_is_json(tmp_path: Path) -> None:
    target = tmp_path / "bank.schema.json"
    result = CliRunner().invoke(main, ["bank", "schema", "-o", str(target)])
    assert result.exit_code == 0
    schema = json.loads(target.read_text(encoding="utf-8"))
    assert "questions" in schema["properties"]
