"""Before anything is exported: the reports a scope covers, and the certificates issued for them.

The CLI (`quizkit export …`, `quizkit report …`) calls these with the project's store, then hands the
results — plain ``ReportSet`` and ``Certificate`` records — to ``quizkit.export``, which renders them
and never opens the store. Issuing writes the certificates' numbers and codes to the store first, so
every file printed afterwards shows numbers and codes that `quizkit certificate verify` knows.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from quizkit.certificates.issuing import (
    Certificate,
    CertificateStore,
    issue_certificates,
    issued_fingerprints,
)
from quizkit.certificates.keys import signing_key
from quizkit.certificates.links import with_verify_links
from quizkit.records import SessionRow
from quizkit.reports import ReportSet, build_reports, course_and_bank, resolve_scope
from quizkit.reports.frames import ReportSource
from quizkit.settings import Settings


class ExportSource(ReportSource, CertificateStore, Protocol):
    """The store as the issue-first step reads and writes it (``get_session_row`` finds a scope)."""

    def get_session_row(
        self, session_id: str | None = None, *, code: str | None = None
    ) -> SessionRow | None: ...


def reports_for(
    store: ExportSource,
    settings: Settings,
    *,
    session: str | None = None,
    year: int | None = None,
    top_units: bool = False,
    **policy: Any,
) -> ReportSet:
    """The reports of one session (id or code) and/or year, with the policy overrides given
    (``counting``, ``include_makeup``, ``makeup_counting``, ``denominator``; None: the default)."""
    scope = resolve_scope(store, session, year)
    course, bank = course_and_bank(settings)
    return build_reports(
        store, settings, scope, course=course, bank=bank, parents_rollup=top_units, **policy
    )


def certificates_for(
    store: ExportSource,
    settings: Settings,
    reports: ReportSet,
    *,
    include_failed: bool = False,
    cadre_ids: Iterable[str] | None = None,
    unit: str | None = None,
) -> list[Certificate]:
    """Issue (or find again) the certificates of ``reports``: recorded in the store before returning;
    with the link their QR code prints when the ``public_url`` setting names the verify page."""
    key = signing_key(settings.results_dir, issued_fingerprints(store))
    issued = issue_certificates(
        store, reports, key, include_failed=include_failed, cadre_ids=cadre_ids, unit=unit
    )
    return with_verify_links(issued, settings.public_url)


__all__ = ["ExportSource", "certificates_for", "reports_for"]
