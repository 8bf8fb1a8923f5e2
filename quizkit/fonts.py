"""Chinese fonts on the machines township offices use, and whether they can print a given text.

Charts (matplotlib) and PDFs (WeasyPrint) both draw Chinese; with no CJK font they silently draw
boxes (□). This module finds the CJK font files a machine has — Noto CJK, Source Han or WenQuanYi on
Debian/统信UOS/麒麟, Microsoft YaHei, SimHei or SimSun on Windows, PingFang on macOS — and tells which
characters of a text none of them covers, so a caller can refuse with what to install instead.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from fontTools.ttLib import TTCollection, TTFont  # type: ignore[import-untyped]

# File names in order of preference: sans faces first (charts), then serif, then other systems'.
CJK_FONT_FILES = (
    "NotoSansCJK-Regular.ttc",
    "NotoSansCJKsc-Regular.otf",
    "NotoSerifCJK-Regular.ttc",
    "NotoSerifCJKsc-Regular.otf",
    "SourceHanSansSC-Regular.otf",
    "SourceHanSans-Regular.ttc",
    "SourceHanSerifSC-Regular.otf",
    "wqy-microhei.ttc",
    "wqy-zenhei.ttc",
    "msyh.ttc",
    "simhei.ttf",
    "simsun.ttc",
    "PingFang.ttc",
)
INSTALL_HINT = (
    "install a Chinese font: on Debian/统信UOS/麒麟 `apt-get install fonts-noto-cjk` "
    "(or fonts-wqy-microhei); on Windows Microsoft YaHei/SimSun come with the system; "
    "on macOS PingFang"
)


def font_dirs() -> list[Path]:
    """Where fonts live on Debian/统信UOS/麒麟, Windows and macOS."""
    home = Path.home()
    dirs = [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".local/share/fonts",
        home / ".fonts",
        home / "Library/Fonts",
        Path("/Library/Fonts"),
        Path("/System/Library/Fonts"),
    ]
    if os.environ.get("WINDIR"):
        dirs.append(Path(os.environ["WINDIR"]) / "Fonts")
    if os.environ.get("LOCALAPPDATA"):
        dirs.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft/Windows/Fonts")
    return [folder for folder in dirs if folder.is_dir()]


@cache
def cjk_font_files() -> tuple[Path, ...]:
    """The CJK font files this machine has, most preferred first (searched once per process)."""
    wanted = {name.lower(): rank for rank, name in enumerate(CJK_FONT_FILES)}
    found: dict[str, Path] = {}
    for folder in font_dirs():
        for path in folder.rglob("*"):
            name = path.name.lower()
            if name in wanted and name not in found and path.is_file():
                found[name] = path
    return tuple(found[name] for name in sorted(found, key=wanted.__getitem__))


@cache
def _cmap(path: Path) -> frozenset[int]:
    """The code points the file's Simplified Chinese face maps to a glyph (a collection's faces
    share their coverage, so one face is read: a tenth of the time of reading all ten)."""
    if path.suffix.lower() != ".ttc":
        font = TTFont(str(path), lazy=True)
        try:
            return frozenset(font.getBestCmap() or {})
        finally:
            font.close()
    collection = TTCollection(str(path), lazy=True)
    try:
        faces = collection.fonts
        chinese = [f for f in faces if str(f["name"].getDebugName(1) or "").endswith(" SC")]
        return frozenset((chinese or faces)[0].getBestCmap() or {})
    finally:
        collection.close()


def _needs_glyph(char: str) -> bool:
    return not char.isspace() and unicodedata.category(char)[0] != "C"


def uncovered(text: str, fonts: Iterable[Path] | None = None) -> list[str]:
    """The characters of ``text`` (in order, once each) that none of ``fonts`` can draw
    (default: the CJK fonts found on this machine)."""
    paths = tuple(cjk_font_files() if fonts is None else fonts)
    maps = [_cmap(path) for path in paths]
    missing: dict[str, None] = {}
    for char in text:
        if _needs_glyph(char) and not any(ord(char) in points for points in maps):
            missing[char] = None
    return list(missing)


__all__ = ["CJK_FONT_FILES", "INSTALL_HINT", "cjk_font_files", "font_dirs", "uncovered"]
