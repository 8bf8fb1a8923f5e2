"""The `quizkit` command: a thin layer over the library (the library never imports this package)."""

from __future__ import annotations

import importlib
import sys
from typing import Any

import click

from quizkit.errors import QuizkitError
from quizkit.project import Project

# Command groups load on first use, so `quizkit --help` or `quizkit db init` does not pay for
# nbconvert, matplotlib or openpyxl (click's documented lazy-loading pattern).
LAZY_COMMANDS: dict[str, tuple[str, ...]] = {
    "bank": ("bank_commands", "interop_commands"),
    "certificate": ("certificate_commands",),
    "db": ("db_commands",),
    "export": ("export_commands",),
    "hub": ("hub_commands",),
    "report": ("report_commands",),
    "review": ("review_commands",),
    "roster": ("roster_commands", "roster_password_commands"),
    "session": ("session_commands",),
    "serve": ("serve_commands",),
}


class QuizkitGroup(click.Group):
    """Loads command groups lazily and turns a QuizkitError into one clear message, exit code 1."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *LAZY_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name in self.commands or cmd_name not in LAZY_COMMANDS:
            return super().get_command(ctx, cmd_name)
        first, *extras = LAZY_COMMANDS[cmd_name]
        module = importlib.import_module(f"quizkit.cli.{first}")
        for extra in extras:  # modules that attach more subcommands to the group
            importlib.import_module(f"quizkit.cli.{extra}")
        command = getattr(module, cmd_name)
        if not isinstance(command, click.Command):  # pragma: no cover - a wiring mistake
            raise TypeError(f"quizkit.cli.{first}.{cmd_name} is not a click command")
        self.add_command(command)
        return command

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except QuizkitError as error:
            raise click.ClickException(str(error)) from error


@click.group(cls=QuizkitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db-url",
    default=None,
    help="Database URL; overrides QUIZKIT_DB_URL and [tool.quizkit] db_url "
    "(default: SQLite at results/quizkit.db).",
)
@click.pass_context
def main(ctx: click.Context, db_url: str | None) -> None:
    """quizkit: law-study quizzes, exams and score sheets for township cadres."""
    ctx.obj = {"db_url": db_url}


def current_project(ctx: click.Context) -> Project:
    """The project this command works on: settings read in the usual order, the root
    ``--db-url`` flag overriding them (the only place a command reads it)."""
    overrides = ctx.find_root().obj or {}
    return Project.open(db_url=overrides.get("db_url"))


def run() -> None:  # pragma: no cover - console entry point
    main(prog_name="quizkit")
    sys.exit(0)
