"""Certificate numbers and verification codes.

A verification code is an HMAC-SHA256 of the certificate's fields (number, cadre, name, unit, course,
hours, score, band, date, issuing body, …) under a secret key, cut to 80 bits and written as 16 base-32
characters in groups of four (``7KQ2-M3XA-…``). Anyone can type it into `quizkit certificate verify`;
an altered code matches no certificate, and a certificate whose stored fields were altered no longer
matches its code. The key itself: :mod:`quizkit.certificates.keys`.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Mapping
from typing import Any

NUMBER_PREFIX = "XF"
SIGNED_FIELDS = (
    "number",
    "cadre_id",
    "name",
    "unit",
    "course",
    "hours",
    "score",
    "band",
    "issued_on",
    "issuing_body",
    "session_id",
    "position",
    "passed",
    "scope",
)
_TYPO = str.maketrans({"0": "O", "1": "I", "8": "B"})


def canonical(fields: Mapping[str, Any]) -> bytes:
    """The signed fields as stable JSON (numbers rounded to 2 places, missing fields as null)."""
    values = {
        name: round(float(fields[name]), 2)
        if isinstance(fields.get(name), int | float) and not isinstance(fields.get(name), bool)
        else fields.get(name)
        for name in SIGNED_FIELDS
    }
    return json.dumps(values, ensure_ascii=False, sort_keys=True).encode("utf-8")


def verification_code(key: bytes, fields: Mapping[str, Any]) -> str:
    """16 base-32 characters of the HMAC of the fields, in groups of four."""
    digest = hmac.new(key, canonical(fields), hashlib.sha256).digest()
    text = base64.b32encode(digest[:10]).decode("ascii")
    return "-".join(text[i : i + 4] for i in range(0, 16, 4))


def normalise_code(typed: str) -> str | None:
    """A code as typed (any case, spaces, dashes, 0/1 for O/I) in canonical form, or None."""
    text = "".join(ch for ch in typed.upper() if ch.isalnum()).translate(_TYPO)
    if len(text) != 16 or any(ch not in "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567" for ch in text):
        return None
    return "-".join(text[i : i + 4] for i in range(0, 16, 4))


def codes_match(key: bytes, fields: Mapping[str, Any], code: str) -> bool:
    return hmac.compare_digest(verification_code(key, fields), code)


def next_numbers(issued: list[str], year: int, count: int) -> list[str]:
    """``count`` new numbers XF<year><5-digit sequence>, continuing after the highest issued."""
    prefix = f"{NUMBER_PREFIX}{year}"
    used = [int(number[len(prefix) :]) for number in issued if number[len(prefix) :].isdigit()]
    start = max(used, default=0) + 1
    return [f"{prefix}{sequence:05d}" for sequence in range(start, start + count)]


__all__ = [
    "NUMBER_PREFIX",
    "SIGNED_FIELDS",
    "canonical",
    "codes_match",
    "next_numbers",
    "normalise_code",
    "verification_code",
]
