"""`quizkit bank …`: check, stats and schema."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import click
from rich.console import Console
from rich.table import Table

from quizkit.atomicfile import write_text
from quizkit.bank import BankFile, read_bank
from quizkit.errors import BankError
from quizkit.laws import LAWS
from quizkit.question_types import QUESTION_TYPES
from quizkit.settings import load_settings


@click.group()
def bank() -> None:
    """Check, count and describe the question bank."""


@bank.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option(
    "--laws",
    "laws_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Folder laid out like ../shared/laws: verify every quote against the article.",
)
def check(paths: tuple[Path, ...], laws_dir: Path | None) -> None:
    """Report every problem in the bank as file:line: id: what is wrong."""
    settings = load_settings()
    targets = list(paths) or [settings.bank_dir]
    if laws_dir is not None and not (laws_dir / "index.yaml").is_file():
        raise click.ClickException(
            f"{laws_dir}: no index.yaml here; --laws names a folder laid out like ../shared/laws"
        )
    loaded, problems = read_bank(targets, laws_dir)
    for problem in problems:
        click.echo(str(problem), err=True)
    if problems:
        raise click.ClickException(f"{len(problems)} problem(s) in {len(loaded.files)} file(s)")
    checked = (
        "quotes verified against " + str(laws_dir)
        if laws_dir
        else "quotes not verified (no --laws)"
    )
    click.echo(
        f"OK: {len(loaded)} questions, {len(loaded.cases)} case groups, "
        f"{len(loaded.quizzes)} named quizzes in {len(loaded.files)} files; {checked}"
    )


@bank.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def stats(paths: tuple[Path, ...]) -> None:
    """Counts by law, type, difficulty and status; lists the questions under review."""
    settings = load_settings()
    loaded, problems = read_bank(list(paths) or [settings.bank_dir])
    counts: Counter[tuple[str, str, int, str]] = Counter()
    for entry in loaded.entries.values():
        q = entry.question
        counts[(entry.law, q.type, q.difficulty, q.status)] += 1
    table = Table(title="题库统计 question bank")
    for column in (
        "law",
        "法律",
        *QUESTION_TYPES,
        "难度1",
        "难度2",
        "难度3",
        "in cases",
        "retired",
        "review",
        "total",
    ):
        table.add_column(column, justify="right" if column not in ("law", "法律") else "left")
    for slug in sorted({key[0] for key in counts}):
        rows = {key: value for key, value in counts.items() if key[0] == slug}
        in_cases = sum(1 for e in loaded.entries.values() if e.law == slug and e.case is not None)

        def total(
            index: int, value: object, rows: dict[tuple[str, str, int, str], int] = rows
        ) -> int:
            return sum(v for k, v in rows.items() if k[index] == value)

        law = LAWS.get(slug)
        table.add_row(
            slug,
            law.short_title if law else "?",
            *(str(total(1, kind)) for kind in QUESTION_TYPES),
            str(total(2, 1)),
            str(total(2, 2)),
            str(total(2, 3)),
            str(in_cases),
            str(total(3, "retired")),
            str(total(3, "review")),
            str(sum(rows.values())),
        )
    console = Console()
    if not console.is_terminal:
        console = Console(width=160)
    console.print(table)
    under_review = [e for e in loaded.entries.values() if e.question.status == "review"]
    if under_review:
        listing = Table(title=f"待复核 under review ({len(under_review)}): not drawn into quizzes")
        for column in ("id", "file:line", "reason"):
            listing.add_column(column, overflow="fold")
        for entry in under_review:
            reason = entry.question.review_reason or ""
            listing.add_row(entry.question.id, f"{entry.file}:{entry.line}", reason)
        console.print(listing)
    if problems:
        click.echo(
            f"{len(problems)} problem(s) found; run `quizkit bank check` for details", err=True
        )


@bank.command()
@click.argument("old_text", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.argument("new_text", type=click.Path(path_type=Path, dir_okay=False, exists=True))
@click.option("--bank", "bank_dir", type=click.Path(path_type=Path), help="Another bank folder.")
@click.option(
    "--courses",
    "courses_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Another folder of course notebooks (default: the project's courses).",
)
@click.option("--law", help="The law's slug, when the texts' front matter does not say it.")
@click.option("--json", "as_json", is_flag=True, help="Print the report as JSON, for tools.")
@click.option("--apply", is_flag=True, help="Mark the affected questions `status: review`.")
def impact(
    old_text: Path,
    new_text: Path,
    bank_dir: Path | None,
    courses_dir: Path | None,
    law: str | None,
    as_json: bool,
    apply: bool,
) -> None:
    """Questions and lesson citations a revision of a law touches (OLD_TEXT → NEW_TEXT)."""
    from quizkit.bank.impact import impact_report
    from quizkit.bank.lesson_citations import course_citations
    from quizkit.bank.review_marks import mark_impacts
    from quizkit.cli.impact_view import print_report

    settings = load_settings()
    loaded, problems = read_bank([bank_dir or settings.bank_dir])
    if problems:  # every problem with its file, line and item; the impact needs a clean bank
        raise BankError(problems)
    courses = courses_dir or settings.courses_dir
    citations = course_citations(courses) if courses.is_dir() else []
    report = impact_report(old_text, new_text, loaded, citations, law)
    if as_json:
        click.echo(json.dumps(report.to_json(), ensure_ascii=False, indent=2))
    else:
        console = Console() if Console().is_terminal else Console(width=160)
        print_report(report, console)
    if apply and report.questions:
        reasons: dict[str, dict[str, str]] = {}
        for item in report.questions:
            reasons.setdefault(item.file, {})[item.question_id] = item.reason
        marked = mark_impacts(reasons)
        count = sum(len(ids) for ids in marked.values())
        click.echo(f"marked {count} question(s) status: review in {len(marked)} file(s)", err=True)


@bank.command()
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    help="Write the JSON Schema here instead of standard output.",
)
def schema(output: Path | None) -> None:
    """Write the JSON Schema of a bank file, for editors that validate YAML as it is typed."""
    text = json.dumps(BankFile.model_json_schema(), ensure_ascii=False, indent=2)
    if output is None:
        click.echo(text)
    else:
        write_text(output, text + "\n")
        click.echo(f"wrote {output}")
