"""The real question_bank/ passes the checker, with quotes verified against ../shared/laws."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from quizkit.cli import main
from tests.conftest import PROJECT


def test_real_bank_passes_checker_with_laws(laws_dir: Path) -> None:
    result = CliRunner().invoke(
        main, ["bank", "check", str(PROJECT / "question_bank"), "--laws", str(laws_dir)]
    )
    assert result.exit_code == 0, result.output
    assert "quotes verified" in result.output
