"""Rendering ``quizkit bank impact`` for people: a summary line and two rich tables."""

from __future__ import annotations

from collections import Counter

from rich.console import Console
from rich.table import Table

from quizkit.bank.impact import ImpactReport, describe_fate


def print_report(report: ImpactReport, console: Console) -> None:
    counts = Counter(fate.fate for fate in report.fates.values())
    console.print(
        f"{report.law}: {len(report.fates)} old articles — kept {counts['kept']}, "
        f"changed {counts['changed']}, moved {counts['moved']}, vanished {counts['vanished']}"
    )
    if report.empty:
        console.print("No question or lesson citation is affected.")
        return
    if report.questions:
        table = Table(title=f"受影响的题目 questions ({len(report.questions)})")
        for column in ("题号 id", "位置 file:line", "原因 reason"):
            table.add_column(column, overflow="fold")
        for item in report.questions:
            table.add_row(item.question_id, f"{item.file}:{item.line}", item.reason)
        console.print(table)
    if report.lessons:
        table = Table(title=f"受影响的课程引用 lesson citations ({len(report.lessons)})")
        for column in ("课程 notebook", "单元格 cell:line", "引用 citation", "变化 change"):
            table.add_column(column, overflow="fold")
        for lesson in report.lessons:
            cite = lesson.citation
            table.add_row(
                cite.notebook, f"{cite.cell}:{cite.line}", cite.text, describe_fate(lesson.fate)
            )
        console.print(table)
