"""Required 学时 by track (学习路径) in the per-cadre table and the year view (学法档案), on a copy of
the known store whose cadres carry tracks in the store itself. Expected figures are worked by hand:

    course: L0 0.5 h, L1 2 h, L2 1.5 h
    tracks: 执法 required L1, L2 (due 3.5 h); 村干部 required L0, L2 (due 2.0 h)
            unit_tracks 城关镇司法所 → 村干部; default_track none (then 执法 in the last test)
    completed (tests/reports/known.py): c01 L0, L1, L2; c02 L1; nobody else

    c01 城关镇 roster 执法     → done L1+L2 = 3.5 of 3.5
    c02 城关镇 roster 村干部   → done 0 (L1 is not required) of 2.0
    c03 城关镇 no track        → —
    c06 城关镇司法所 (unit)    → 村干部, 0 of 2.0
    c08 河口乡 no track        → — ; with default_track 执法: 0 of 3.5
"""

from __future__ import annotations

import math
from dataclasses import replace
from datetime import datetime
from pathlib import Path

import pandas as pd

from quizkit.bank import Bank, Course, Track
from quizkit.reports import ReportPolicy, cadre_report, lesson_plan, load_report_data, year_report
from quizkit.store import Store, open_store
from tests.reports.conftest import KNOWN_COURSE
from tests.reports.known import build_known_store

TRACKED = KNOWN_COURSE.model_copy(
    update={
        "tracks": [
            Track(name="执法", required=["L1", "L2"], optional=["L0"]),
            Track(name="村干部", required=["L0", "L2"]),
        ],
        "unit_tracks": {"城关镇司法所": "村干部"},
    }
)
EXPECTED = {
    "c01": ("执法", 3.5, 3.5),
    "c02": ("村干部", 0.0, 2.0),
    "c03": ("", None, None),
    "c06": ("村干部", 0.0, 2.0),
    "c08": ("", None, None),
}


def tracked_store(folder: Path) -> Store:
    store = open_store(f"sqlite:///{(folder / 'quizkit.db').as_posix()}")
    build_known_store(store)
    for cadre, track in (("c01", "执法"), ("c02", "村干部")):
        found = store.get_cadre(cadre)
        assert found is not None
        store.upsert_cadre(replace(found, track=track))
    return store


def figures(table: pd.DataFrame, cadre: str) -> tuple[str, float | None, float | None]:
    row = table.set_index("编号").loc[cadre]
    done, due = row["必修已修学时"], row["必修应修学时"]
    return (
        row["学习路径"],
        None if pd.isna(done) else float(done),
        None if pd.isna(due) else float(due),
    )


def same(
    got: tuple[str, float | None, float | None], want: tuple[str, float | None, float | None]
) -> bool:
    if got[0] != want[0]:
        return False
    return all(
        (g is None and w is None) or (g is not None and w is not None and math.isclose(g, w))
        for g, w in zip(got[1:], want[1:], strict=True)
    )


def test_cadre_report_required_hours_by_track(tmp_path: Path, bank: Bank) -> None:
    with tracked_store(tmp_path) as store:
        data = load_report_data(store)
    table = cadre_report(
        data, ReportPolicy(), plan=lesson_plan(TRACKED, bank), hours=TRACKED.hours, course=TRACKED
    )
    for cadre, want in EXPECTED.items():
        assert same(figures(table, cadre), want), (cadre, figures(table, cadre), want)


def test_year_view_shows_required_hours_done_and_due(tmp_path: Path, bank: Bank) -> None:
    with tracked_store(tmp_path) as store:
        data = load_report_data(store)
    with_default = TRACKED.model_copy(update={"default_track": "执法"})
    archive = year_report(
        data,
        ReportPolicy(),
        plan=lesson_plan(TRACKED, bank),
        hours=TRACKED.hours,
        course=with_default,
    )
    this_year = archive[archive["年度"] == datetime.now().year]
    assert same(figures(this_year, "c01"), ("执法", 3.5, 3.5))
    assert same(figures(this_year, "c06"), ("村干部", 0.0, 2.0))
    assert same(figures(this_year, "c08"), ("执法", 0.0, 3.5))  # the default track
    earlier = archive[archive["年度"] == 2025]  # c01's 2025 exam: no lesson that year
    assert same(figures(earlier, "c01"), ("执法", 0.0, 3.5))


def test_without_tracks_the_columns_are_empty(tmp_path: Path, bank: Bank) -> None:
    with tracked_store(tmp_path) as store:
        data = load_report_data(store)
    table = cadre_report(data, ReportPolicy(), course=Course(title="无路径", lessons=[]))
    assert set(table["学习路径"]) == {""}
    assert table["必修应修学时"].isna().all()
