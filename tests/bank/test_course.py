"""The course catalogue's tracks (学习路径): loaded, resolved for a cadre, and refused when they name
lessons or tracks that do not exist (file, line and item in the message)."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizkit.bank import load_course
from quizkit.errors import BankError
from tests.conftest import PROJECT

HEAD = """\
schema_version: 1
title: 测试课程
lessons:
  - {id: L1, title: 一, notebook: 01.ipynb, hours: 2}
  - {id: L2, title: 二, notebook: 02.ipynb, hours: 1.5}
  - {id: L3, title: 三, notebook: 03.ipynb, hours: 1}
"""
TRACKS = """\
tracks:
  - name: 行政执法人员
    required: [L1, L2]
    optional: [L3]
  - name: 村（社区）干部
    required: [L3]
"""


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "course.yaml").write_text(text, encoding="utf-8")
    return tmp_path


def test_tracks_load_with_required_hours_from_the_lessons(tmp_path: Path) -> None:
    course = load_course(write(tmp_path, HEAD + TRACKS))
    enforcement = course.track("行政执法人员")
    assert enforcement is not None
    assert course.required_hours(enforcement) == 3.5  # L1 2 h + L2 1.5 h
    village = course.track("村(社区)干部")  # ASCII brackets name the same track
    assert village is not None and village.name == "村（社区）干部"
    assert course.required_hours(village) == 1.0


def test_a_cadres_track_roster_then_unit_then_default(tmp_path: Path) -> None:
    text = (
        HEAD
        + TRACKS
        + "default_track: 村（社区）干部\nunit_tracks:\n  城关镇执法队: 行政执法人员\n"
    )
    course = load_course(write(tmp_path, text))
    parents = {"执法一中队": "城关镇执法队", "城关镇执法队": "城关镇", "城关镇": None}

    def name(stored: str | None, unit: str) -> str | None:
        track = course.track_for(stored, unit, parents)
        return track.name if track else None

    assert name("村（社区）干部", "城关镇执法队") == "村（社区）干部"  # the roster wins
    assert name(None, "城关镇执法队") == "行政执法人员"
    assert name("", "执法一中队") == "行政执法人员"  # from the unit above
    assert name(None, "城关镇") == "村（社区）干部"  # the default
    assert load_course(write(tmp_path, HEAD + TRACKS)).track_for(None, "城关镇") is None


@pytest.mark.parametrize(
    ("tail", "line", "item", "words"),
    [
        (
            TRACKS.replace("[L1, L2]", "[L1, L9]"),
            9,
            "tracks[0] 行政执法人员",
            "'L9' does not exist",
        ),
        (
            TRACKS.replace("[L3]\n  - name", "[L3, L1]\n  - name"),
            10,
            "行政执法人员",
            "listed twice",
        ),
        (TRACKS.replace("村（社区）干部", "行政执法人员"), 11, "tracks[1]", "used twice"),
        (TRACKS + "default_track: 领导干部\n", 13, "default_track", "no track '领导干部'"),
        (TRACKS + "unit_tracks:\n  河口乡: 领导\n", 14, "unit_tracks.河口乡", "no track '领导'"),
        (TRACKS.replace("    required: [L3]\n", ""), 11, "tracks.1.required", "Field required"),
    ],
)
def test_bad_tracks_are_named_with_file_and_line(
    tmp_path: Path, tail: str, line: int, item: str, words: str
) -> None:
    with pytest.raises(BankError) as caught:
        load_course(write(tmp_path, HEAD + tail))
    message = str(caught.value)
    assert f"course.yaml:{line}:" in message, message
    assert item in message and words in message, message


def test_the_real_tracks_resolve_to_existing_lessons() -> None:
    course = load_course(PROJECT / "courses")
    lessons = {lesson.id for lesson in course.lessons}
    assert {"行政执法人员", "村（社区）干部", "领导干部"} <= {track.name for track in course.tracks}
    for track in course.tracks:
        assert set(track.required) <= lessons and set(track.optional) <= lessons, track.name
        assert not set(track.required) & set(track.optional), track.name
        assert course.required_hours(track) == sum(
            lesson.hours for lesson in course.lessons if lesson.id in track.required
        )
