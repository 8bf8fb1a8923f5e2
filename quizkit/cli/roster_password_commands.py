"""`quizkit roster passwords`: hub accounts for the cadres on the roster, and their sign-in slips."""

from __future__ import annotations

from pathlib import Path

import click

from quizkit.cli import current_project
from quizkit.cli.roster_commands import roster


@roster.command("passwords")
@click.argument("hub_dir", type=click.Path(path_type=Path, file_okay=False, exists=True))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The sign-in slips PDF (readable by you only).",
)
@click.option("--unit", "units", multiple=True, help="Only cadres of this 单位 (repeatable).")
@click.option("--login", "logins", multiple=True, help="Only this cadre (repeatable).")
@click.option("--reset", is_flag=True, help="New initial passwords for the chosen cadres.")
@click.option("--url", default="", help="The hub's address, printed on each slip.")
@click.pass_context
def passwords(
    ctx: click.Context,
    hub_dir: Path,
    output: Path,
    units: tuple[str, ...],
    logins: tuple[str, ...],
    reset: bool,
    url: str,
) -> None:
    """Give each active cadre without a hub account one, and print the sign-in slips
    (姓名, 单位, 登录名, 初始密码); the password must be changed at the first sign-in."""
    from quizkit.errors import QuizkitError
    from quizkit.export.slips import SignInSlip, write_slips
    from quizkit.hub.accounts import Issued, Person, issue
    from quizkit.hub.layout import ACCOUNTS_FILE
    from quizkit.hub.logins import hub_login

    if reset and not (units or logins):
        raise QuizkitError("--reset needs --login or --unit", hint="name whose passwords to reset")
    accounts = hub_dir.resolve() / ACCOUNTS_FILE  # also a hub quizkit hub init did not write
    cadres = [c for c in current_project(ctx).store().find_cadres() if c.active]
    people = [Person(hub_login(c), c.name, c.unit) for c in cadres]
    chosen = [
        p for p in people if (not units or p.unit in units) and (not logins or p.login in logins)
    ]
    if logins and (unknown := set(logins) - {p.login for p in chosen}):
        raise QuizkitError(f"not on the roster: {', '.join(sorted(unknown))}")

    def deliver(issued: list[Issued]) -> None:  # the PDF first: no password nobody was given
        slips = [
            SignInSlip(i.person.name, i.person.unit, i.person.login, i.password) for i in issued
        ]
        write_slips(slips, output, url=url)

    issued = issue(accounts, chosen, reset=reset, deliver=deliver)
    if not issued:
        click.echo("no new accounts (everyone chosen has one; --reset gives new passwords)")
        return
    click.echo(f"{len(issued)} account(s); slips in {output} — hand them out, then delete the file")
