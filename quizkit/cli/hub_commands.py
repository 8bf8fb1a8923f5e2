"""`quizkit hub init|start|trainer`: quizkit on a shared JupyterHub (docs/deploy-hub.md)."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import click

from quizkit.cli import current_project
from quizkit.errors import QuizkitError

PROXY = "configurable-http-proxy"


@click.group()
def hub() -> None:
    """Run quizkit on a shared JupyterHub: each cadre signs in and works as their own OS user."""


@hub.command("init")
@click.argument("hub_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option(
    "--bind-url",
    default="http://0.0.0.0:8000",
    show_default=True,
    help="Public address; behind nginx (HTTPS) use http://127.0.0.1:8000.",
)
@click.option("--hub-port", default=8081, show_default=True, help="The hub's API (loopback).")
@click.option("--proxy-api-port", default=8001, show_default=True)
@click.option("--service-port", default=8010, show_default=True, help="`quizkit serve` (loopback).")
@click.option(
    "--user-python",
    type=click.Path(path_type=Path, dir_okay=False, exists=True),
    help="The Python each cadre's server runs with (default: this one); every user "
    "must be able to run it.",
)
@click.option(
    "--home-root",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("/home"),
    show_default=True,
    help="Where cadres' homes are made.",
)
@click.option("--ssl-cert", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--ssl-key", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option(
    "--memory-limit",
    "memory_mib",
    default=4096,
    show_default=True,
    help="MiB of address space per process of a cadre (0: none).",
)
@click.option("--no-service", is_flag=True, help="Leave the grading service out.")
@click.option("--force", is_flag=True, help="Write the config again (accounts are kept).")
@click.pass_context
def init(
    ctx: click.Context,
    hub_dir: Path,
    bind_url: str,
    hub_port: int,
    proxy_api_port: int,
    service_port: int,
    user_python: Path | None,
    home_root: Path,
    ssl_cert: Path | None,
    ssl_key: Path | None,
    memory_mib: int,
    no_service: bool,
    force: bool,
) -> None:
    """Write HUB_DIR/jupyterhub_config.py and lock question_bank/ and results/ down."""
    from quizkit.hub.config import write_hub
    from quizkit.hub.layout import HubPlan

    proxy = shutil.which(PROXY)
    if proxy is None:
        raise QuizkitError(f"{PROXY} is not installed", hint=f"npm install -g {PROXY}@5.3.0")
    if (ssl_cert is None) != (ssl_key is None):
        raise QuizkitError("--ssl-cert and --ssl-key go together", hint="give both or neither")
    project = current_project(ctx)
    settings = project.settings
    private = [settings.bank_dir, project.results_dir(), project.root / "pyproject.toml"]
    db_url = project.database_url
    if db_url.startswith("sqlite"):
        click.echo("note: the results store is SQLite; a hub should use PostgreSQL (--db-url)")
    plan = HubPlan(
        hub_dir=str(hub_dir.resolve()),
        project_root=str(project.root),
        private_paths=tuple(str(p.resolve()) for p in private),
        bind_url=bind_url,
        hub_port=hub_port,
        proxy_api_port=proxy_api_port,
        service_port=service_port,
        proxy_command=proxy,
        hub_python=sys.executable,
        user_python=str((user_python or Path(sys.executable)).absolute()),
        home_root=str(home_root.resolve()),
        process_memory_limit=memory_mib * 1024**2,
        db_url=db_url,
        service=not no_service,
        ssl_cert=str(ssl_cert.resolve()) if ssl_cert else "",
        ssl_key=str(ssl_key.resolve()) if ssl_key else "",
    )
    config = write_hub(plan, force=force)
    click.echo(f"wrote {config}")
    click.echo(f"only root can read: {', '.join(plan.private_paths)}")
    click.echo(
        f"next: quizkit roster passwords {hub_dir} -o slips.pdf; quizkit hub start {hub_dir}"
    )


@hub.command("start")
@click.argument("hub_dir", type=click.Path(path_type=Path, file_okay=False, exists=True))
def start(hub_dir: Path) -> None:
    """Check the hub folder and the project's private files, then run JupyterHub (as root)."""
    from quizkit.hub.start import start as run_hub

    run_hub(hub_dir)


@hub.command("trainer")
@click.argument("hub_dir", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.argument("login")
@click.option("--name", required=True, help="姓名")
@click.option("--unit", default="", help="单位")
@click.option("--reset", is_flag=True, help="Give an existing trainer a new initial password.")
def trainer(hub_dir: Path, login: str, name: str, unit: str, reset: bool) -> None:
    """Add a trainer (a hub admin) and print their initial password once."""
    from quizkit.hub.accounts import Person, issue
    from quizkit.hub.layout import ACCOUNTS_FILE

    accounts = hub_dir.resolve() / ACCOUNTS_FILE
    issued = issue(accounts, [Person(login, name, unit, "trainer")], reset=reset)
    if not issued:
        click.echo(f"{login} already has an account (--reset gives a new initial password)")
        return
    click.echo(f"{login} 初始密码: {issued[0].password}  (must be changed at the first sign-in)")


@hub.command("remove")
@click.argument("hub_dir", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.argument("logins", nargs=-1, required=True)
def remove(hub_dir: Path, logins: tuple[str, ...]) -> None:
    """Take accounts away (a cadre who left): they can no longer sign in. Their OS user and home
    stay until you delete them (userdel -r LOGIN)."""
    from quizkit.hub.accounts import remove as remove_accounts
    from quizkit.hub.layout import ACCOUNTS_FILE

    removed = remove_accounts(hub_dir.resolve() / ACCOUNTS_FILE, logins)
    missing = sorted(set(logins) - set(removed))
    click.echo(
        f"removed {len(removed)} account(s)"
        + (f"; no account: {', '.join(missing)}" if missing else "")
    )
