"""The item-analysis chart draws its Chinese labels with a font that has every glyph."""

from __future__ import annotations

import warnings

import pandas as pd
import pytest
from matplotlib import font_manager
from matplotlib.text import Text

from quizkit.fonts import cjk_font_files, uncovered
from quizkit.sessions.charts import item_chart, png_bytes
from tests.conftest import require_system_part


@pytest.fixture
def items() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "question_id": ["xk-042-deadline", "cf-009-kinds", "qz-018-notice"],
            "facility": [0.95, 0.5, 0.3],
            "discrimination_index": [0.05, 0.45, -0.2],
            "flags": [["easy"], [], ["negative"]],
        }
    )


def test_every_label_is_drawn_with_a_font_that_has_its_glyphs(items: pd.DataFrame) -> None:
    require_system_part(bool(cjk_font_files()), "a CJK font", "fonts-noto-cjk")
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # "Glyph … missing from font(s) DejaVu Sans" would fail here
        figure = item_chart(items, "《行政许可法》练习 题目分析")
        png = png_bytes(figure)
    assert png.startswith(b"\x89PNG")
    texts = [t for t in figure.findobj(Text) if t.get_text().strip()]
    chinese = [t for t in texts if any("\u4e00" <= c <= "\u9fff" for c in t.get_text())]
    assert {"难度适中 35–64%", "《行政许可法》练习 题目分析"} <= {t.get_text() for t in chinese}
    for text in chinese:
        path = font_manager.findfont(text.get_fontproperties(), fallback_to_default=False)
        assert uncovered(text.get_text(), [font_manager.Path(path)]) == [], text.get_text()


def test_uncovered_names_characters_no_font_has() -> None:
    require_system_part(bool(cjk_font_files()), "a CJK font", "fonts-noto-cjk")
    assert uncovered("卢伟 ABC 123，。") == []
    assert uncovered("张𪚥三") == ["𪚥"]  # a rare character Noto CJK lacks
    assert uncovered("张三", fonts=[]) == ["张", "三"]
