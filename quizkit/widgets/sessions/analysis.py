"""The item analysis in a trainer's notebook: the paper's figures, the flagged questions, the chart."""

from __future__ import annotations

import math
from html import escape

import ipywidgets as w
import pandas as pd

from quizkit.errors import QuizkitError
from quizkit.learner.context import learner_context
from quizkit.sessions.analysis import FLAG_NAMES
from quizkit.sessions.manage import find_session
from quizkit.sessions.stats import WHICH_NAMES, SessionAnalysis, analyse_session, thresholds
from quizkit.widgets.question import full_width
from quizkit.widgets.render import display, status_html, title_html
from quizkit.widgets.sessions.render import session_stylesheet, table_html

SHOWN = {
    "question_id": "题号",
    "type": "题型",
    "n": "人数",
    "facility": "难度系数%",
    "discrimination_index": "区分度",
    "discriminative_efficiency": "区分效率%",
    "d27": "高低分组差",
    "point_biserial": "点二列相关",
    "flags": "提示",
    "stem": "题目",
}


def _number(value: float, digits: int = 2) -> str:
    return "—" if value is None or math.isnan(value) else f"{value:.{digits}f}"


def figures_html(analysis: SessionAnalysis) -> str:
    test = analysis.test
    rows = [
        (
            "参与统计",
            f"{test.attempts} 份答卷（{WHICH_NAMES[analysis.which]}），{test.items} 个题位",
        ),
        (
            "平均分",
            f"{_number(test.mean)} / {test.max_total:g}（{_number(test.mean_percent, 1)}%）",
        ),
        ("中位数 / 标准差", f"{_number(test.median)} / {_number(test.sd)}"),
        ("偏度 / 峰度", f"{_number(test.skewness, 3)} / {_number(test.kurtosis, 3)}"),
        ("信度 Cronbach α（KR-20）", f"{_number(test.alpha, 3)}（> 0.75 满意，< 0.64 不理想）"),
        ("误差比 / 标准误", f"{_number(test.error_ratio, 1)}% / {_number(test.standard_error)}"),
    ]
    if analysis.shortage is not None:
        rows.insert(0, ("提示", analysis.shortage))
    cells = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
    return f'<div class="qk-board" lang="zh-CN"><table>{cells}</table></div>'


def items_frame(items: pd.DataFrame) -> pd.DataFrame:
    shown = items.assign(
        facility=100 * items["facility"],
        discriminative_efficiency=items["discriminative_efficiency"],
        flags=items["flags"].map(lambda flags: "、".join(FLAG_NAMES[f] for f in flags)),
    )
    columns = [c for c in SHOWN if c in shown.columns]
    return shown[columns].rename(columns=SHOWN).round(2)


def item_analysis(code: str, *, which: str | None = None) -> w.VBox:
    """Show the item analysis of a session: figures, flagged questions first, and the chart."""
    from quizkit.sessions.charts import item_chart, png_bytes

    box = w.VBox(layout=full_width())
    box.add_class("quizkit")
    try:
        context = learner_context()
        store = context.store()
        session = find_session(store, code)
        limits = thresholds(context.settings)
        analysis = analyse_session(store, session, which=which, bank=context.bank, limits=limits)
    except QuizkitError as error:
        box.children = (w.HTML(session_stylesheet() + status_html(error.user_message, error=True)),)
        display(box)
        return box
    flagged = items_frame(analysis.flagged)
    chart = w.Image(
        value=png_bytes(item_chart(analysis.items, f"《{session.title}》题目分析")), format="png"
    )
    chart.layout.max_width = "48rem"
    box.children = (
        w.HTML(
            session_stylesheet()
            + title_html(f"题目分析：{session.title}", f"考试码 {session.code}")
        ),
        w.HTML(figures_html(analysis)),
        w.HTML('<div class="qk-title" lang="zh-CN">需要修改的题目</div>'),
        w.HTML(table_html(flagged, "没有需要提示的题目。")),
        chart,
        w.HTML('<div class="qk-title" lang="zh-CN">全部题目</div>'),
        w.HTML(table_html(items_frame(analysis.items), "还没有已交的答卷。")),
    )
    display(box)
    return box


__all__ = ["figures_html", "item_analysis", "items_frame"]
