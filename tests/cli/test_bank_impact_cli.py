"""`quizkit bank impact` and the review status in `bank stats`, through click's CliRunner."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from click.testing import CliRunner

from quizkit.cli import main
from tests.bank.revisions import FIXTURE, revision


def test_json_then_apply_then_stats(tmp_path: Path) -> None:
    old, new = revision("administrative-reconsideration")
    bank = tmp_path / "bank"
    shutil.copytree(FIXTURE / "bank", bank)
    args = ["bank", "impact", str(old), str(new), "--bank", str(bank)]
    args += ["--courses", str(FIXTURE / "courses")]
    result = CliRunner().invoke(main, [*args, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert [q["question_id"] for q in data["questions"]] == [
        "old-ar-041-foreigners",
        "old-ar-019-prerequisite",
        "old-ar-002-scope",
        "old-ar-008-personnel",
    ]
    assert data["lessons"][0]["fate"] == {
        "old": 19,
        "fate": "moved",
        "new": 34,
        "similarity": data["lessons"][0]["fate"]["similarity"],
    }

    result = CliRunner().invoke(main, [*args, "--apply"])
    assert result.exit_code == 0, result.output
    assert "old-ar-019-prerequisite" in result.stdout
    assert "marked 4 question(s) status: review in 1 file(s)" in result.stderr

    result = CliRunner().invoke(main, ["bank", "stats", str(bank)])
    assert result.exit_code == 0, result.output
    assert "under review (4)" in result.output
    assert "old-ar-008-personnel" in result.output


def test_a_text_without_articles_is_one_clear_message(tmp_path: Path) -> None:
    text = tmp_path / "law.md"
    text.write_text("---\nslug: administrative-licensing\n---\nnothing\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["bank", "impact", str(text), str(text), "--bank", str(FIXTURE / "bank")]
    )
    assert result.exit_code == 1
    assert "no articles found" in result.output
    assert "Traceback" not in result.output


def test_a_bank_with_problems_is_refused_naming_each_place(tmp_path: Path) -> None:
    old, new = revision("administrative-reconsideration")
    bank = tmp_path / "bank"
    shutil.copytree(FIXTURE / "bank", bank)
    broken = next(iter(sorted(bank.glob("*.yaml"))))
    broken.write_text(broken.read_text(encoding="utf-8") + "  - id: [unclosed\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["bank", "impact", str(old), str(new), "--bank", str(bank)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"{broken.as_posix()}:" in result.output or f"{broken}:" in result.output
    assert "quizkit bank check" in result.output
