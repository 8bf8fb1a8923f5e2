"""The item-analysis chart for trainers (matplotlib, no pyplot state).

Figures are drawn on their own Agg canvas, so nothing depends on a display or on the notebook's
backend; ``png_bytes`` gives what a notebook widget or a file needs. Chinese labels use the first CJK
font found (Noto Sans CJK SC on Debian/统信/麒麟, Microsoft YaHei or SimHei on Windows).
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pandas as pd
from matplotlib import font_manager
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from quizkit.sessions.analysis import FLAG_NAMES

CJK_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Microsoft YaHei",
    "SimHei",
    "WenQuanYi Zen Hei",
    "Noto Sans CJK JP",
)
MAX_NAMED = 15  # flagged questions named on the item chart (the least discriminating first)
COLOURS = {
    "ok": "#2e7d32",
    "easy": "#1565c0",
    "hard": "#ef6c00",
    "weak": "#8e24aa",
    "negative": "#c62828",
}


def _font_rc() -> Any:  # matplotlib types rc keys as literals
    """Concrete family names (resolved when drawing, so they must not depend on rcParams then)."""
    installed = {font.name for font in font_manager.fontManager.ttflist}
    family = [name for name in CJK_FONTS if name in installed]
    return {"font.family": [*family, "DejaVu Sans"], "axes.unicode_minus": False}


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
        named = usable[usable["flags"].map(bool)].nsmallest(MAX_NAMED, "discrimination_index")
        for _, row in named.iterrows():
            axes.annotate(
                str(row["question_id"]),
                (100 * row["facility"], row["discrimination_index"]),
                fontsize=7,
                xytext=(3, 3),
                textcoords="offset points",
            )
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
    path.write_bytes(png_bytes(figure))
    return path


__all__ = ["item_chart", "png_bytes", "save_chart"]
