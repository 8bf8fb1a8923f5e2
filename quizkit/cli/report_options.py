"""Options shared by `quizkit report`, `quizkit export` and `quizkit certificate`: the scope and the
counting policy, gathered into an ExportRequest (the same object a request notebook holds)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import click

from quizkit.certificates.issuing import Certificate
from quizkit.certificates.prepare import certificates_for, reports_for
from quizkit.cli import current_project
from quizkit.export.requests import ExportRequest
from quizkit.project import Project
from quizkit.reports import ReportSet
from quizkit.reports.policy import Counting, Denominator, MakeupCounting

F = TypeVar("F", bound=Callable[..., Any])

_OPTIONS = [
    click.option("--session", help="Exam session id or code (default: every exam)."),
    click.option("--year", type=int, help="Only this year's sessions and study (学法档案 year)."),
    click.option(
        "--counting",
        type=click.Choice([c.value for c in Counting]),
        help="Which attempt counts (default: the session's rule, else highest).",
    ),
    click.option(
        "--makeup/--no-makeup",
        "include_makeup",
        default=None,
        help="Count 补考 results (default: yes, or the session's rule).",
    ),
    click.option(
        "--makeup-counting",
        type=click.Choice([m.value for m in MakeupCounting]),
        help="A 补考 result against a failed one: the higher counts (higher, default) or it replaces it"
        " even when lower (replace).",
    ),
    click.option(
        "--denominator",
        type=click.Choice([d.value for d in Denominator]),
        help="合格率 over taken (实考, default) or expected (应考).",
    ),
    click.option("--top-units", is_flag=True, help="Group units under their top unit (镇)."),
    click.option("--unit", help="Only this unit (单位)."),
]


def scope_options(function: F) -> F:
    for option in reversed(_OPTIONS):
        function = option(function)
    return function


def make_request(ctx: click.Context, kind: str, **options: Any) -> tuple[Project, ExportRequest]:
    """The project (the root --db-url applied) and a request from the command's options."""
    fields = {key: value for key, value in options.items() if value is not None}
    request = ExportRequest.model_validate({"kind": kind, **fields})
    return current_project(ctx), request


def prepared(
    project: Project, request: ExportRequest, *, issue: bool = False
) -> tuple[ReportSet, list[Certificate]]:
    """Issue first, then export: the reports the request covers and (``issue``) its certificates,
    recorded in the project's store before any file is rendered."""
    settings = project.settings
    with project.store(create=False) as store:
        reports = reports_for(
            store,
            settings,
            session=request.session,
            year=request.year,
            top_units=request.top_units,
            **request.policy_overrides(),
        )
        if not issue:
            return reports, []
        issued = certificates_for(
            store,
            settings,
            reports,
            include_failed=request.include_failed,
            cadre_ids=request.cadres,
            unit=request.unit,
        )
    return reports, issued


__all__ = ["make_request", "prepared", "scope_options"]
