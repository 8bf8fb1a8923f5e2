"""The project: one road from settings to the results store, the bank and the course.

Every entry point (a lesson's kernel, the CLI, an nbconvert exporter, a trainer's notebook) opens the
project once from one :class:`~quizkit.settings.Settings` and asks it for what it needs::

    project = Project.open()                  # settings read in the usual order
    with project.store() as store: ...        # the URL resolved against *this* project's root
    bank = project.bank()
    course = project.course()                 # None when the project has no course.yaml

Nothing else reads settings to find a database, so a project opened for another folder (as the
exporters do for a notebook's folder) never falls back to the working directory's project.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from quizkit.errors import StoreError
from quizkit.settings import Settings, load_settings

if TYPE_CHECKING:  # the bank (YAML) and the store (SQLAlchemy) load only when asked for
    from quizkit.bank import Bank, Course
    from quizkit.service_client import ServiceBackend
    from quizkit.store import Store


@dataclass(frozen=True)
class Project:
    """One quizkit project: its settings and the paths and services they name."""

    settings: Settings

    @classmethod
    def open(cls, start: Path | None = None, **overrides: Any) -> Project:
        """Find the project from ``start`` (default: the working directory); ``overrides`` are
        CLI flags, None meaning "not given"."""
        return cls(load_settings(start, **overrides))

    @property
    def root(self) -> Path:
        return self.settings.root

    @property
    def database_url(self) -> str:
        return self.settings.database_url

    def results_dir(self) -> Path:
        """results/, created on first use (it holds the default SQLite store and exports)."""
        path = self.settings.results_dir
        if path.exists() and not path.is_dir():
            raise StoreError(
                f"cannot keep results in {path}: it is a file, not a folder",
                hint="move the file away, or set `results` (QUIZKIT_RESULTS) to another folder",
            )
        try:
            path.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                f"cannot create the results folder {path}: {error.strerror}",
                hint="create it by hand and let this user write there, or set QUIZKIT_DB_URL",
            ) from error
        return path

    def store(self, *, create: bool = True) -> Store:
        """Open the results store this project's settings name."""
        from quizkit.store import open_store

        if create and self.settings.db_url is None:
            self.results_dir()
        return open_store(self.database_url, create=create)

    def backend(self) -> Store | ServiceBackend:
        """What a kernel reads and writes through: the grading service when the settings name one
        (``service_url``: a kernel on a JupyterHub with ``quizkit serve``), else this project's store."""
        if self.settings.service_url:
            from quizkit.service_client import ServiceBackend

            return ServiceBackend.from_environment(self.settings.service_url)
        return self.store()

    def bank(self) -> Bank:
        """The project's question bank (raises BankError listing every problem)."""
        from quizkit.bank import load_project_bank

        return load_project_bank(self.settings)

    def course(self) -> Course | None:
        """The course catalogue (courses/course.yaml), or None when the project has none."""
        from quizkit.bank import load_course
        from quizkit.bank.course import COURSE_FILE

        if not (self.settings.courses_dir / COURSE_FILE).is_file():
            return None
        return load_course(self.settings.courses_dir)


__all__ = ["Project"]
