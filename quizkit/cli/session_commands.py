"""`quizkit session create|list|show|close|extend|stats`: a trainer's sessions and exams."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.table import Table

from quizkit.cli import current_project
from quizkit.cli.session_stats import stats
from quizkit.records import utc_now
from quizkit.sessions import (
    close_session,
    create_session,
    extend_session,
    find_session,
    list_sessions,
    live_data,
)
from quizkit.sessions.manage import Session
from quizkit.sessions.setup import read_rules_file, session_rules
from quizkit.sessions.timing import local_text
from quizkit.store import Store

WHEN = click.DateTime(formats=["%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M", "%Y-%m-%d"])


def _console() -> Console:
    console = Console()
    return console if console.is_terminal else Console(width=160)


@contextmanager
def _store(ctx: click.Context) -> Iterator[Store]:
    with current_project(ctx).store(create=True) as store:
        yield store


@click.group()
def session() -> None:
    """Practice rounds and exams for a room of cadres: create, watch, close, analyse."""


@session.command()
@click.option("--title", required=True, help="Shown to cadres, e.g. 2026年度学法考试.")
@click.option("--kind", type=click.Choice(["exam", "practice"]), default="exam", show_default=True)
@click.option("--code", help="Join code (default: 4 random characters such as K7Q2).")
@click.option("--questions", help="Fixed paper: question (or case) ids, comma-separated.")
@click.option("--quiz", help="Fixed paper: a named quiz of the bank.")
@click.option("--blueprint", help="Drawn per cadre, e.g. single:25x2,multiple:10x2,judge:15x2.")
@click.option("--opens", type=WHEN, help="Local time it opens: 2026-12-01 09:00.")
@click.option("--closes", type=WHEN, help="Local time it closes.")
@click.option("--duration", "duration_minutes", type=int, help="Minutes per attempt.")
@click.option("--attempts", "attempts_allowed", type=int, help="Attempts allowed (default 1).")
@click.option(
    "--counting", type=click.Choice(["highest", "last", "first"]), help="Which attempt counts."
)
@click.option("--pass-mark", type=float, help="Pass mark out of 100 (default: the settings').")
@click.option("--bands", help="Grade bands, e.g. 优秀=90,良好=80,合格=60,不合格=0.")
@click.option("--multi-policy", type=click.Choice(["all-or-nothing", "partial", "moodle"]))
@click.option("--shuffle-options/--keep-options", default=None, help="Shuffle options per cadre.")
@click.option("--shuffle-questions", is_flag=True, help="Shuffle the order of questions.")
@click.option("--unit", "units", multiple=True, help="Only this unit (and its sub-units); repeat.")
@click.option("--cadre", "cadres", multiple=True, help="Only this cadre id; repeat.")
@click.option("--makeup-opens", type=WHEN, help="补考 window opens (local time).")
@click.option("--makeup-closes", type=WHEN, help="补考 window closes.")
@click.option(
    "--makeup-who",
    type=click.Choice(["failed_or_absent", "failed", "absent"]),
    default="failed_or_absent",
)
@click.option("--makeup-attempts", type=int, default=1, show_default=True)
@click.option("--review", type=click.Choice(["none", "score", "answers"]), help="Shown after 交卷.")
@click.option(
    "--review-from", type=click.Choice(["submit", "close"]), help="From 交卷, or once closed."
)
@click.option("--year", type=int, help="The appraisal year it counts for.")
@click.option(
    "--rules", "rules_file", type=click.Path(path_type=Path, dir_okay=False), help="JSON rules."
)
@click.pass_context
def create(ctx: click.Context, /, **options: Any) -> None:
    """Create a session; prints its join code. A blueprint the bank cannot fill is refused."""
    project = current_project(ctx)
    settings, bank = project.settings, project.bank()
    title, kind, code = options.pop("title"), options.pop("kind"), options.pop("code")
    opens, closes = options.pop("opens"), options.pop("closes")
    rules_file = options.pop("rules_file")
    base = read_rules_file(rules_file) if rules_file else None
    rules = session_rules(settings, bank, base=base, **options)
    with _store(ctx) as store:
        created = create_session(
            store,
            bank,
            title=title,
            rules=rules,
            kind=kind,
            code=code,
            opens_at=opens,
            closes_at=closes,
        )
    click.echo(f"created {created.kind} session 《{created.title}》")
    click.echo(f'join code: {created.code}    (cadres run: quizkit.join("{created.code}"))')
    click.echo(created.rules.paper.describe())


@session.command("list")
@click.option("--status", type=click.Choice(["open", "closed"]))
@click.pass_context
def list_(ctx: click.Context, status: str | None) -> None:
    """Every session, newest first."""
    with _store(ctx) as store:
        found = list_sessions(store, status=status)
    table = Table(title="考试与练习 sessions")
    for column in ("code", "title", "kind", "status", "opens", "closes", "paper"):
        table.add_column(column)
    for item in found:
        table.add_row(
            item.code,
            item.title,
            item.kind,
            item.status,
            local_text(item.opens_at),
            local_text(item.closes_at),
            item.rules.paper.describe(),
        )
    _console().print(table)


def _rules_lines(found: Session) -> list[str]:
    rules = found.rules
    makeup = rules.makeup
    lines = [
        f"code {found.code} · {found.kind} · {found.status} · opens {local_text(found.opens_at)}"
        f" · closes {local_text(found.closes_at)}",
        rules.paper.describe(),
        f"duration {rules.duration_minutes or '—'} min · attempts {rules.attempts_allowed}"
        f" ({rules.counting} counts) · pass {rules.pass_mark:g} · 多选 {rules.multi_policy}"
        f" · shuffle options {'yes' if rules.shuffle_options else 'no'}",
        f"review {rules.review} from {rules.review_from} · units {', '.join(rules.units) or 'all'}"
        f" · cadres {', '.join(rules.cadres) or 'all'}",
    ]
    if makeup is not None:
        lines.append(
            f"补考 {local_text(makeup.opens_at)} – {local_text(makeup.closes_at)} for {makeup.who},"
            f" {makeup.attempts_allowed} attempt(s)"
        )
    for extension in rules.extensions:
        lines.append(f"延时 +{extension.minutes} min at {local_text(extension.at)}")
    return lines


@session.command()
@click.argument("code")
@click.pass_context
def show(ctx: click.Context, code: str) -> None:
    """The rules of a session and who has joined, answered and submitted."""
    with _store(ctx) as store:
        found = find_session(store, code)
        live = live_data(store, found, utc_now())
    click.echo(f"《{found.title}》")
    for line in _rules_lines(found):
        click.echo("  " + line)
    overview = live.overview
    mean = "—" if overview.mean_percent is None else f"{overview.mean_percent:g}"
    click.echo(
        f"  joined {overview.joined} · answering {overview.working} · finished {overview.finished}"
        f" · mean {mean}"
    )
    if not live.board.empty:
        table = Table()
        for column in live.board.columns[1:]:
            table.add_column(str(column))
        for row in live.board.itertuples(index=False):
            table.add_row(*("" if value != value else str(value) for value in row[1:]))
        _console().print(table)


@session.command()
@click.argument("code")
@click.pass_context
def close(ctx: click.Context, code: str) -> None:
    """End a session now: open attempts are closed with what was saved."""
    with _store(ctx) as store:
        closed = close_session(store, find_session(store, code))
    click.echo(f"closed {closed.code} at {local_text(closed.closes_at)}")


@session.command()
@click.argument("code")
@click.option("--minutes", type=int, required=True, help="Minutes to add.")
@click.pass_context
def extend(ctx: click.Context, code: str, minutes: int) -> None:
    """延时: give everyone still answering (and the session) more minutes."""
    with _store(ctx) as store:
        extended, moved = extend_session(store, find_session(store, code), minutes)
    click.echo(
        f"extended {extended.code} by {minutes} min: closes {local_text(extended.closes_at)};"
        f" {moved} open attempt(s) extended"
    )


@session.command()
@click.argument("code")
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help="Notebook file or folder (default: courses/, as 考试-CODE.ipynb).",
)
@click.pass_context
def handout(ctx: click.Context, code: str, output: Path | None) -> None:
    """Write a notebook that opens this session: cadres only press 运行全部单元格."""
    from quizkit.sessions.handout import write_handout

    settings = current_project(ctx).settings
    with _store(ctx) as store:
        found = find_session(store, code)
    click.echo(f"handout: {write_handout(found, output or settings.courses_dir)}")


session.add_command(stats)

COMMANDS = [session]
