"""`quizkit roster import|export`: the roster of cadres (花名册) from and to Excel or CSV."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click
from rich.console import Console
from rich.table import Table

from quizkit.cli import current_project

if TYPE_CHECKING:
    from quizkit.interop.roster_plan import RosterPlan

TABLE_LIMIT = 50  # a real import shows at most this many changes; a dry run shows them all


def _show(plan: RosterPlan, limit: int | None) -> None:
    from quizkit.interop.roster_plan import ACTIONS

    console = Console() if Console().is_terminal else Console(width=160)
    if not plan.changes:
        return
    table = Table(title="花名册变更 roster changes")
    for column in ("操作", "工号", "姓名", "单位", "变化 (before → after)"):
        table.add_column(column)
    for change in plan.changes[:limit]:
        record = change.after
        table.add_row(
            ACTIONS[change.action], record.id, record.name, record.unit, change.describe()
        )
    console.print(table)
    if limit is not None and len(plan.changes) > limit:
        click.echo(f"… and {len(plan.changes) - limit} more (see them all with --dry-run)")


@click.group()
def roster() -> None:
    """Import and export the roster of cadres (花名册)."""


@roster.command("import")
@click.argument("source", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option(
    "--map",
    "mappings",
    multiple=True,
    metavar="源列=姓名",
    help="Read a column with another header as one of ours, e.g. --map 部门=单位 (repeatable).",
)
@click.option("--dry-run", is_flag=True, help="Print the changes; write nothing.")
@click.option("--skip-bad", is_flag=True, help="Import the good rows; list the bad ones skipped.")
@click.option(
    "--retire-missing",
    is_flag=True,
    help="Mark people the file does not list 停用 (never on a file that lists nobody).",
)
@click.option(
    "--numeric-ids",
    is_flag=True,
    help="Accept 工号 that look like Excel dropped their leading zeros (001 → 1).",
)
@click.option("--units-fixed", is_flag=True, help="Refuse units that are not already in the store.")
@click.option("--sheet", help="The worksheet to read (default: the first).")
@click.option("--encoding", help="Encoding of a CSV file (default: detected: UTF-8 or GBK).")
@click.pass_context
def import_(
    ctx: click.Context,
    source: Path,
    mappings: tuple[str, ...],
    dry_run: bool,
    skip_bad: bool,
    retire_missing: bool,
    numeric_ids: bool,
    units_fixed: bool,
    sheet: str | None,
    encoding: str | None,
) -> None:
    """Add and update cadres from an .xlsx or .csv roster.

    Nothing is written unless every row is good (or --skip-bad). People missing from the file stay as
    they are unless --retire-missing; then they are marked inactive (停用) and keep every answer —
    nobody is deleted.
    """
    from quizkit.errors import ImportFormatError
    from quizkit.interop import ImportProblems, apply_roster, plan_roster, read_roster
    from quizkit.interop.roster import parse_mapping
    from quizkit.interop.roster_plan import REFUSED_HINT
    from quizkit.interop.source import samples

    mapping = parse_mapping(mappings)
    project = current_project(ctx)
    course = project.course()
    tracks = [track.name for track in course.tracks] if course is not None else None
    with project.store() as store:
        known = set(store.unit_parents()) if units_fixed else None
        roster_file = read_roster(
            source,
            mapping=mapping,
            sheet=sheet,
            encoding=encoding,
            known_units=known,
            known_tracks=tracks,
        )
        how = f" as {roster_file.encoding}" if roster_file.encoding else ""
        names = [entry.record.name for entry in roster_file.entries]
        click.echo(f"read {source}{how}: {len(names)} people{samples(names)}")
        if roster_file.unknown:
            click.echo(f"columns not read: {', '.join(roster_file.unknown)} (map them with --map)")
        if roster_file.problems and not skip_bad:
            raise ImportProblems(
                roster_file.problems,
                what=str(source),
                hint="fix these rows, or pass --skip-bad to import the good rows only; "
                "nothing was written",
            )
        for problem in roster_file.problems:
            click.echo(f"skipped: {problem}", err=True)
        if roster_file.bad_rows:
            rows = ", ".join(str(row) for row in roster_file.bad_rows)
            click.echo(f"skipped {len(roster_file.bad_rows)} row(s): {rows}", err=True)
        plan = plan_roster(
            roster_file,
            store.find_cadres(),
            store.unit_parents(),
            retire_missing=retire_missing,
            numeric_ids=numeric_ids,
        )
        _show(plan, None if dry_run else TABLE_LIMIT)
        if plan.refused:
            raise ImportFormatError(f"{source}: " + "; ".join(plan.refused), hint=REFUSED_HINT)
        if dry_run:
            click.echo(f"dry run: {plan.summary()}; nothing written")
            return
        apply_roster(store, plan)
        click.echo(f"roster updated in {store.url}: {plan.summary()}")


@roster.command("export")
@click.argument("target", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--active-only", is_flag=True, help="Leave out inactive cadres.")
@click.option(
    "--encoding",
    default="utf-8-sig",
    show_default=True,
    help="Encoding of a .csv file (gbk for old Excel versions).",
)
@click.pass_context
def export(ctx: click.Context, target: Path, active_only: bool, encoding: str) -> None:
    """Write the roster to .xlsx or .csv, in the layout `quizkit roster import` reads."""
    from quizkit.interop import write_roster

    with current_project(ctx).store(create=False) as store:
        cadres = [c for c in store.find_cadres() if c.active or not active_only]
        write_roster(cadres, store.unit_parents(), target, encoding=encoding)
    click.echo(f"wrote {target}: {len(cadres)} cadres")


COMMANDS = [roster]
