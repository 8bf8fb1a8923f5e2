"""`quizkit session stats CODE`: item analysis tables, a chart file and an optional CSV."""

from __future__ import annotations

from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from quizkit.atomicfile import replacing
from quizkit.cli import current_project
from quizkit.csvsafe import neutralise
from quizkit.sessions import analyse_session, find_session
from quizkit.sessions.stats import WHICH, WHICH_NAMES, SessionAnalysis, thresholds


def _console() -> Console:
    console = Console()
    return console if console.is_terminal else Console(width=160)


def _number(value: object, digits: int = 1, scale: float = 1.0) -> str:
    number = float(value) if isinstance(value, int | float) else float("nan")
    return "—" if number != number else f"{number * scale:.{digits}f}"


def _print_analysis(analysis: SessionAnalysis, min_flag_attempts: int) -> None:
    test = analysis.test
    click.echo(f"《{analysis.session.title}》 item analysis over {WHICH_NAMES[analysis.which]}")
    click.echo(
        f"  attempts {test.attempts} · slots {test.items} · mean {_number(test.mean, 2)}"
        f" / {test.max_total:g} ({_number(test.mean_percent)}%) · median {_number(test.median, 2)}"
        f" · SD {_number(test.sd, 2)} · skewness {_number(test.skewness, 3)}"
        f" · kurtosis {_number(test.kurtosis, 3)}"
    )
    click.echo(
        f"  Cronbach's alpha (KR-20) {_number(test.alpha, 3)} · error ratio"
        f" {_number(test.error_ratio, 1)}% · standard error {_number(test.standard_error, 2)}"
    )
    table = Table(title="题目分析 (F facility, DI discrimination index, DE efficiency)")
    for column in ("question", "type", "n", "F%", "SD%", "DI", "DE%", "D27", "r_pb", "flags"):
        table.add_column(
            column, justify="left" if column in ("question", "type", "flags") else "right"
        )
    items = analysis.items.assign(flagged=analysis.items["flags"].map(bool).astype(bool))
    ordered = items.sort_values(["flagged", "question_id"], ascending=[False, True])
    for row in ordered.to_dict("records"):
        table.add_row(
            str(row["question_id"]),
            str(row.get("type", "")),
            str(row["n"]),
            _number(row["facility"], 1, 100),
            _number(row["sd"], 1, 100),
            _number(row["discrimination_index"]),
            _number(row["discriminative_efficiency"]),
            _number(row["d27"], 2),
            _number(row["point_biserial"], 2),
            analysis.flag_text(row["flags"]),
        )
    _console().print(table)
    click.echo(
        f"n: 作答人数 per question; 负区分/区分度低 are flagged only when n ≥ {min_flag_attempts}"
        " (item_flag_min_attempts)"
    )


@click.command()
@click.argument("code")
@click.option(
    "--attempts", "which", type=click.Choice(WHICH), help="Default: the session's rule (first)."
)
@click.option("--chart", type=click.Path(path_type=Path, dir_okay=False), help="PNG of the items.")
@click.option(
    "--csv", "csv_path", type=click.Path(path_type=Path, dir_okay=False), help="Table as CSV."
)
@click.pass_context
def stats(
    ctx: click.Context, code: str, which: str | None, chart: Path | None, csv_path: Path | None
) -> None:
    """Item analysis: facility, discrimination, reliability; flags questions to fix in the bank."""
    from quizkit.sessions.charts import item_chart, save_chart

    project = current_project(ctx)
    settings, bank = project.settings, project.bank()
    with project.store() as store:
        session = find_session(store, code)
        limits = thresholds(settings)
        analysis = analyse_session(store, session, which=which, bank=bank, limits=limits)
    _print_analysis(analysis, limits.min_flag_attempts)
    if analysis.shortage is not None:
        click.echo(analysis.shortage)
    else:
        target = chart or settings.results_dir / f"{analysis.session.code}-items.png"
        save_chart(item_chart(analysis.items, f"《{analysis.session.title}》题目分析"), target)
        click.echo(f"chart: {target}")
    if csv_path is not None:
        csv_path.parent.mkdir(parents=True, exist_ok=True)
        with replacing(csv_path) as temporary:
            analysis.items.map(neutralise).to_csv(temporary, index=False, encoding="utf-8-sig")
        click.echo(f"table: {csv_path}")


__all__ = ["stats"]
