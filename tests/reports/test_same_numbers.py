"""Same numbers: every report figure of the known store, in every scope and policy below, is the one
recorded in golden/known_reports.json — written by the reports as they were before scores were kept
on attempts and answers were aggregated in the database (commit 26d9fd2). A change that moves a
single figure fails here, on SQLite and on PostgreSQL alike.

To record the figures again after an intended change of a figure (not of speed), run
``python -m tests.reports.test_same_numbers`` and review the diff of the JSON file.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pandas as pd

from quizkit.bank import Bank, Course
from quizkit.reports import ReportScope, ReportSet, build_reports
from tests.reports.conftest import Known

GOLDEN = Path(__file__).resolve().parent / "golden" / "known_reports.json"
FRAMES = ("cadres", "units", "absent", "failed", "laws", "tags", "years")
#: (name, session code or None, year, policy overrides)
SCENARIOS: list[tuple[str, str | None, int | None, dict[str, Any]]] = [
    ("session", "2026-exam", None, {}),
    ("session-last", "2026-exam", None, {"counting": "last"}),
    ("session-first-no-makeup", "2026-exam", None, {"counting": "first", "include_makeup": False}),
    (
        "session-replace-expected",
        "2026-exam",
        None,
        {"makeup_counting": "replace", "denominator": "expected", "excellent_mark": 85.0},
    ),
    ("session-2025", "2025-exam", None, {}),
    ("year-2025", None, 2025, {}),
    ("year-2026", None, 2026, {}),
    ("everything", None, None, {}),
]


def _cell(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return [_cell(item) for item in value]
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):  # numpy scalars
        return _cell(value.item())
    if isinstance(value, float):
        return round(value, 9)
    return value


def figures(reports: ReportSet) -> dict[str, Any]:
    """Every frame of a ReportSet as columns and rows of plain values, and the policy line."""
    found: dict[str, Any] = {"policy": reports.policy.describe()}
    for name in FRAMES:
        frame: pd.DataFrame = getattr(reports, name)
        found[name] = {
            "columns": [str(column) for column in frame.columns],
            "rows": [[_cell(value) for value in row] for row in frame.itertuples(index=False)],
        }
    return found


def all_figures(known: Known, bank: Bank, course: Course) -> dict[str, Any]:
    result = {}
    for name, code, year, overrides in SCENARIOS:
        scope = ReportScope(session_id=known.sessions[code] if code else None, year=year)
        reports = build_reports(
            known.store, known.settings, scope, course=course, bank=bank, **overrides
        )
        result[name] = figures(reports)
    return result


def test_every_report_figure_is_unchanged(known: Known, bank: Bank, course: Course) -> None:
    expected = json.loads(GOLDEN.read_text(encoding="utf-8"))
    found = all_figures(known, bank, course)
    assert list(found) == list(expected)
    for name in expected:
        for part in expected[name]:
            assert found[name][part] == expected[name][part], (name, part)


def _record() -> None:  # pragma: no cover - run by hand, see the module docstring
    import tempfile

    from quizkit.settings import Settings
    from quizkit.store import open_store
    from tests.reports.conftest import KNOWN_COURSE, known_bank
    from tests.reports.known import build_known_store

    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp)
        store = open_store(f"sqlite:///{(folder / 'quizkit.db').as_posix()}")
        try:
            known = Known(
                store,
                build_known_store(store),
                Settings(root=folder, results=folder / "results"),
            )
            found = all_figures(known, known_bank(folder / "bank"), KNOWN_COURSE)
        finally:
            store.close()
    GOLDEN.write_text(
        json.dumps(found, ensure_ascii=False, indent=1, sort_keys=False) + "\n", encoding="utf-8"
    )


if __name__ == "__main__":
    _record()
