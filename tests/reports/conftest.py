"""Fixtures for report tests: the known store (tests/reports/known.py) on SQLite and PostgreSQL, a
small bank with named quizzes, and a course of three lessons."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from quizkit.bank import Bank, Course, Lesson, load_bank
from quizkit.reports import ReportData, load_report_data
from quizkit.settings import Settings
from quizkit.store import Store, open_store
from tests.databases import PgServer, pg_server_or_skip
from tests.factories import question_data, write_bank
from tests.reports.known import build_known_store


@dataclass
class Known:
    store: Store
    sessions: dict[str, str]
    settings: Settings

    def data(self, session: str | None = "2026-exam") -> ReportData:
        return load_report_data(self.store, session_id=self.sessions[session] if session else None)


def known_bank(folder: Path) -> Bank:
    """xk-1…xk-5 (行政许可法, tag 期限) with quiz xk-quiz [xk-1, xk-2]; cf-1…cf-5 (行政处罚法,
    tag 程序) with quiz cf-quiz [cf-1]."""
    for law, prefix, tag, quiz in (
        ("administrative-licensing", "xk", "期限", ["xk-1", "xk-2"]),
        ("administrative-penalty", "cf", "程序", ["cf-1"]),
    ):
        questions = [
            question_data(
                id=f"{prefix}-{i}",
                stem=f"第{i}题：{law}的题干{i}，下列说法正确的是？",
                cite={"law": law, "article": i, "quote": "依法"},
                tags=[tag],
            )
            for i in range(1, 6)
        ]
        write_bank(
            folder,
            questions,
            law=law,
            quizzes=[{"id": f"{prefix}-quiz", "title": "测验", "questions": quiz}],
        )
    return load_bank(folder)


KNOWN_COURSE = Course(
    title="测试课程",
    lessons=[
        Lesson(id="L0", title="如何使用本课程", notebook="00.ipynb", hours=0.5),
        Lesson(
            id="L1",
            title="行政许可法",
            notebook="01.ipynb",
            hours=2,
            law="administrative-licensing",
        ),
        Lesson(
            id="L2",
            title="行政处罚法",
            notebook="02.ipynb",
            hours=1.5,
            law="administrative-penalty",
        ),
    ],
)


@pytest.fixture(scope="session")
def pg_server(request: pytest.FixtureRequest) -> Iterator[PgServer]:
    yield from pg_server_or_skip(request)


def _url(request: pytest.FixtureRequest, folder: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{(folder / 'quizkit.db').as_posix()}"
        return
    server: PgServer = request.getfixturevalue("pg_server")
    name, url = server.fresh_schema()
    try:
        yield url
    finally:
        server.drop_schema(name)


@pytest.fixture(
    scope="module", params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def known(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Known]:
    """The known store, built once per module and backend; tests must not write to it."""
    folder = tmp_path_factory.mktemp("known")
    for url in _url(request, folder):
        store = open_store(url)
        try:
            sessions = build_known_store(store)
            yield Known(store, sessions, Settings(root=folder, results=folder / "results"))
        finally:
            store.close()


@pytest.fixture(scope="module")
def bank(tmp_path_factory: pytest.TempPathFactory) -> Bank:
    return known_bank(tmp_path_factory.mktemp("bank"))


@pytest.fixture
def course() -> Course:
    return KNOWN_COURSE
