"""Shared fixtures: paths of the project and of ../shared."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"
LAWS_DIR = SHARED / "laws"


def require_system_part(present: bool, what: str, install: str) -> None:
    """Skip a test whose optional system part is missing, saying what to install; under CI=true
    the part must be there, so the test fails instead."""
    if present:
        return
    message = f"{what} is not available: install {install}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message} (CI=true: optional parts are required)")
    pytest.skip(message)


@pytest.fixture
def project_root() -> Path:
    return PROJECT


@pytest.fixture
def laws_dir() -> Path:
    require_system_part(
        (LAWS_DIR / "index.yaml").is_file(),
        f"the reference law texts at {LAWS_DIR}",
        "../shared/laws beside the project",
    )
    return LAWS_DIR


@pytest.fixture(scope="session")
def playwright() -> Iterator[Any]:
    """One Playwright for the whole run: a second sync Playwright in the same thread fails
    ("using Playwright Sync API inside the asyncio loop"), so every browser fixture uses this one."""
    from tests.widgets.jupyter_harness import CHROMIUM

    require_system_part(
        Path(CHROMIUM).exists(), f"Chromium at {CHROMIUM}", "chromium fonts-noto-cjk"
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as handle:
        yield handle
