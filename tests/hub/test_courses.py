"""The courses reach each server as links from the home to the shared, read-only folder."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from quizkit.hub.courses import course_environment, link_courses
from quizkit.settings import load_settings


def courses_folder(base: Path) -> Path:
    courses = base / "project" / "courses"
    (courses / "exam").mkdir(parents=True)
    (courses / "trainer").mkdir()
    for name in ("home.ipynb", "01-a.ipynb", "course.yaml", "exam/mistakes.ipynb"):
        (courses / name).write_text("{}", encoding="utf-8")
    (courses / ".ipynb_checkpoints").mkdir()
    return courses


def test_a_cadre_gets_a_link_for_every_course_entry_but_the_trainers(tmp_path: Path) -> None:
    courses, home = courses_folder(tmp_path), tmp_path / "home" / "zhangsan01"
    home.mkdir(parents=True)
    made = link_courses(courses, home, os.getuid(), os.getgid(), trainer=False)
    assert made == ["01-a.ipynb", "course.yaml", "exam", "home.ipynb"]
    assert (home / "home.ipynb").is_symlink()
    assert (home / "home.ipynb").resolve() == (courses / "home.ipynb").resolve()
    assert (home / "exam" / "mistakes.ipynb").is_file()
    assert not (home / "trainer").exists() and not (home / ".ipynb_checkpoints").exists()
    assert link_courses(courses, home, os.getuid(), os.getgid(), trainer=False) == []  # again
    assert "trainer" in link_courses(courses, home, os.getuid(), os.getgid(), trainer=True)


def test_a_cadres_own_files_stay_and_links_to_removed_lessons_go(tmp_path: Path) -> None:
    courses, home = courses_folder(tmp_path), tmp_path / "home" / "lisi02"
    home.mkdir(parents=True)
    (home / "01-a.ipynb").write_text("mine", encoding="utf-8")  # the cadre's own file
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("x", encoding="utf-8")
    (home / "home.ipynb").symlink_to(elsewhere)  # the cadre's own link: not followed, not replaced
    link_courses(courses, home, os.getuid(), os.getgid(), trainer=False)
    assert (home / "01-a.ipynb").read_text(encoding="utf-8") == "mine"
    assert (home / "home.ipynb").resolve() == elsewhere and elsewhere.read_text(
        encoding="utf-8"
    ) == "x"
    (courses / "02-b.ipynb").write_text("{}", encoding="utf-8")
    assert link_courses(courses, home, os.getuid(), os.getgid(), trainer=False) == ["02-b.ipynb"]
    (courses / "02-b.ipynb").unlink()
    link_courses(courses, home, os.getuid(), os.getgid(), trainer=False)
    assert not os.path.lexists(home / "02-b.ipynb")


def test_the_kernel_finds_the_catalogue_and_keeps_its_files_at_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    courses, home = courses_folder(tmp_path), tmp_path / "home" / "wangwu03"
    home.mkdir(parents=True)
    locked = tmp_path / "project" / "pyproject.toml"
    locked.write_text("[tool.quizkit]\n", encoding="utf-8")
    locked.chmod(0)  # a cadre cannot read it
    for name, value in course_environment(courses, home).items():
        monkeypatch.setenv(name, value)
    settings = load_settings(courses / "exam")  # a page's kernel runs in the linked folder
    assert settings.root == home.resolve()
    assert settings.courses_dir == courses.resolve()
    assert settings.results_dir == home.resolve() / "results"
