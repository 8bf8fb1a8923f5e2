"""Report CSVs: a cell that a spreadsheet would run as a formula is neutralised."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd

from quizkit.export.csvfiles import write_csv


def test_formula_cells_are_neutralised_and_numbers_left_alone(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {
            "姓名": ["=1+1", "@x", "张三"],
            "单位": ["-城关镇", "\t河西", "+1"],
            "得分": [-5.0, 80.0, 1.0],
        }
    )
    path = write_csv(frame, tmp_path / "人员成绩.csv")
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1:] == [
        ["'=1+1", "'-城关镇", "-5.0"],
        ["'@x", "'\t河西", "80.0"],
        ["张三", "'+1", "1.0"],
    ]
