"""The item-analysis chart for trainers (matplotlib, no pyplot state).

Figures are drawn on their own Agg canvas, so nothing depends on a display or on the notebook's
backend; ``png_bytes`` gives what a notebook widget or a file needs. Chinese labels use the first CJK
font :mod:`quizkit.fonts` finds (Noto Sans CJK on Debian/统信/麒麟, Microsoft YaHei or SimHei on
Windows, PingFang on macOS); with none, drawing is refused with what to install (never boxes).
"""

from __future__ import annotations

import io
from functools import cache
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from quizkit.atomicfile import write_bytes
from quizkit.errors import QuizkitError
from quizkit.fonts import INSTALL_HINT, cjk_font_files
from quizkit.sessions.analysis import FLAG_NAMES

MAX_NAMED = 15  # flagged questions named on the item chart (the least discriminating first)
COLOURS = {
    "ok": "#2e7d32",
    "easy": "#1565c0",
    "hard": "#ef6c00",
    "weak": "#8e24aa",
    "negative": "#c62828",
}


@cache
def chart_family() -> str | None:
    """The family name of the first CJK font this machine has, registered with matplotlib
    (its own cache may predate the font's installation), or None when there is none."""
    for path in cjk_font_files():
        try:
            font_manager.fontManager.addfont(str(path))
            return str(font_manager.FontProperties(fname=str(path)).get_name())
        except (OSError, RuntimeError, ValueError):  # a damaged file: try the next one
            continue
    return None


def _font_rc() -> Any:  # matplotlib types rc keys as literals
    """Concrete family names (resolved when drawing, so they must not depend on rcParams then)."""
    family = chart_family()
    if family is None:
        raise QuizkitError(
            "the chart's Chinese labels cannot be drawn: no Chinese font", hint=INSTALL_HINT
        )
    return {"font.family": [family, "DejaVu Sans"], "axes.unicode_minus": False}


def _figure(width: float, height: float) -> Figure:
    import matplotlib

    with matplotlib.rc_context(_font_rc()):
        figure = Figure(figsize=(width, height), dpi=100, layout="constrained")
    FigureCanvasAgg(figure)
    return figure


def item_chart(items: pd.DataFrame, title: str = "") -> Figure:
    """Facility (x) against discrimination index (y), one dot per question, flagged ones named."""
    import matplotlib

    with matplotlib.rc_context(_font_rc()):
        figure = _figure(8, 5)
        axes = figure.add_subplot()
        usable = items.dropna(subset=["facility", "discrimination_index"])
        kind = usable["flags"].map(lambda flags: flags[0] if flags else "ok")
        for flag, group in usable.groupby(kind):  # one collection per colour: fast for 500 items
            x, y = 100 * group["facility"], group["discrimination_index"]
            axes.scatter(x, y, color=COLOURS[str(flag)], s=28, zorder=3)
        flagged = usable["flags"].map(bool).astype(bool)  # an empty map has no bool dtype
        named = usable[flagged].nsmallest(MAX_NAMED, "discrimination_index")
        for place, (_, row) in enumerate(named.sort_values("facility").iterrows()):
            axes.annotate(  # neighbours' labels alternate above and below their dots
                f"{row['question_id']} (n={row['n']})" if "n" in row else str(row["question_id"]),
                (100 * row["facility"], row["discrimination_index"]),
                fontsize=7,
                xytext=(4, 4 if place % 2 == 0 else -10),
                textcoords="offset points",
            )
        if usable.empty:
            axes.text(50, 0, "数据不足，暂无区分度", ha="center", va="center", color="#666666")
        axes.axhline(0, color="#999999", linewidth=0.8)
        axes.axvspan(35, 64, color="#e8f5e9", zorder=0, label="难度适中 35–64%")
        for flag, name in FLAG_NAMES.items():
            axes.scatter([], [], color=COLOURS[flag], label=name)
        axes.set_xlim(0, 100)
        axes.set_xlabel("难度系数 facility（%，越高越容易）")
        axes.set_ylabel("区分度 discrimination index（%）")
        axes.set_title(title or "题目分析")
        axes.legend(loc="lower left", fontsize=8)
    return figure


def png_bytes(figure: Figure) -> bytes:
    import matplotlib

    buffer = io.BytesIO()
    with matplotlib.rc_context(_font_rc()):
        figure.savefig(buffer, format="png")
    return buffer.getvalue()


def save_chart(figure: Figure, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_bytes(path, png_bytes(figure))
    return path


__all__ = ["chart_family", "item_chart", "png_bytes", "save_chart"]
