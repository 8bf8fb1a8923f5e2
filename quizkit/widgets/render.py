"""HTML fragments the quiz views show: every text is escaped, nothing is a Python repr."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from html import escape
from importlib.resources import files
from typing import Any

from IPython import display as _ipython_display

from quizkit.bank.models import CaseGroup, Question
from quizkit.learner.feedback import TYPE_NAMES, Feedback, format_points
from quizkit.learner.state import Progress, Summary
from quizkit.question_types.fill import numbered_blanks

display: Callable[..., Any] = _ipython_display.display  # IPython's display(), typed for mypy


class ShownOnce:
    """Mixin for a view that is shown once: the functions that build views display them and also
    return them, and a returned value at the end of a cell would otherwise be displayed again."""

    _displayed = False

    def _ipython_display_(self, **kwargs: Any) -> None:
        if not self._displayed:
            self._displayed = True
            display(self._repr_mimebundle_(), raw=True)  # type: ignore[attr-defined]


@cache
def stylesheet() -> str:
    css = files("quizkit.widgets").joinpath("quiz.css").read_text(encoding="utf-8")
    return f"<style>{css}</style>"


def title_html(title: str, subtitle: str = "") -> str:
    sub = f'<div class="qk-muted">{escape(subtitle)}</div>' if subtitle else ""
    return f'<div lang="zh-CN"><div class="qk-title">{escape(title)}</div>{sub}</div>'


def question_head(number: int, question: Question, points: float) -> str:
    kind = TYPE_NAMES.get(question.type, question.type)
    head = f"第 {number} 题 · {kind} · {format_points(points)} 分"
    return f'<div class="qk-head" lang="zh-CN">{escape(head)}</div>'


def stem_html(question: Question) -> str:
    return f'<div class="qk-stem" lang="zh-CN">{escape(numbered_blanks(question.stem))}</div>'


def case_html(case: CaseGroup) -> str:
    heading = case.title or "案例分析"
    return (
        f'<div class="qk-case" lang="zh-CN"><b>{escape(heading)}</b>\n'
        f"{escape(case.scenario.strip())}</div>"
    )


def feedback_html(feedback: Feedback) -> str:
    """Verdict, the learner's and the right answer, the explanation and the article cited."""
    tone = "qk-ok" if feedback.correct else "qk-bad"
    mark = "✔" if feedback.correct else "✘"
    quote = f"：“{escape(feedback.quote)}”" if feedback.quote else ""
    lines = [
        f'<div class="qk-verdict">{mark} {escape(feedback.verdict)}</div>',
        f"<div>你的答案：{escape(feedback.response_text)}</div>",
        f"<div>正确答案：{escape(feedback.answer_text)}</div>",
        f"<div>解析：{escape(feedback.explanation)}</div>",
        f'<div class="qk-cite">依据：{escape(feedback.citation)}{quote}</div>',
    ]
    return f'<div class="qk-feedback {tone}" lang="zh-CN">{"".join(lines)}</div>'


def progress_html(progress: Progress, *, retry: bool = False) -> str:
    share = 0 if progress.total == 0 else round(100 * progress.answered / progress.total)
    label = "错题重练：" if retry else ""
    line = (
        f"{label}第 {progress.current} 题 / 共 {progress.total} 题　"
        f"已答 {progress.answered} 题　答对 {progress.correct} 题"
    )
    return (
        f'<div class="qk-progress" lang="zh-CN" role="status"><div>{escape(line)}</div>'
        f'<div class="qk-progress-bar"><div style="width: {share}%"></div></div></div>'
    )


def summary_html(summary: Summary) -> str:
    verdict = "已达到合格线" if summary.passed else "尚未达到合格线"
    wrong = f"，答错 {len(summary.wrong)} 题" if summary.wrong else ""
    return (
        '<div class="qk-summary" lang="zh-CN">'
        f"<div>本测验共 {summary.total} 题，已答 {summary.answered} 题，"
        f"答对 {summary.correct} 题{wrong}。</div>"
        f"<div>得分 {format_points(summary.earned)} / {format_points(summary.possible)}"
        f"（{format_points(summary.percent)}%）"
        f'　等级：<span class="qk-band">{escape(summary.band)}</span>　{verdict}</div></div>'
    )


def notice_html(message: str) -> str:
    return f'<div class="qk-notice" lang="zh-CN" role="alert">{escape(message)}</div>'


def status_html(message: str, *, error: bool = False) -> str:
    if not message:
        return ""
    css = "qk-error" if error else "qk-muted"
    return f'<div class="{css}" lang="zh-CN">{escape(message)}</div>'


__all__ = [
    "ShownOnce",
    "case_html",
    "display",
    "feedback_html",
    "notice_html",
    "progress_html",
    "question_head",
    "status_html",
    "stem_html",
    "stylesheet",
    "summary_html",
    "title_html",
]
