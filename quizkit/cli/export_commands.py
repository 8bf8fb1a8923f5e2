"""`quizkit export certificates|scoresheet|pack|request`: files for printing, signing and filing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from quizkit.cli.report_options import make_request, prepared, scope_options
from quizkit.export.contents import certificate_content, sheet_content
from quizkit.export.csvfiles import write_report_csvs
from quizkit.export.files import (
    batch_text,
    job_files,
    pdf_fonts,
    write_certificates,
    write_scoresheet,
)
from quizkit.export.pack import build_pack
from quizkit.export.pdf import write_pdfs
from quizkit.export.requests import write_request
from quizkit.export.workbook import write_workbook

_OUT = click.option(
    "-o", "--out", type=click.Path(path_type=Path), required=True, help="Output folder."
)
_FORMATS = click.Choice(["html", "pdf", "both"])


@click.group()
def export() -> None:
    """Certificates, score sheets and the appraisal pack, as files."""


def _bar() -> Progress:
    """A progress bar without a refresh thread (so PDF workers can be forked): it redraws when told."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        auto_refresh=False,
    )


@export.command()
@scope_options
@_OUT
@click.option("--cadre", "cadres", multiple=True, help="Only these cadre ids (repeatable).")
@click.option("--include-failed", is_flag=True, help="Also certify (培训证书) those who failed.")
@click.option("--format", "fmt", type=_FORMATS, default="both", show_default=True)
@click.option("--combined", is_flag=True, help="One multi-page PDF instead of one per cadre.")
@click.option("--workers", type=int, help="PDF processes (default: one per core).")
@click.pass_context
def certificates(
    ctx: click.Context, /, out: Path, fmt: str, combined: bool, workers: int | None, **options: Any
) -> None:
    """Issue 合格证书 to those who passed and write them (HTML, and PDF per cadre)."""
    options["cadres"] = list(options["cadres"]) or None
    project, request = make_request(ctx, "certificates", **options)
    reports, issued = prepared(project, request, issue=True)
    pdf = fmt in ("pdf", "both")
    count = 1 if combined else len(issued)
    with pdf_fonts(batch_text(reports, issued), count if pdf else 0) as fonts:
        written, jobs = write_certificates(
            issued, out, reports, fonts, html=fmt != "pdf", pdf=pdf, combined=combined
        )
        with _bar() as bar:
            task = bar.add_task("证书 PDF", total=len(job_files(jobs)))

            def advance(count: int) -> None:
                bar.advance(task, count)
                bar.refresh()

            write_pdfs(jobs, workers=workers, progress=advance)
    files = len(written) + len(job_files(jobs))
    click.echo(f"{len(issued)} certificate(s), {files} file(s) in {out}")


@export.command()
@scope_options
@_OUT
@click.option("--format", "fmt", type=_FORMATS, default="both", show_default=True)
@click.pass_context
def scoresheet(ctx: click.Context, /, out: Path, fmt: str, **options: Any) -> None:
    """成绩汇总表: the workbook, CSV files, and printable sheets (HTML/PDF) per unit."""
    project, request = make_request(ctx, "scoresheet", **options)
    reports, _ = prepared(project, request)
    units = [request.unit] if request.unit else reports.unit_names()
    files = [write_workbook(reports, out / "成绩汇总表.xlsx", units=units)]
    files += write_report_csvs(reports, out / "csv")
    with pdf_fonts("", 0) as fonts:
        html, jobs = write_scoresheet(
            reports,
            out / "成绩汇总表",
            fonts,
            units=[request.unit] if request.unit else None,
            pdf=fmt != "html",
        )
        write_pdfs(jobs)
    for path in [*files, *html, *job_files(jobs)]:
        click.echo(f"wrote {path}")


@export.command()
@scope_options
@_OUT
@click.option("--include-failed", is_flag=True, help="Also certify those who failed.")
@click.option("--no-pdf", is_flag=True, help="HTML, xlsx and CSV only (no PDF).")
@click.option("--workers", type=int, help="PDF processes (default: one per core).")
@click.pass_context
def pack(
    ctx: click.Context, /, out: Path, no_pdf: bool, workers: int | None, **options: Any
) -> None:
    """The appraisal pack: per unit the xlsx, the score sheet and the certificates, plus an index."""
    project, request = make_request(ctx, "certificates", **options)
    reports, issued = prepared(project, request, issue=True)
    with _bar() as bar:
        tasks: dict[str, Any] = {}

        def progress(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)
            bar.refresh()

        result = build_pack(
            reports,
            issued,
            out,
            pdf=not no_pdf,
            workers=workers,
            progress=progress,
            units=[request.unit] if request.unit else None,
        )
    table = Table(title=f"{reports.title} {reports.scope.label()} → {out}")
    for column in ("单位", "证书", "文件"):
        table.add_column(column)
    table.add_row("全部", str(result.certificates), str(len(result.files)))
    Console().print(table)
    click.echo(
        f"{result.units} unit(s), {result.certificates} certificate(s), {result.pdfs} PDF(s), "
        f"{len(result.files)} file(s) in {result.seconds:.1f} s; open {out / 'index.html'}"
    )


@export.command()
@click.option("--kind", type=click.Choice(["certificates", "scoresheet"]), required=True)
@scope_options
@click.option("--cadre", "cadres", multiple=True, help="Only these cadre ids (repeatable).")
@click.option("--include-failed", is_flag=True)
@click.option("-o", "--out", type=click.Path(path_type=Path), required=True, help="Notebook.")
@click.pass_context
def request(ctx: click.Context, /, kind: str, out: Path, **options: Any) -> None:
    """Write a request notebook for `jupyter nbconvert --to quizkit-certificate[-pdf]` etc.

    Certificates are issued now (recorded in the store); the notebook carries what to print, so
    converting it needs no database."""
    options["cadres"] = list(options["cadres"]) or None
    project, made = make_request(ctx, kind, **options)
    reports, issued = prepared(project, made, issue=kind == "certificates")
    content = (
        certificate_content(reports, issued)
        if kind == "certificates"
        else sheet_content(reports, [made.unit] if made.unit else None)
    )
    path = write_request(made, out, content)
    target = "quizkit-certificate" if kind == "certificates" else "quizkit-scoresheet"
    click.echo(f"wrote {path}; convert it with: jupyter nbconvert --to {target}-pdf {path}")


COMMANDS = [export]
