"""Join codes: four characters a trainer reads out and a cadre types (``K7Q2``).

The alphabet leaves out characters that are easily confused when read aloud or written on a board
(0/O, 1/I/L), so 4 characters give 31**4 ≈ 920 000 codes. What a cadre types is normalised first:
full-width characters from a Chinese input method (Ｋ７Ｑ２) become half-width, case and spaces do not
matter.
"""

from __future__ import annotations

import secrets
import unicodedata
from collections.abc import Callable

from quizkit.errors import SessionError

ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 4


def normalize_code(text: str) -> str:
    """``" ｋ7q２ "`` → ``"K7Q2"``: NFKC (full-width to half-width), no spaces or dashes, upper case."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(ch for ch in folded if not ch.isspace() and ch not in "-_").upper()


def check_code(code: str) -> str:
    """A code a trainer chose: normalised; letters, digits and at most 20 characters."""
    cleaned = normalize_code(code)
    if not cleaned or len(cleaned) > 20 or not cleaned.isascii() or not cleaned.isalnum():
        raise SessionError(
            f"考试码 {code!r} 不可用",
            hint="use 1–20 letters or digits, or leave it out to get a random 4-character code",
        )
    return cleaned


def new_code(taken: Callable[[str], bool], *, length: int = CODE_LENGTH) -> str:
    """A random code that ``taken`` says is free (a longer one if the short ones keep colliding)."""
    for attempt in range(64):
        size = length + attempt // 16
        code = "".join(secrets.choice(ALPHABET) for _ in range(size))
        if not taken(code):
            return code
    raise SessionError("could not find a free session code", hint="give one with --code")


__all__ = ["ALPHABET", "CODE_LENGTH", "check_code", "new_code", "normalize_code"]
