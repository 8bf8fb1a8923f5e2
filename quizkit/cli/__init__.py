"""The `quizkit` command: a thin layer over the library (the library never imports this package)."""

from __future__ import annotations

import sys
from typing import Any

import click

from quizkit.errors import QuizkitError


class QuizkitGroup(click.Group):
    """Turns a QuizkitError into one clear message and exit code 1, never a traceback."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except QuizkitError as error:
            raise click.ClickException(str(error)) from error


@click.group(cls=QuizkitGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--db-url",
    envvar="QUIZKIT_DB_URL",
    default=None,
    help="Database URL (default: SQLite at results/quizkit.db).",
)
@click.pass_context
def main(ctx: click.Context, db_url: str | None) -> None:
    """quizkit: law-study quizzes, exams and score sheets for township cadres."""
    ctx.obj = {"db_url": db_url}


def _register() -> None:
    from quizkit.cli import bank_commands

    main.add_command(bank_commands.bank)
    for module_name in (
        "db_commands",
        "roster_commands",
        "session_commands",
        "report_commands",
        "export_commands",
        "certificate_commands",
        "interop_commands",
    ):
        try:
            module = __import__(f"quizkit.cli.{module_name}", fromlist=["commands"])
        except ModuleNotFoundError as error:
            if error.name != f"quizkit.cli.{module_name}":
                raise
            continue
        for command in getattr(module, "COMMANDS", ()):
            main.add_command(command)


_register()


def run() -> None:  # pragma: no cover - console entry point
    main(prog_name="quizkit")
    sys.exit(0)
