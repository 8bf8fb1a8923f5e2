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


@pytest.fixture(scope="session", autouse=True)
def no_os_group_left() -> Iterator[None]:
    """The hub tests make OS users in the group ``quizkit-users`` (and the group when it is new);
    they delete their users, and this deletes the group at the end of the run if the run made it
    and no user is left in it. POSIX only; nothing happens where the group module is missing."""
    try:
        import grp
    except ImportError:  # Windows
        yield
        return
    from quizkit.hub.osusers import DEFAULT_GROUP

    def present() -> bool:
        try:
            grp.getgrnam(DEFAULT_GROUP)
        except KeyError:
            return False
        return True

    before = present()
    yield
    if before or not present():
        return
    import pwd
    import subprocess

    gid = grp.getgrnam(DEFAULT_GROUP).gr_gid
    members = grp.getgrnam(DEFAULT_GROUP).gr_mem
    primary = [user.pw_name for user in pwd.getpwall() if user.pw_gid == gid]
    if not members and not primary:
        subprocess.run(["groupdel", DEFAULT_GROUP], capture_output=True, check=False)
