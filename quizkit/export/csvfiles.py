"""CSV files that open correctly in Excel and WPS on Chinese Windows: UTF-8 with a BOM, CRLF line
ends, every field quoted when needed (pandas' csv module), yes/no as 是/否, missing as empty, and a text
cell a spreadsheet would run as a formula (= + - @) prefixed with ' (:mod:`quizkit.csvsafe`)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from quizkit.atomicfile import replacing
from quizkit.csvsafe import neutralise
from quizkit.export.workbook import YES_NO_COLUMNS
from quizkit.reports import ReportSet

CSV_FILES = {
    "units": "单位汇总",
    "cadres": "人员成绩",
    "absent": "未参考人员",
    "failed": "不合格人员",
    "laws": "法律正确率",
    "tags": "标签正确率",
    "years": "学法档案",
}


def _printable(frame: pd.DataFrame) -> pd.DataFrame:
    out = frame.copy()
    for column in out.columns:
        if column in YES_NO_COLUMNS or pd.api.types.is_bool_dtype(out[column]):
            out[column] = (
                out[column]
                .map(lambda value: "" if pd.isna(value) else ("是" if bool(value) else "否"))
                .astype(object)
            )
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise).astype(object)
    return out


def write_csv(frame: pd.DataFrame, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    with replacing(path) as temporary:
        _printable(frame).to_csv(
            temporary, index=False, encoding="utf-8-sig", lineterminator="\r\n"
        )
    return path


def write_report_csvs(reports: ReportSet, folder: Path) -> list[Path]:
    """One CSV per report, named in Chinese (单位汇总.csv, 人员成绩.csv, …; 学法档案 when built)."""
    written = []
    for attribute, name in CSV_FILES.items():
        frame: pd.DataFrame = getattr(reports, attribute)
        if attribute == "years" and frame.empty:
            continue
        written.append(write_csv(frame, folder / f"{name}.csv"))
    return written


__all__ = ["CSV_FILES", "write_csv", "write_report_csvs"]
