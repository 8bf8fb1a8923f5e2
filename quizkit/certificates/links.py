"""The link a certificate's QR code carries: the grading service's public verify page for this
certificate, ``<public_url>/verify/<number>/<code>``.

The number travels with the code so that the page can tell an altered code (the number is known, the
code is not its code) from an unknown one. The link is made from the ``public_url`` setting when a
certificate is printed; it is not part of what the code signs and is not stored, so a moved service
only needs the setting changed and the certificates printed again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace
from urllib.parse import quote, urlsplit

import segno

from quizkit.certificates.issuing import Certificate
from quizkit.errors import SettingsError

VERIFY_PATH = "verify"


def check_public_url(public_url: str) -> str:
    """The public URL without a trailing slash; SettingsError unless it is an http(s) address."""
    parts = urlsplit(public_url.strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise SettingsError(
            f"public_url {public_url!r} is not a web address the verify page can be reached at",
            field="public_url",
            hint="set it to the grading service's address as the public sees it, e.g. "
            'public_url = "https://xuefa.example.gov.cn/services/quizkit/" in [tool.quizkit] '
            "(or QUIZKIT_PUBLIC_URL)",
        )
    return public_url.strip().rstrip("/")


def verify_url(public_url: str, number: str, code: str) -> str:
    """The verify page of one certificate."""
    base = check_public_url(public_url)
    return f"{base}/{VERIFY_PATH}/{quote(number, safe='')}/{quote(code, safe='')}"


def qr_data_uri(url: str) -> str:
    """The QR code of ``url`` as an SVG data URI (vector: sharp at any print size), error
    correction level M (a code still reads with ~15 % of it smudged), the standard 4-module margin."""
    return str(segno.make(url, error="m", micro=False).svg_data_uri(scale=1, border=4))


def with_verify_links(
    certificates: Iterable[Certificate], public_url: str | None
) -> list[Certificate]:
    """The certificates with the link their QR code prints; unchanged when no public URL is set."""
    if not public_url:
        return list(certificates)
    return [
        replace(cert, verify_url=verify_url(public_url, cert.number, cert.code))
        for cert in certificates
    ]


__all__ = ["VERIFY_PATH", "check_public_url", "qr_data_uri", "verify_url", "with_verify_links"]
