"""`quizkit review status`: per unit, how many cadres keep up with their spaced reviews."""

from __future__ import annotations

import click
from rich.console import Console
from rich.table import Table

from quizkit.cli import current_project
from quizkit.spaced_review.queue import GRACE_DAYS, review_status


@click.group()
def review() -> None:
    """Spaced review (今日复习) figures for trainers."""


@review.command()
@click.option(
    "--grace-days",
    type=click.IntRange(min=0),
    default=GRACE_DAYS,
    show_default=True,
    help="A cadre falls behind when a review is overdue by more than this many days.",
)
@click.pass_context
def status(ctx: click.Context, grace_days: int) -> None:
    """Per unit: cadres, cadres with reviews, keeping up, behind, reviews due today."""
    with current_project(ctx).store(create=False) as store:
        rows = review_status(store, grace_days=grace_days)
    table = Table(title=f"今日复习 per unit (behind: a review overdue > {grace_days} days)")
    for column in (
        "单位 unit",
        "干部 cadres",
        "有复习 scheduled",
        "跟上 keeping up",
        "落后 behind",
        "今日到期 due today",
    ):
        table.add_column(column, justify="left" if column.startswith("单位") else "right")
    for row in rows:
        table.add_row(
            row.unit,
            str(row.cadres),
            str(row.scheduled),
            str(row.keeping_up),
            str(row.behind),
            str(row.due_today),
        )
    console = Console() if Console().is_terminal else Console(width=160)
    console.print(table)
