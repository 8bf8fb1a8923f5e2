"""A trainer's score sheets over the service are the store's, figure for figure; cadres get none."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from quizkit.errors import StoreError
from quizkit.reports.build import ReportScope, build_reports
from quizkit.settings import Settings
from quizkit.store import open_store
from tests.reports.conftest import KNOWN_COURSE, known_bank
from tests.reports.known import build_known_store
from tests.reports.test_same_numbers import SCENARIOS, figures
from tests.service.conftest import RunningService


def test_every_report_figure_over_the_service_equals_the_store(
    start_service: Callable[..., RunningService], tmp_path: Path
) -> None:
    store = open_store(f"sqlite:///{(tmp_path / 'known.db').as_posix()}")
    try:
        sessions = build_known_store(store)
        bank = known_bank(tmp_path / "bank")
        settings = Settings(root=tmp_path, results=tmp_path / "results")
        service = start_service(store, bank)
        trainer = service.client("token-trainer")
        for name, code, year, overrides in SCENARIOS:
            scope = ReportScope(session_id=sessions[code] if code else None, year=year)
            local = build_reports(
                store, settings, scope, course=KNOWN_COURSE, bank=bank, **overrides
            )
            remote = build_reports(
                trainer, settings, scope, course=KNOWN_COURSE, bank=bank, **overrides
            )
            assert figures(remote) == figures(local), name
        cadre = service.client("token-c001")
        with pytest.raises(StoreError, match="只有培训老师"):
            build_reports(cadre, settings, ReportScope(year=2026), course=KNOWN_COURSE, bank=bank)
    finally:
        store.close()
