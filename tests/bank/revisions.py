"""The real revisions in ../shared/laws-history and the fixture bank written against the old texts."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.conftest import LAWS_DIR, SHARED

HISTORY = SHARED / "laws-history"
FIXTURE = Path(__file__).parent / "fixtures" / "law-revisions"
REVISIONS = {
    "administrative-reconsideration": "administrative-reconsideration-2017-09-01.md",
    "emergency-response": "emergency-response-2007-08-30.md",
}


def revision(law: str) -> tuple[Path, Path]:
    """(old text, current text) of ``law``; skips (fails under CI=true) without ../shared."""
    old, new = HISTORY / REVISIONS[law], LAWS_DIR / f"{law}.md"
    if not (old.is_file() and new.is_file()):
        message = f"law texts not found at {HISTORY} and {LAWS_DIR} (../shared beside the project)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    return old, new
