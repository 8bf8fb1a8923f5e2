"""`quizkit bank template|import|export` through CliRunner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from quizkit.bank import load_bank
from quizkit.cli import main
from tests.factories import judge_data, question_data, write_bank


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project with a two-question bank; settings resolve against it."""
    (tmp_path / "pyproject.toml").write_text("[tool.quizkit]\n", encoding="utf-8")
    write_bank(tmp_path / "question_bank", [question_data(), judge_data()])
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("QUIZKIT_ROOT", raising=False)
    monkeypatch.delenv("QUIZKIT_LAWS", raising=False)
    return tmp_path


def _run(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(main, ["bank", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.output


def test_export_import_round_trip_and_warnings(project: Path) -> None:
    code, output = _run("export", "aiken", "out.txt")
    assert code == 0, output
    assert "warning: Aiken cannot carry 'cite': lost for 2: xk-042-deadline, xk-042-judge" in output
    code, output = _run("export", "gift", "out.gift")
    assert code == 0
    assert "warning: GIFT cannot carry 'difficulty'" in output
    code, output = _run("import", "out.gift", "--law", "administrative-licensing", "-o", "new.yaml")
    assert code == 0, output
    assert "wrote new.yaml: 2 questions, 0 case groups" in output
    assert (
        "read out.gift as UTF-8: 2 questions (行政机关作出行政许可决定的一般期限是自受…" in output
    )
    assert "already in use; imported as imp-" in output  # the project's bank has these ids
    new = load_bank(project / "new.yaml")
    old = load_bank(project / "question_bank")
    assert sorted(q.stem for q in new.questions()) == sorted(q.stem for q in old.questions())
    assert not set(new.entries) & set(old.entries)
    code, output = _run("import", "out.gift", "--law", "administrative-licensing", "-o", "new.yaml")
    assert code == 1
    assert "exists; pass --force" in output


def test_import_with_problems_writes_only_with_draft(project: Path) -> None:
    code, output = _run("export", "aiken", "out.txt")
    code, output = _run("import", "out.txt", "--law", "administrative-licensing", "-o", "a.yaml")
    assert code == 1
    assert "out.txt:1: imp-" in output and "cite.article is missing" in output
    assert "nothing written" in output
    assert not (project / "a.yaml").exists()
    code, output = _run(
        "import", "out.txt", "--law", "administrative-licensing", "-o", "a.yaml", "--draft"
    )
    assert code == 0, output
    assert "problem(s) to fix before `quizkit bank check` passes" in output
    assert (project / "a.yaml").is_file()


def test_laws_folder_without_index_is_refused(project: Path) -> None:
    _run("export", "gift", "out.gift")
    code, output = _run(
        "import", "out.gift", "--law", "administrative-licensing", "-o", "n.yaml", "--laws", "."
    )
    assert code == 1
    assert "no index.yaml here" in output


def test_template_then_import_of_a_file_without_questions(project: Path) -> None:
    code, output = _run("template", "t.xlsx")
    assert code == 0
    assert (project / "t.xlsx").is_file()
    code, output = _run("import", "t.xlsx", "--law", "administrative-licensing", "-o", "t.yaml")
    assert code == 1
    assert "no questions found" in output


def test_export_moodle_and_xlsx(project: Path) -> None:
    for fmt, name in (("moodle", "b.xml"), ("xlsx", "b.xlsx")):
        code, output = _run("export", fmt, name, "question_bank")
        assert code == 0, output
        assert f"wrote {name}: 2 questions" in output
