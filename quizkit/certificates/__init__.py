"""Certificates (合格证书) as domain logic: numbers, HMAC verification codes, the signing key, issuing
and verifying. Issuing records each certificate in the store before any file is written; exporters
(quizkit.export) then render the plain :class:`Certificate` records they are handed.
"""

from quizkit.certificates.codes import normalise_code, verification_code
from quizkit.certificates.issuing import (
    Certificate,
    Verification,
    issue_certificates,
    verify_certificate,
)
from quizkit.certificates.keys import key_fingerprint, load_key, signing_key

__all__ = [
    "Certificate",
    "Verification",
    "issue_certificates",
    "key_fingerprint",
    "load_key",
    "normalise_code",
    "signing_key",
    "verification_code",
    "verify_certificate",
]
