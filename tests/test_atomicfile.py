"""Files are written whole or not at all: the old file survives a failure, no temporary is left."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizkit.atomicfile import replacing, write_bytes, write_text


def test_a_failed_write_keeps_the_old_file_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "roster.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        write_text(target, "张三\n𠈌", encoding="gbk")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["roster.csv"]
    with pytest.raises(RuntimeError), replacing(target) as temporary:
        temporary.write_bytes(b"half")
        raise RuntimeError("disk full")
    assert target.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["roster.csv"]


def test_a_complete_write_replaces_the_file(tmp_path: Path) -> None:
    target = tmp_path / "a.txt"
    write_text(target, "一\n二", newline="\r\n")
    assert target.read_bytes() == "一\r\n二".encode()
    write_bytes(target, b"x")
    assert target.read_bytes() == b"x"
    assert [p.name for p in tmp_path.iterdir()] == ["a.txt"]
