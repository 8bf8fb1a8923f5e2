"""What a certificate or score-sheet page prints, as plain JSON data, and the template data made from it.

The content is made once, after the reports are built and the certificates issued (see
``quizkit.certificates.prepare``): `quizkit export request` embeds it in the request notebook's metadata,
and `quizkit export …` and the pack pass it straight on. The templates are filled only from it, by one
road, so both routes print the same pages and an exporter never opens the store: a request notebook
renders on a machine with no database at all.

    {"kind": "certificates", "version": 1, "title": …, "certificates": [Certificate.fields(), …]}
    {"kind": "scoresheet", "version": 1, "title": …, "scope": …, "issuing_body": …,
     "generated_on": "2026-11-26", "generated_text": …, "policy": …,
     "summary": {"columns": […], "rows": [[…], …]} | null,
     "sheets": [{"unit": …, "figures": [[label, value], …], "columns": […],
                 "rows": [{"cells": […], "failed": bool}, …], "result_column": 5}, …]}

The data is what was issued and recorded: editing it changes a page, not the store, and a changed
certificate no longer passes `quizkit certificate verify`.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import date
from typing import Any

from quizkit.certificates.issuing import Certificate
from quizkit.errors import QuizkitError
from quizkit.export.fonts import FontFaces
from quizkit.export.sheets import SheetRow, Table, UnitSheet, scoresheet_context
from quizkit.reports import ReportSet

CONTENT_VERSION = 1
KINDS = ("certificates", "scoresheet")


def certificate_content(reports: ReportSet, certificates: Sequence[Certificate]) -> dict[str, Any]:
    """The certificates' page data (already issued: numbers and codes are those in the store)."""
    return {
        "kind": "certificates",
        "version": CONTENT_VERSION,
        "title": f"{reports.title} 培训合格证书",
        "certificates": [cert.fields() for cert in certificates],
    }


def sheet_content(reports: ReportSet, units: list[str] | None = None) -> dict[str, Any]:
    """The score sheets' page data: ``units`` (all units with a summary page by default)."""
    context = scoresheet_context(reports, units)
    summary: Table | None = context["summary"]
    sheets: list[UnitSheet] = context["sheets"]
    return {
        "kind": "scoresheet",
        "version": CONTENT_VERSION,
        "title": context["title"],
        "scope": context["scope"],
        "issuing_body": context["issuing_body"],
        "generated_on": context["generated_on"].isoformat(),
        "generated_text": context["generated_text"],
        "policy": context["policy"],
        "summary": None if summary is None else dataclasses.asdict(summary),
        "sheets": [dataclasses.asdict(sheet) for sheet in sheets],
    }


def _checked(content: Any, kind: str, where: str) -> dict[str, Any]:
    if not isinstance(content, dict) or content.get("kind") != kind:
        raise QuizkitError(
            f"{where}: the page data is not {kind} data",
            hint="write the request again with `quizkit export request`",
        )
    if content.get("version") != CONTENT_VERSION:
        raise QuizkitError(
            f"{where}: page data version {content.get('version')!r} is not {CONTENT_VERSION}",
            hint="write the request again with this quizkit (`quizkit export request`)",
        )
    return content


def certificate_context(
    content: dict[str, Any], fonts: FontFaces | None = None, *, where: str = "request"
) -> dict[str, Any]:
    """The certificate template's data from certificate content."""
    data = _checked(content, "certificates", where)
    try:
        certificates = [Certificate(**fields) for fields in data["certificates"]]
        title = str(data["title"])
    except (KeyError, TypeError) as error:
        raise _damaged(where, error) from error
    return {"title": title, "certificates": certificates, "fonts": fonts or FontFaces.system()}


def sheet_context(
    content: dict[str, Any], fonts: FontFaces | None = None, *, where: str = "request"
) -> dict[str, Any]:
    """The score-sheet template's data from score-sheet content."""
    data = _checked(content, "scoresheet", where)
    try:
        summary = data["summary"]
        sheets = [
            UnitSheet(
                unit=sheet["unit"],
                figures=[(str(label), str(value)) for label, value in sheet["figures"]],
                columns=list(sheet["columns"]),
                rows=[SheetRow(list(row["cells"]), bool(row["failed"])) for row in sheet["rows"]],
                result_column=int(sheet["result_column"]),
            )
            for sheet in data["sheets"]
        ]
        return {
            **{key: data[key] for key in ("title", "scope", "issuing_body", "generated_text")},
            "policy": data["policy"],
            "generated_on": date.fromisoformat(data["generated_on"]),
            "summary": None if summary is None else Table(summary["columns"], summary["rows"]),
            "sheets": sheets,
            "fonts": fonts or FontFaces.system(),
        }
    except (KeyError, TypeError, ValueError) as error:
        raise _damaged(where, error) from error


def _damaged(where: str, error: Exception) -> QuizkitError:
    return QuizkitError(
        f"{where}: the page data is incomplete or damaged ({type(error).__name__}: {error})",
        hint="write the request again with `quizkit export request`",
    )


__all__ = [
    "CONTENT_VERSION",
    "KINDS",
    "certificate_content",
    "certificate_context",
    "sheet_content",
    "sheet_context",
]
