"""Moodle's cloze (embedded answers) for 填空: gaps of the SHORTANSWER kind only.

A gap is ``{1:SHORTANSWER:=answer#feedback~%50%half right~*#anything else}`` (also ``SA``, and
``SHORTANSWER_C`` / ``SAC`` when case matters): answers separated by ``~``, ``=`` marking a fully right
one and ``%n%`` a weight; ``\\}``, ``\\~``, ``\\#`` and ``\\\\`` escape the special characters. A cloze
with any other kind of gap (multiple choice, numerical …) is not a 填空 and is left to the caller.
"""

from __future__ import annotations

import re

from quizkit.interop.choices import Choice

_GAP = re.compile(r"\{(\d*):([A-Z_]+):((?:\\.|[^\\}])*)\}")
_SHORT = ("SHORTANSWER", "SA", "MW", "SHORTANSWER_C", "SAC", "MWC")
_WEIGHT = re.compile(r"^%(-?\d+(?:\.\d+)?)%")
_SPECIAL = "\\}~#"


def _unescape(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def _split(body: str, mark: str) -> list[str]:
    """``body`` split at every unescaped ``mark``."""
    return re.split(rf"(?<!\\){re.escape(mark)}", body)


def _choices(body: str) -> list[Choice]:
    choices = []
    for part in _split(body, "~"):
        weight = 0.0
        if part.startswith("="):
            weight, part = 1.0, part[1:]
        elif match := _WEIGHT.match(part):
            weight, part = float(match.group(1)) / 100, part[match.end() :]
        text, _, feedback = (*_split(part, "#"), "", "")[:3]
        choices.append(Choice(_unescape(text).strip(), weight, _unescape(feedback).strip()))
    return choices


def cloze_blanks(text: str) -> tuple[str, list[list[Choice]]] | None:
    """(stem with ``____`` for each gap, the choices of each gap), or None when some gap is not a
    short answer (or there is no gap)."""
    gaps = list(_GAP.finditer(text))
    if not gaps or any(gap.group(2) not in _SHORT for gap in gaps):
        return None
    return _GAP.sub("____", text), [_choices(gap.group(3)) for gap in gaps]


def _escape(text: str) -> str:
    return "".join("\\" + char if char in _SPECIAL else char for char in text)


def cloze_gap(answers: list[str]) -> str:
    """A SHORTANSWER gap accepting each of ``answers`` fully."""
    return "{1:SHORTANSWER:" + "~".join(f"={_escape(text)}" for text in answers) + "}"
