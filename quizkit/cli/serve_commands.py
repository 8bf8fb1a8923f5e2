"""`quizkit serve`: the grading service, as JupyterHub starts it (see quizkit.service)."""

from __future__ import annotations

from pathlib import Path

import click

from quizkit.cli import current_project


@click.command()
@click.option(
    "--secrets",
    type=click.Path(dir_okay=False, path_type=Path),
    help="TOML file (mode 600) with db_url; keeps the password out of the hub's database.",
)
@click.option("--port", type=int, help="Listen on 127.0.0.1:PORT (default: the hub's service URL).")
@click.pass_context
def serve(ctx: click.Context, secrets: Path | None, port: int | None) -> None:
    """Run the grading service (a JupyterHub-managed service) until stopped."""
    from quizkit.service.serve import serve as run

    run(current_project(ctx), secrets=secrets, port=port)
