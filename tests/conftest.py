"""Shared fixtures: paths of the project and of ../shared."""

from __future__ import annotations

from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
SHARED = PROJECT.parent / "shared"
LAWS_DIR = SHARED / "laws"


@pytest.fixture
def project_root() -> Path:
    return PROJECT


@pytest.fixture
def laws_dir() -> Path:
    if not (LAWS_DIR / "index.yaml").is_file():
        pytest.skip(
            f"reference law texts not found at {LAWS_DIR} (../shared/laws beside the project)"
        )
    return LAWS_DIR
