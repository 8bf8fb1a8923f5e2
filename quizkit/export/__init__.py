"""Files from the reports: xlsx and CSV writers, nbconvert exporters (certificates and score sheets as
HTML and PDF), certificate numbers and verification codes, and the appraisal pack.

The only part of quizkit that imports nbconvert and WeasyPrint; see docs/reports-and-certificates.md.
Public names are imported on first use, so `quizkit certificate verify` does not load nbconvert.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

_LAZY = {
    "Certificate": "quizkit.export.issuing",
    "ExportRequest": "quizkit.export.requests",
    "PackResult": "quizkit.export.pack",
    "Verification": "quizkit.export.issuing",
    "build_pack": "quizkit.export.pack",
    "issue_certificates": "quizkit.export.issuing",
    "load_key": "quizkit.export.codes",
    "normalise_code": "quizkit.export.codes",
    "read_request": "quizkit.export.requests",
    "request_notebook": "quizkit.export.requests",
    "verification_code": "quizkit.export.codes",
    "verify_certificate": "quizkit.export.issuing",
    "write_request": "quizkit.export.requests",
    "write_workbook": "quizkit.export.workbook",
}

__all__ = [
    "Certificate",
    "ExportRequest",
    "PackResult",
    "Verification",
    "build_pack",
    "issue_certificates",
    "load_key",
    "normalise_code",
    "read_request",
    "request_notebook",
    "verification_code",
    "verify_certificate",
    "write_request",
    "write_workbook",
]

if TYPE_CHECKING:
    from quizkit.export.codes import load_key, normalise_code, verification_code
    from quizkit.export.issuing import (
        Certificate,
        Verification,
        issue_certificates,
        verify_certificate,
    )
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
