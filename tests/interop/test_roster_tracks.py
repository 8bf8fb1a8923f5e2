"""The roster's 学习路径 column: read as the course spells the track, refused when unknown, written back
by export, kept in the store, and left alone by a roster without the column."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizkit.interop import apply_roster, plan_roster, read_roster
from quizkit.interop.roster import EXPORT_HEADERS, write_roster
from quizkit.records import CadreRecord
from quizkit.store import Store

TRACKS = ["行政执法人员", "村（社区）干部", "领导干部"]


def _csv(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_track_column_is_read_in_the_courses_spelling(tmp_path: Path) -> None:
    path = _csv(
        tmp_path / "r.csv",
        "工号,姓名,单位,学习路径\n001,张三,城关镇,村(社区)干部\n002,李四,城关镇,\n003,王五,城关镇,领导干部\n",
    )
    roster = read_roster(path, known_tracks=TRACKS)
    assert roster.problems == []
    assert [e.record.track for e in roster.entries] == ["村（社区）干部", None, "领导干部"]


def test_an_unknown_track_is_a_located_problem(tmp_path: Path) -> None:
    path = _csv(tmp_path / "r.csv", "工号,姓名,单位,学习路径\n001,张三,城关镇,执法人员\n")
    roster = read_roster(path, known_tracks=TRACKS)
    assert roster.entries == [] and roster.bad_rows == [2]
    (problem,) = roster.problems
    text = str(problem)
    assert "row 2" in text and "学习路径" in text and "'执法人员'" in text
    assert "行政执法人员" in text  # the choices are listed


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_export_and_import_round_trip_keeps_the_track(tmp_path: Path, suffix: str) -> None:
    cadres = [
        CadreRecord("001", "张三", "城关镇", "科员", track="行政执法人员"),
        CadreRecord("002", "李四", "河西村", "主任", track="村（社区）干部"),
        CadreRecord("003", "王五", "城关镇", "镇长"),
    ]
    path = write_roster(cadres, {"河西村": "城关镇"}, tmp_path / f"out{suffix}")
    assert "学习路径" in EXPORT_HEADERS
    back = read_roster(path, known_tracks=TRACKS)
    assert back.problems == []
    assert [entry.record for entry in back.entries] == cadres


def test_store_keeps_the_track_and_a_roster_without_the_column_leaves_it(
    store: Store, tmp_path: Path
) -> None:
    first = _csv(
        tmp_path / "v1.csv", "工号,姓名,单位,学习路径\n001,张三,城关镇,领导干部\n002,李四,城关镇,\n"
    )
    apply_roster(store, plan_roster(read_roster(first, known_tracks=TRACKS), [], {}))
    assert store.get_cadre("001") == CadreRecord("001", "张三", "城关镇", track="领导干部")
    assert store.cadres_frame().set_index("cadre_id")["track"].isna().to_dict() == {
        "001": False,
        "002": True,
    }
    second = _csv(
        tmp_path / "v2.csv", "工号,姓名,单位,职务\n001,张三,城关镇,镇长\n002,李四,城关镇,\n"
    )
    plan = plan_roster(read_roster(second), store.find_cadres(), {})
    apply_roster(store, plan)
    kept = store.get_cadre("001")
    assert kept is not None and (kept.position, kept.track) == ("镇长", "领导干部")
