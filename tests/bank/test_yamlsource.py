"""The bank's YAML reader: no anchors or aliases (a 306 KB file once expanded to 600 MB), a size limit
per file, and no parse cache a learner's process could plant code in."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizkit.bank import load_bank, read_bank, yamlsource
from quizkit.bank.yamlsource import load_yaml
from tests.factories import question_data, write_bank

BOMB = """\
a: &a ["x", "x", "x", "x", "x", "x", "x", "x", "x"]
b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]
c: [*b, *b, *b, *b, *b, *b, *b, *b, *b]
"""


def test_anchors_and_aliases_are_refused_at_their_line(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(BOMB, encoding="utf-8")
    _, problems = load_yaml(path)
    messages = [(p.line, p.message.split(":")[0]) for p in problems]
    assert (1, "YAML anchor &a is not allowed in a bank file") in messages
    assert (2, "YAML alias *a is not allowed in a bank file") in messages
    assert (3, "YAML alias *b is not allowed in a bank file") in messages


def test_a_file_over_the_size_limit_is_refused_with_a_clear_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write_bank(tmp_path / "bank", [question_data()])
    monkeypatch.setattr(yamlsource, "MAX_FILE_BYTES", 100)
    _, problems = read_bank([tmp_path / "bank"])
    assert [p.message for p in problems] == [
        f"the file is {path.stat().st_size:,} bytes; a bank file may be at most 100 bytes: "
        "split it (one file per law, or per chapter)"
    ]


def test_loading_the_bank_writes_nothing(tmp_path: Path) -> None:
    """The old parse cache was a pickle in results/: whoever can write there could run code in the
    office's `quizkit report`. Nothing is cached now, so nothing is read back."""
    write_bank(tmp_path / "bank", [question_data()])
    before = sorted(tmp_path.rglob("*"))
    assert len(load_bank(tmp_path / "bank")) == 1
    assert sorted(tmp_path.rglob("*")) == before
    assert not hasattr(yamlsource, "pickle")
