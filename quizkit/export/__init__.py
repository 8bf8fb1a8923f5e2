"""Files from the reports: xlsx and CSV writers, nbconvert exporters (certificates and score sheets as
HTML and PDF) and the appraisal pack. Certificates are issued by :mod:`quizkit.certificates` first;
the exporters only render the plain data they are given.

The only part of quizkit that imports nbconvert and WeasyPrint; see docs/reports-and-certificates.md.
Public names are imported on first use, so `quizkit certificate verify` does not load nbconvert.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_LAZY = {
    "ExportRequest": "quizkit.export.requests",
    "PackResult": "quizkit.export.pack",
    "build_pack": "quizkit.export.pack",
    "read_request": "quizkit.export.requests",
    "request_notebook": "quizkit.export.requests",
    "write_request": "quizkit.export.requests",
    "write_workbook": "quizkit.export.workbook",
}

__all__ = [
    "ExportRequest",
    "PackResult",
    "build_pack",
    "read_request",
    "request_notebook",
    "write_request",
    "write_workbook",
]

if TYPE_CHECKING:
    from quizkit.export.pack import PackResult, build_pack
    from quizkit.export.requests import ExportRequest, read_request, request_notebook, write_request
    from quizkit.export.workbook import write_workbook


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'quizkit.export' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value
