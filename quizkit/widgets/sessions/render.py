"""HTML fragments of the session views (escaped text only), and their stylesheet."""

from __future__ import annotations

from datetime import timedelta
from functools import cache
from html import escape
from importlib.resources import files

import pandas as pd

from quizkit.learner.feedback import format_points
from quizkit.sessions.live import Overview
from quizkit.sessions.sitting import ExamResult
from quizkit.sessions.timing import clock_text
from quizkit.widgets.render import stylesheet

LOW_TIME = timedelta(minutes=5)


@cache
def session_stylesheet() -> str:
    css = files("quizkit.widgets.sessions").joinpath("sessions.css").read_text(encoding="utf-8")
    return stylesheet() + f"<style>{css}</style>"


def clock_html(left: timedelta | None) -> str:
    if left is None:
        return '<span class="qk-clock" lang="zh-CN">不限时</span>'
    low = " qk-low" if left <= LOW_TIME else ""
    return f'<span class="qk-clock{low}" lang="zh-CN">剩余时间 {clock_text(left)}</span>'


def counts_html(answered: int, total: int, marked: int) -> str:
    text = f"已答 {answered} / {total} 题　标记待查 {marked} 题"
    return f'<span class="qk-muted" lang="zh-CN">{escape(text)}</span>'


def confirm_text(answered: int, total: int, marked: int) -> str:
    missing = total - answered
    parts = [f"共 {total} 题，已答 {answered} 题"]
    if missing:
        parts.append(f"还有 {missing} 题未作答")
    if marked:
        parts.append(f"{marked} 题标记待查")
    return "，".join(parts) + "。交卷后不能再修改，确定交卷吗？"


def _verdict(result: ExamResult) -> str:
    """合格 / 不合格 after the grade band, unless the band's name already says it (the default
    bands end in 合格 and 不合格: "等级：不合格　不合格" read as a stutter)."""
    verdict = "合格" if result.passed else "不合格"
    return "" if result.band == verdict else f"　{verdict}"


def result_html(result: ExamResult) -> str:
    lines = [f"<div>{escape(result.message)}</div>"]
    if result.visible != "none":
        score = result.score
        lines.append(
            f"<div>得分 <b>{format_points(score.earned)}</b> / {format_points(score.possible)}"
            f"（百分制 {format_points(score.percent)}）　等级："
            f'<span class="qk-band">{escape(result.band)}</span>{_verdict(result)}</div>'
        )
        lines.append(
            f"<div>作答 {score.answered} / {score.total} 题，答对 {score.correct} 题。</div>"
        )
    return f'<div class="qk-summary qk-result" lang="zh-CN">{"".join(lines)}</div>'


def overview_html(overview: Overview, updated: str) -> str:
    mean = "—" if overview.mean_percent is None else format_points(overview.mean_percent)
    figures = [
        ("已加入", str(overview.joined)),
        ("作答中", str(overview.working)),
        ("已交卷", str(overview.finished)),
        ("平均分", mean),
    ]
    cells = "".join(f"<div>{escape(name)} <b>{escape(value)}</b></div>" for name, value in figures)
    stamp = f'<div class="qk-muted">更新于 {escape(updated)}</div>'
    return f'<div class="qk-figures" lang="zh-CN">{cells}</div>{stamp}'


MAX_BARS = 40  # questions on the correct-rate chart (the lowest rates first)


def rates_html(rates: pd.DataFrame) -> str:
    """各题正确率 as horizontal bars (lowest first; red under 60 %), drawn by the browser."""
    if rates.empty:
        return ""
    shown = rates.sort_values(["正确率", "question_id"]).head(MAX_BARS)
    title = "各题正确率" + (f"（正确率最低的 {MAX_BARS} 题）" if len(rates) > MAX_BARS else "")
    rows = []
    for question, rate, right, answered in zip(
        shown["question_id"], shown["正确率"], shown["答对人数"], shown["作答人数"], strict=True
    ):
        tone = "qk-bad" if rate < 60 else "qk-ok"
        rows.append(
            f'<div class="qk-rate"><span class="qk-rate-id">{escape(str(question))}</span>'
            f'<span class="qk-rate-bar"><span class="{tone}" style="width: {float(rate):.1f}%"></span></span>'
            f"<span>{format_points(float(rate))}%（{int(right)}/{int(answered)}）</span></div>"
        )
    return f'<div class="qk-rates" lang="zh-CN"><div class="qk-title">{title}</div>{"".join(rows)}</div>'


def table_html(frame: pd.DataFrame, empty: str) -> str:
    """A DataFrame as an escaped HTML table (NaN shown as —)."""
    if frame.empty:
        return f'<div class="qk-muted" lang="zh-CN">{escape(empty)}</div>'
    table = frame.to_html(
        index=False, escape=True, na_rep="—", float_format=format_points, border=0
    )
    return f'<div class="qk-board" lang="zh-CN">{table}</div>'


__all__ = [
    "clock_html",
    "confirm_text",
    "counts_html",
    "overview_html",
    "rates_html",
    "result_html",
    "session_stylesheet",
    "table_html",
]
