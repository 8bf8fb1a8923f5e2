"""Interop fixtures: the real bank, Moodle's own fixture files (by path), and a store on each database."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizkit.bank import Bank, load_bank
from tests.conftest import PROJECT, SHARED, require_system_part
from tests.store.conftest import db_url, pg_server, store  # noqa: F401 - fixtures reused here

INTEROP = SHARED / "interop"


@pytest.fixture(scope="session")
def real_bank() -> Bank:
    """Whatever question_bank/ holds now (content engineers keep adding files)."""
    return load_bank(PROJECT / "question_bank")


@pytest.fixture
def moodle_fixture() -> Path:
    return _shared("moodle-questions.gift.txt")


@pytest.fixture
def moodle_xml_fixture() -> Path:
    return _shared("moodle-nested-categories.xml")


def _shared(name: str) -> Path:
    path = INTEROP / name
    require_system_part(
        path.is_file(), f"the Moodle fixture {path}", "../shared/interop beside the project"
    )
    return path
