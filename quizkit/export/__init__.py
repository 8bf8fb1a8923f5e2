"""Files from the reports: xlsx and CSV writers, nbconvert exporters (certificates and score sheets as
HTML and PDF), certificate numbers and verification codes, and the appraisal pack.

The only part of quizkit that imports nbconvert and WeasyPrint. See docs/reports-and-certificates.md.
"""

from quizkit.export.codes import load_key, normalise_code, verification_code
from quizkit.export.issuing import Certificate, Verification, issue_certificates, verify_certificate
from quizkit.export.pack import PackResult, build_pack
from quizkit.export.requests import ExportRequest, read_request, request_notebook, write_request
from quizkit.export.workbook import write_workbook

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
