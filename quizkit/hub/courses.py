"""The courses on each cadre's server: read-only links from the cadre's home to the shared folder.

A cadre's server runs in their own 0700 home, so ``home.ipynb`` and the lessons must appear there.
Before each start the hub (root) puts one symbolic link per entry of the project's ``courses/`` into
the home (``~/home.ipynb → /srv/quizkit/project/courses/home.ipynb``, ``~/exam → …/courses/exam``),
so the landing page ``/voila/render/home.ipynb``, the lessons' relative links and the app template's
"返回课程首页" all work unchanged. The targets stay owned by root and not writable by others: a cadre
reads them and cannot change them (JupyterLab's save fails); an edited course reaches every cadre at
once, and a lesson added to the folder gets its link at the next start. Links the hub made earlier
that point into the folder but whose target is gone are removed. A name the cadre uses for a file of
their own is left alone. ``trainer/`` is linked for trainers (hub admins) only.

Only links are made, never a file written through one: ``os.symlink`` fails on an existing name and
``os.unlink`` on a link removes the link, so a cadre's own link planted in the home cannot turn the
hub's root rights against another file. The kernel finds the project's course catalogue through
``QUIZKIT_COURSES`` (absolute) and keeps its own files (``results/``: the pending-answer spool) in
the home through ``QUIZKIT_ROOT``; it never reads the project's ``pyproject.toml``.
"""

from __future__ import annotations

import os
from pathlib import Path

TRAINER_FOLDER = "trainer"


def course_entries(courses: Path, *, trainer: bool) -> list[Path]:
    """What is linked: every visible entry of the folder (``trainer/`` only for trainers)."""
    return sorted(
        entry
        for entry in courses.iterdir()
        if not entry.name.startswith(".") and (trainer or entry.name != TRAINER_FOLDER)
    )


def link_courses(courses: Path, home: Path, uid: int, gid: int, *, trainer: bool) -> list[str]:
    """Link the courses into ``home`` (links owned by the cadre); the names linked now."""
    courses = courses.resolve()
    made = []
    wanted = {entry.name: entry for entry in course_entries(courses, trainer=trainer)}
    for existing in home.iterdir():
        if existing.is_symlink() and existing.name not in wanted:
            target = Path(os.readlink(existing))
            if target.parent == courses and not target.exists():
                existing.unlink()  # a lesson taken out of the folder
    for name, entry in wanted.items():
        link = home / name
        if link.is_symlink():
            if Path(os.readlink(link)) == entry:
                continue
            if Path(os.readlink(link)).parent != courses:
                continue  # the cadre's own link: theirs to keep
            link.unlink()  # the project moved or the entry changed
        elif link.exists():
            continue  # the cadre's own file of that name
        os.symlink(entry, link)
        os.lchown(link, uid, gid)
        made.append(name)
    return made


def course_environment(courses: Path, home: Path) -> dict[str, str]:
    """What the cadre's kernels need to find the catalogue and keep their own files at home."""
    return {"QUIZKIT_ROOT": str(home), "QUIZKIT_COURSES": str(courses.resolve())}


__all__ = ["TRAINER_FOLDER", "course_entries", "course_environment", "link_courses"]
