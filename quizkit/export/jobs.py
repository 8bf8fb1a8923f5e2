"""The steps every export shares, whether started by the CLI or by nbconvert:

settings + store → scope → reports (pandas) → certificates issued in the store → template data
"""

from __future__ import annotations

from typing import Any

from quizkit.certificates.issuing import Certificate, issue_certificates, issued_fingerprints
from quizkit.certificates.keys import signing_key
from quizkit.export.fonts import FontFaces
from quizkit.export.requests import ExportRequest
from quizkit.export.sheets import scoresheet_context
from quizkit.reports import ReportSet, build_reports, course_and_bank, resolve_scope
from quizkit.settings import Settings
from quizkit.store import Store


def reports_for(store: Store, settings: Settings, request: ExportRequest) -> ReportSet:
    """Build the reports a request covers (its scope, its policy overrides)."""
    scope = resolve_scope(store, request.session, request.year)
    course, bank = course_and_bank(settings)
    return build_reports(
        store,
        settings,
        scope,
        course=course,
        bank=bank,
        parents_rollup=request.top_units,
        **request.policy_overrides(),
    )


def certificates_for(
    store: Store, settings: Settings, reports: ReportSet, request: ExportRequest
) -> list[Certificate]:
    """Issue (or find again) the certificates a request asks for."""
    return issue_certificates(
        store,
        reports,
        signing_key(settings.results_dir, issued_fingerprints(store)),
        include_failed=request.include_failed,
        cadre_ids=request.cadres,
        unit=request.unit,
    )


def certificate_context(
    reports: ReportSet, certificates: list[Certificate], fonts: FontFaces | None = None
) -> dict[str, Any]:
    """The template data of the certificate exporter."""
    return {
        "title": f"{reports.title} 培训合格证书",
        "certificates": certificates,
        "fonts": fonts or FontFaces.system(),
    }


def sheet_context(
    reports: ReportSet, request: ExportRequest, fonts: FontFaces | None = None
) -> dict[str, Any]:
    """The template data of the score-sheet exporter (one unit, or all with a summary page)."""
    units = [request.unit] if request.unit else None
    return {**scoresheet_context(reports, units), "fonts": fonts or FontFaces.system()}


__all__ = [
    "certificate_context",
    "certificates_for",
    "reports_for",
    "sheet_context",
]
