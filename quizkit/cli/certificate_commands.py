"""`quizkit certificate verify CODE`: is this certificate genuine? Exit 0 if so, 1 if not."""

from __future__ import annotations

import click

from quizkit.certificates.issuing import verify_certificate
from quizkit.certificates.keys import load_key
from quizkit.cli import current_project
from quizkit.export.formatting import number


@click.group()
def certificate() -> None:
    """Check issued certificates (合格证书)."""


@certificate.command()
@click.argument("code")
@click.pass_context
def verify(ctx: click.Context, code: str) -> None:
    """Check a verification code (as printed, e.g. ABCD-EFGH-JKLM-NPQR) against the store."""
    project = current_project(ctx)
    settings = project.settings
    with project.store(create=False) as store:
        result = verify_certificate(store, load_key(settings.results_dir, create=False), code)
    if not result.valid or result.certificate is None:
        raise click.ClickException(result.message)
    cert = result.certificate
    click.echo(result.message)
    for label, value in (
        ("证书编号", cert.number),
        ("姓名", cert.name),
        ("单位", cert.unit),
        ("课程", cert.course),
        ("学时", number(cert.hours)),
        ("成绩", f"{number(cert.score)}（{cert.band}）"),
        ("考试", cert.scope),
        ("发证机关", cert.issuing_body),
        ("发证日期", cert.issued_on),
    ):
        click.echo(f"  {label}：{value}")


COMMANDS = [certificate]
