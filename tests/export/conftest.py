"""A throwaway quizkit project for export tests: pyproject settings, the known bank and course, and
results/quizkit.db holding the known store (tests/reports/known.py)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from quizkit.reports import ReportScope, ReportSet, build_reports, course_and_bank
from quizkit.settings import Settings, load_settings
from quizkit.store import Store, open_store
from tests.conftest import require_system_part
from tests.reports.conftest import known_bank
from tests.reports.known import build_known_store

PROJECT_ROOT = Path(__file__).resolve().parents[2]
ISSUER = "测试县司法局普法办公室"
COURSE_TITLE = "乡镇干部学法用法培训（测试）"
PYPROJECT = f"""[tool.quizkit]
results = "results"
bank = "bank"
courses = "courses"
issuing_body = "{ISSUER}"
course_title = "{COURSE_TITLE}"
"""
COURSE_YAML = """schema_version: 1
title: 测试课程
lessons:
  - {id: L0, title: 如何使用本课程, notebook: 00.ipynb, hours: 0.5}
  - {id: L1, title: 行政许可法, notebook: 01.ipynb, hours: 2, law: administrative-licensing}
  - {id: L2, title: 行政处罚法, notebook: 02.ipynb, hours: 1.5, law: administrative-penalty}
"""


@dataclass
class Project:
    root: Path
    settings: Settings
    store: Store
    sessions: dict[str, str]

    @property
    def db_url(self) -> str:
        return f"sqlite:///{(self.root / 'results' / 'quizkit.db').as_posix()}"

    def reports(self, session: str | None = "2026-exam", **knobs: object) -> ReportSet:
        course, bank = course_and_bank(self.settings)
        scope = ReportScope(
            session_id=self.sessions[session] if session else None,
            session_title="2026年度学法考试" if session else None,
        )
        return build_reports(self.store, self.settings, scope, course=course, bank=bank, **knobs)

    def env(self) -> dict[str, str]:
        """Environment for a subprocess that runs in this project."""
        env = {k: v for k, v in os.environ.items() if not k.startswith("QUIZKIT_")}
        return {**env, "QUIZKIT_ROOT": str(self.root)}


def make_project(root: Path) -> Project:
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    (root / "courses").mkdir(parents=True)
    (root / "courses" / "course.yaml").write_text(COURSE_YAML, encoding="utf-8")
    known_bank(root / "bank")
    (root / "results").mkdir()
    settings = load_settings(root)
    store = open_store(f"sqlite:///{(root / 'results' / 'quizkit.db').as_posix()}")
    return Project(root, settings, store, build_known_store(store))


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Project]:
    """One project per test module (tests may issue certificates into its store)."""
    made = make_project(tmp_path_factory.mktemp("project"))
    try:
        yield made
    finally:
        made.store.close()


@pytest.fixture
def output_dir(request: pytest.FixtureRequest) -> Path:
    """test-output/<test name>/ in the project (gitignored), emptied first."""
    name = re.sub(r"[^\w.-]+", "_", request.node.name)
    folder = PROJECT_ROOT / "test-output" / name
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.rglob("*"):
        if old.is_file():
            old.unlink()
    return folder


@pytest.fixture
def cjk_font() -> None:
    """A PDF needs a Chinese font: without one the test skips naming the package (fails under CI=true)."""
    from quizkit.fonts import cjk_font_files

    require_system_part(bool(cjk_font_files()), "a CJK font for PDFs", "fonts-noto-cjk")
