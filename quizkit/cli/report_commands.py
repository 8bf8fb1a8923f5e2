"""`quizkit report cadres|units|absent|failed|laws|tags|year`: the report DataFrames, in the terminal
or as CSV (UTF-8 with BOM) / xlsx files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
import pandas as pd
from rich.console import Console
from rich.table import Table

from quizkit.cli.report_options import make_request, prepared, scope_options
from quizkit.export.csvfiles import write_csv
from quizkit.export.formatting import is_missing, number, percent
from quizkit.export.workbook import RATE_COLUMNS, SheetSpec, write_workbook

REPORTS = {
    "cadres": ("cadres", "人员成绩: study, practice, counted score, band, ranks"),
    "units": ("units", "单位汇总: 应考/实考/参考率/合格率/优秀率/平均分, ranked, with 合计"),
    "absent": ("absent", "未参考: cadres due to sit without a result"),
    "failed": ("failed", "不合格: cadres below the pass mark"),
    "laws": ("laws", "正确率 per law, weakest first"),
    "tags": ("tags", "正确率 per tag, weakest first"),
    "year": ("years", "学法档案: one row per cadre per year"),
}


@click.group()
def report() -> None:
    """Reports from the answer log (per cadre, per unit, per law, per year)."""


def _text(column: str, value: Any) -> str:
    if is_missing(value):
        return ""
    if column in RATE_COLUMNS:
        return percent(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    return number(value) if isinstance(value, float) else str(value)


def print_frame(frame: pd.DataFrame, title: str, limit: int) -> None:
    table = Table(title=title)
    for column in frame.columns:
        table.add_column(str(column), overflow="fold")
    for _, row in frame.head(limit).iterrows():
        table.add_row(*(_text(str(column), row[column]) for column in frame.columns))
    console = Console()
    console.print(table)
    if len(frame) > limit:
        console.print(f"… {len(frame) - limit} more rows (use --csv or --xlsx for all)")


def _make_command(name: str, attribute: str, summary: str) -> click.Command:
    @report.command(name=name, help=summary)
    @scope_options
    @click.option("--csv", "csv_path", type=click.Path(path_type=Path), help="Write CSV here.")
    @click.option("--xlsx", "xlsx_path", type=click.Path(path_type=Path), help="Write .xlsx here.")
    @click.option("--limit", default=50, show_default=True, help="Rows to print.")
    @click.pass_context
    def command(
        ctx: click.Context,
        /,
        csv_path: Path | None,
        xlsx_path: Path | None,
        limit: int,
        **options: Any,
    ) -> None:
        project, request = make_request(ctx, "scoresheet", **options)
        reports, _ = prepared(project, request)
        frame: pd.DataFrame = getattr(reports, attribute)
        if request.unit and "单位" in frame.columns:
            frame = frame[frame["单位"] == request.unit].reset_index(drop=True)
        if csv_path:
            click.echo(f"wrote {write_csv(frame, csv_path)}")
        if xlsx_path:
            spec = SheetSpec(summary.split(":")[0], frame, note=reports.policy.describe())
            click.echo(f"wrote {write_workbook(reports, xlsx_path, sheets=[spec])}")
        if attribute == "years" and frame.empty:
            click.echo("学法档案 is built for a year (--year) or for all records (no --session)")
        if not csv_path and not xlsx_path:
            print_frame(frame, f"{reports.title} {reports.scope.label()}", limit)
            click.echo(reports.policy.describe())

    return command


for _name, (_attribute, _summary) in REPORTS.items():
    _make_command(_name, _attribute, _summary)

COMMANDS = [report]
