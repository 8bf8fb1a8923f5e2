"""App-mode fixtures: Playwright with Debian's Chromium (skipped with what to install when missing,
except under CI=true, where it must be there)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import require_system_part
from tests.widgets.jupyter_harness import CHROMIUM


@pytest.fixture(scope="session")
def playwright() -> Iterator[Any]:
    require_system_part(
        Path(CHROMIUM).exists(),
        f"Chromium at {CHROMIUM}",
        "apt-get install chromium fonts-noto-cjk",
    )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as handle:
        yield handle
