"""`quizkit db init|check|backup|upgrade|verify`: create, check, copy, upgrade and verify the results
database."""

from __future__ import annotations

from pathlib import Path

import click

from quizkit.cli import current_project
from quizkit.store import SCHEMA_VERSION, upgrade_store


@click.group()
def db() -> None:
    """Create, check, back up and upgrade the results database."""


@db.command()
@click.pass_context
def init(ctx: click.Context) -> None:
    """Create the tables if the database is empty (safe to run again)."""
    with current_project(ctx).store(create=True) as store:
        counts = store.counts()
        click.echo(
            f"ready: {store.url} (schema {SCHEMA_VERSION}; "
            f"{counts['cadres']} cadres, {counts['answers']} answers)"
        )


@db.command()
@click.option("--full", is_flag=True, help="Recompute the score of every closed attempt.")
@click.option(
    "--sample",
    type=click.IntRange(min=0),
    default=200,
    show_default=True,
    help="How many closed attempts, drawn at random, have their stored score recomputed.",
)
@click.pass_context
def check(ctx: click.Context, full: bool, sample: int) -> None:
    """Run the integrity check, recompute stored scores from the answer log and print row counts;
    exit 1 when a problem is found (an attempt whose stored score disagrees is named)."""
    with current_project(ctx).store(create=False) as store:
        problems = store.integrity_check()
        checked, disagreeing = store.check_scores(sample=None if full else sample)
        counts = store.counts()
        click.echo(f"{store.url} (schema {SCHEMA_VERSION})")
    for table, count in counts.items():
        click.echo(f"  {table:<13}{count:>10}")
    click.echo(f"scores: {checked} closed attempt(s) recomputed from the answer log")
    problems += [f"stored score disagrees: {line}" for line in disagreeing]
    if problems:
        for problem in problems:
            click.echo(f"problem: {problem}", err=True)
        raise click.ClickException(f"{len(problems)} problem(s) found")
    click.echo("integrity: ok")


@db.command()
@click.argument("target", type=click.Path(path_type=Path))
@click.option("--force", is_flag=True, help="Overwrite TARGET if it exists.")
@click.pass_context
def backup(ctx: click.Context, target: Path, force: bool) -> None:
    """Copy the SQLite database to TARGET (a file or a folder) while others keep writing.

    Never onto the database's own files (-wal, -shm); an existing file only with --force."""
    with current_project(ctx).store(create=False) as store:
        written = store.backup(target, force=force)
    click.echo(f"backup written: {written}")


@db.command()
@click.pass_context
def upgrade(ctx: click.Context) -> None:
    """Bring an older database up to this quizkit's schema (make a backup first)."""
    before, after = upgrade_store(current_project(ctx).database_url)
    if before == after:
        click.echo(f"already at schema {after}; nothing to do")
    else:
        click.echo(f"upgraded from schema {before or 0} to {after}")


@db.command()
@click.pass_context
def verify(ctx: click.Context) -> None:
    """Check the answers' hash chain: name the first row that was edited, deleted or inserted out
    of order (row, attempt, cadre, question) and exit 1; exit 0 when every chain holds."""
    with current_project(ctx).store(create=False) as store:
        report = store.verify_answer_chain()
    if report.first_break is None:
        click.echo(f"answer chain: ok ({report.rows} answers in {report.attempts} attempts)")
        return
    click.echo(f"first break in the answer chain: {report.first_break.describe()}", err=True)
    raise click.ClickException(
        f"the answer chain is broken in {len(report.breaks)} of {report.attempts} attempt(s); "
        "restore a `quizkit db backup` copy or keep this database as evidence"
    )


COMMANDS = [db]
