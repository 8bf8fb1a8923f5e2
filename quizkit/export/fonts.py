"""Chinese fonts for PDF: find Noto Serif/Sans CJK SC, and subset them once per batch.

WeasyPrint subsets every font into every PDF it writes; with a 20 MB CJK collection that is most of the
cost of a one-page certificate (about 40 ms per face). For a batch of per-cadre files we subset the
faces once, to the characters the batch uses, and point ``@font-face`` at the small files: each PDF
then takes about half the time and a tenth of the space. Without the Noto files the CSS names the
families and fontconfig finds what it can (slower, still correct when fonts-noto-cjk is installed).
"""

from __future__ import annotations

import os
import string
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from fontTools import subset  # type: ignore[import-untyped]
from fontTools.ttLib import TTCollection, TTFont  # type: ignore[import-untyped]

from quizkit.atomicfile import replacing
from quizkit.fonts import font_dirs

FAMILIES = {"serif": "Noto Serif CJK SC", "sans": "Noto Sans CJK SC"}
LOCAL_FAMILIES = {"serif": "QK Serif", "sans": "QK Sans"}
FILES = {
    ("serif", 400): ("NotoSerifCJK-Regular.ttc", "NotoSerifCJKsc-Regular.otf"),
    ("serif", 700): ("NotoSerifCJK-Bold.ttc", "NotoSerifCJKsc-Bold.otf"),
    ("sans", 400): ("NotoSansCJK-Regular.ttc", "NotoSansCJKsc-Regular.otf"),
    ("sans", 700): ("NotoSansCJK-Bold.ttc", "NotoSansCJKsc-Bold.otf"),
}
ALWAYS = (
    string.printable + "，。、；：？！“”‘’（）《》〔〕【】—…·％〇一二三四五六七八九十年月日第号"
)


@cache
def find_font(style: str, weight: int) -> Path | None:
    """The Noto CJK file for a style (serif|sans) and weight (400|700), or None."""
    for folder in font_dirs():
        for name in FILES[(style, weight)]:
            found = next(iter(sorted(folder.rglob(name))), None)
            if found is not None:
                return found
    return None


def _open_face(path: Path, family: str) -> TTFont:
    """The Simplified Chinese face of a collection (or the single font of an .otf)."""
    if path.suffix.lower() != ".ttc":
        return TTFont(str(path), lazy=True)
    collection = TTCollection(str(path), lazy=True)
    for font in collection.fonts:
        if font["name"].getDebugName(1) == family:
            return font
    return collection.fonts[0]


def subset_face(style: str, weight: int, text: str, target: Path) -> bool:
    """Write ``target``: the face cut down to ``text`` (plus ASCII and CJK punctuation)."""
    source = find_font(style, weight)
    if source is None:
        return False
    font = _open_face(source, FAMILIES[style])
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(text="".join(sorted(set(text + ALWAYS))))
    subsetter.subset(font)
    target.parent.mkdir(parents=True, exist_ok=True)
    with replacing(target) as temporary:
        font.save(str(temporary))
    return True


@dataclass(frozen=True)
class FontFaces:
    """The CSS that declares the faces a template uses, and the family stacks to name them by."""

    css: str = ""
    serif: str = f'"{FAMILIES["serif"]}", serif'
    sans: str = f'"{FAMILIES["sans"]}", sans-serif'

    @classmethod
    def system(cls) -> FontFaces:
        return cls()

    @classmethod
    def subset(cls, text: str, folder: Path, styles: tuple[str, ...] = ("serif",)) -> FontFaces:
        """Subset regular and bold of each style into ``folder`` (the faces in parallel, one process
        each, up to the number of cores); a style whose files are missing falls back to the system."""
        faces = [(style, weight) for style in styles for weight in (400, 700)]
        targets = [folder / f"qk-{style}-{weight}.otf" for style, weight in faces]
        made = _subset_all(faces, text, targets)
        rules: list[str] = []
        stacks = {style: f'"{FAMILIES[style]}", {style}' for style in FAMILIES}
        for style in styles:
            mine = [i for i, (face, _) in enumerate(faces) if face == style]
            if not all(made[i] for i in mine):
                continue
            for i in mine:
                rules.append(
                    f'@font-face {{ font-family: "{LOCAL_FAMILIES[style]}"; '
                    f'src: url("{targets[i].resolve().as_uri()}"); font-weight: {faces[i][1]}; }}'
                )
            stacks[style] = f'"{LOCAL_FAMILIES[style]}", {stacks[style]}'
        sans = stacks["sans"].replace(", sans", ", sans-serif")
        return cls(css="\n".join(rules), serif=stacks["serif"], sans=sans)


def _subset_all(faces: list[tuple[str, int]], text: str, targets: list[Path]) -> list[bool]:
    workers = min(len(faces), os.cpu_count() or 1)
    if workers <= 1:
        return [subset_face(s, w, text, t) for (s, w), t in zip(faces, targets, strict=True)]
    from quizkit.export.pdf import pool_context

    with ProcessPoolExecutor(workers, mp_context=pool_context()) as pool:
        futures = [
            pool.submit(subset_face, style, weight, text, target)
            for (style, weight), target in zip(faces, targets, strict=True)
        ]
        return [future.result() for future in futures]


__all__ = ["FAMILIES", "FontFaces", "find_font", "font_dirs", "subset_face"]
