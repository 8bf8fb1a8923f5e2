"""The course catalogue (courses/course.yaml): lessons, their notebooks, study hours, laws and tracks.

A track (学习路径) is the set of lessons one group of cadres sits: 行政执法人员, 村（社区）干部, 领导干部….
Each lists required and optional lessons; its required 学时 are the hours of its required lessons.
A cadre's track is, in this order: the roster's 学习路径 column; the track of the cadre's unit (or the
nearest unit above it) in ``unit_tracks``; ``default_track``; else none. Track names are compared after
NFKC normalisation, so 村(社区)干部 typed with ASCII brackets names 村（社区）干部.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from quizkit.bank.yamlsource import YamlList, YamlMap, load_yaml
from quizkit.errors import BankError, Problem

COURSE_FILE = "course.yaml"


class Lesson(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    id: str
    title: str
    notebook: str
    hours: float = Field(ge=0)
    law: str | None = None


class Track(BaseModel):
    """学习路径: the lessons one group of cadres must (required) and may (optional) study."""

    model_config = ConfigDict(extra="forbid", frozen=True)
    name: str = Field(min_length=1)
    description: str = ""
    required: list[str] = Field(min_length=1)
    optional: list[str] = Field(default_factory=list)


def track_key(name: str) -> str:
    """How track names are compared: NFKC (full-width brackets = ASCII ones), no outer spaces."""
    return unicodedata.normalize("NFKC", name).strip()


class Course(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)
    schema_version: int = 1
    title: str
    lessons: list[Lesson]
    tracks: list[Track] = Field(default_factory=list)
    default_track: str | None = None
    unit_tracks: dict[str, str] = Field(default_factory=dict)

    def lesson(self, lesson_id: str) -> Lesson | None:
        return next((lesson for lesson in self.lessons if lesson.id == lesson_id), None)

    def lesson_for_law(self, law: str | None) -> Lesson | None:
        """The lesson that teaches ``law`` (named quizzes of that law's file belong to it)."""
        return next((lesson for lesson in self.lessons if law and lesson.law == law), None)

    def lesson_for_notebook(self, notebook: str | Path) -> Lesson | None:
        name = Path(notebook).name
        return next((lesson for lesson in self.lessons if lesson.notebook == name), None)

    @property
    def hours(self) -> dict[str, float]:
        return {lesson.id: lesson.hours for lesson in self.lessons}

    def track(self, name: str | None) -> Track | None:
        """The track called ``name`` (compared by :func:`track_key`), else None."""
        if not name or not name.strip():
            return None
        key = track_key(name)
        return next((track for track in self.tracks if track_key(track.name) == key), None)

    def required_hours(self, track: Track) -> float:
        """The 学时 a track requires: the hours of its required lessons."""
        hours = self.hours
        return float(sum(hours.get(lesson, 0.0) for lesson in track.required))

    def track_for(
        self, stored: str | None, unit: str | None, parents: Mapping[str, str | None] | None = None
    ) -> Track | None:
        """A cadre's track: the roster's, else the unit's (or an upper unit's), else the default."""
        if stored and stored.strip():
            return self.track(stored)
        seen: set[str] = set()
        while unit and unit not in seen:
            seen.add(unit)
            if unit in self.unit_tracks:
                return self.track(self.unit_tracks[unit])
            unit = (parents or {}).get(unit)
        return self.track(self.default_track)


def _located(data: Any, key: str) -> tuple[Any, int | None]:
    """``data[key]`` and its line, when data is a mapping from the YAML reader."""
    if not isinstance(data, dict) or key not in data:
        return None, None
    lines = data.key_lines if isinstance(data, YamlMap) else {}
    return data[key], lines.get(key)


def _item_line(items: Any, index: int, fallback: int | None) -> int | None:
    if isinstance(items, YamlList) and index < len(items.item_lines):
        return items.item_lines[index]
    return fallback


def _line_of(data: Any, loc: tuple[Any, ...]) -> int | None:
    """The line of the deepest value of ``loc`` the YAML reader located."""
    line = getattr(data, "line", None)
    for step in loc:
        if isinstance(data, YamlMap) and step in data:
            line, data = data.key_lines.get(str(step), line), data[step]
        elif isinstance(data, YamlList) and isinstance(step, int) and step < len(data):
            line, data = _item_line(data, step, line), data[step]
        else:
            break
    return line


def _track_problems(file: str, data: Any, course: Course) -> Iterator[Problem]:
    """Every track, default and unit mapping names things that exist; no lesson twice in a track."""
    lessons = {lesson.id for lesson in course.lessons}
    hint = "use a lesson id listed under lessons:"
    raw_tracks, tracks_line = _located(data, "tracks")
    names: dict[str, str] = {}
    for index, track in enumerate(course.tracks):
        raw = raw_tracks[index] if isinstance(raw_tracks, list) else None
        line = _item_line(raw_tracks, index, tracks_line)
        where = f"tracks[{index}] {track.name}"
        key = track_key(track.name)
        if key in names:
            yield Problem(file, line, where, f"the track name is used twice ({names[key]})")
        names.setdefault(key, f"first at line {line}")
        seen: set[str] = set()
        for field in ("required", "optional"):
            items, field_line = _located(raw, field)
            for position, lesson in enumerate(getattr(track, field)):
                at = _item_line(items, position, field_line or line)
                if lesson not in lessons:
                    message = f"{field} lesson '{lesson}' does not exist; {hint}"
                    yield Problem(file, at, where, message)
                elif lesson in seen:
                    yield Problem(file, at, where, f"lesson '{lesson}' is listed twice")
                seen.add(lesson)
    known = ", ".join(track.name for track in course.tracks) or "(none: add tracks:)"
    default, default_line = _located(data, "default_track")
    if default is not None and course.track(course.default_track) is None:
        yield Problem(file, default_line, "default_track", f"no track '{default}'; one of: {known}")
    mapping, mapping_line = _located(data, "unit_tracks")
    for unit, name in course.unit_tracks.items():
        line = mapping.key_lines.get(unit) if isinstance(mapping, YamlMap) else mapping_line
        if course.track(name) is None:
            yield Problem(file, line, f"unit_tracks.{unit}", f"no track '{name}'; one of: {known}")


def load_course(courses_dir: Path) -> Course:
    """Read courses/course.yaml; problems raise :class:`BankError` with file, line and item."""
    path = courses_dir / COURSE_FILE
    data, problems = load_yaml(path)
    if problems:
        raise BankError(problems)
    try:
        course = Course.model_validate(data)
    except ValidationError as error:
        detail = error.errors()[0]
        where = ".".join(str(p) for p in detail["loc"])
        line = _line_of(data, detail["loc"])
        raise BankError([Problem(path.as_posix(), line, where, detail["msg"])]) from error
    found = list(_track_problems(path.as_posix(), data, course))
    if found:
        raise BankError(found)
    return course
