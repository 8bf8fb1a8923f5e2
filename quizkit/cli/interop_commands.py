"""`quizkit bank template|import|export`: the bank in and out of Excel, GIFT, Moodle XML and Aiken."""

from __future__ import annotations

from pathlib import Path

import click

from quizkit.atomicfile import write_text
from quizkit.bank import bank_files, load_bank, read_bank
from quizkit.cli.bank_commands import bank
from quizkit.interop import FORMATS
from quizkit.laws import LAWS
from quizkit.settings import load_settings


def _warn(lines: list[str]) -> None:
    for line in lines:
        click.echo(f"warning: {line}", err=True)


def _existing_ids(bank_dir: Path, output: Path) -> set[str]:
    """Ids already used in the project's bank (the output file itself excepted)."""
    if not bank_dir.exists():
        return set()
    files = [f for f in bank_files([bank_dir]) if f.resolve() != output.resolve()]
    if not files:
        return set()
    loaded, _ = read_bank(files)
    return set(loaded.entries) | set(loaded.cases) | set(loaded.quizzes)


def _laws(given: Path | None, configured: Path | None) -> Path | None:
    folder = given or configured
    if folder is not None and not (folder / "index.yaml").is_file():
        raise click.ClickException(
            f"{folder}: no index.yaml here; --laws (or the 'laws' setting) names a folder laid "
            "out like ../shared/laws"
        )
    return folder


@click.command("template")
@click.argument("target", type=click.Path(path_type=Path, dir_okay=False))
def template(target: Path) -> None:
    """Write the Excel template trainers fill in: one row per question (题型, 题干, 选项A–F, 答案 …)."""
    from quizkit.interop import write_template

    write_template(target)
    click.echo(f"wrote {target}: fill in sheet 题目, then run `quizkit bank import {target.name}`")


@click.command("import")
@click.argument("source", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--law", type=click.Choice(list(LAWS)), help="The law of the bank file written.")
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path, dir_okay=False),
    required=True,
    help="The bank YAML file to write (e.g. question_bank/new.yaml).",
)
@click.option("--prefix", default="imp", show_default=True, help="Prefix of generated ids.")
@click.option(
    "--difficulty",
    type=click.IntRange(1, 3),
    default=2,
    show_default=True,
    help="Difficulty for questions whose source has none.",
)
@click.option(
    "--laws",
    "laws_dir",
    type=click.Path(path_type=Path, file_okay=False),
    help="Reference law texts for the quote check (default: ../shared/laws when present).",
)
@click.option("--encoding", help="Encoding of a GIFT/Aiken text file (default: detected).")
@click.option(
    "--draft", is_flag=True, help="Write the YAML even when it has problems, to finish by hand."
)
@click.option("--force", is_flag=True, help="Overwrite OUTPUT if it exists.")
def import_(
    source: Path,
    law: str | None,
    output: Path,
    prefix: str,
    difficulty: int,
    laws_dir: Path | None,
    encoding: str | None,
    draft: bool,
    force: bool,
) -> None:
    """Turn an Excel template, GIFT, Aiken (.txt) or Moodle XML file into bank YAML.

    Every question goes through `quizkit bank check`'s rules; problems are reported at their place in
    SOURCE (sheet/row/column or line). Nothing is written while there are problems, unless --draft.
    """
    from quizkit.interop import import_bank
    from quizkit.interop.source import samples

    settings = load_settings()
    if output.exists() and not force:
        raise click.ClickException(f"{output} exists; pass --force to overwrite it")
    result = import_bank(
        source,
        law=law,
        existing_ids=_existing_ids(settings.bank_dir, output),
        prefix=prefix,
        difficulty=difficulty,
        laws_dir=_laws(laws_dir, settings.laws_dir),
        encoding=encoding,
    )
    how = f" as {result.encoding}" if result.encoding else ""
    click.echo(f"read {source}{how}: {result.questions} questions{samples(result.samples)}")
    _warn(result.warnings)
    for problem in result.problems:
        click.echo(str(problem), err=True)
    counts = f"{result.questions} questions, {result.cases} case groups"
    if result.problems and not draft:
        raise click.ClickException(
            f"{len(result.problems)} problem(s) in {source} ({counts}); nothing written. "
            "Fix them in the source, or pass --draft to write the YAML and finish it by hand"
        )
    write_text(output, result.text)
    tail = f"; {len(result.problems)} problem(s) to fix before `quizkit bank check` passes"
    click.echo(f"wrote {output}: {counts} ({result.law})" + (tail if result.problems else ""))


@click.command("export")
@click.argument("fmt", metavar="FORMAT", type=click.Choice(FORMATS))
@click.argument("target", type=click.Path(path_type=Path, dir_okay=False))
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
def export(fmt: str, target: Path, paths: tuple[Path, ...]) -> None:
    """Write the bank (default: the project's question_bank/) as gift, moodle (XML), aiken or xlsx.

    What the format cannot carry (e.g. the citation in Aiken) is listed as a warning.
    """
    from quizkit.interop import export_bank

    settings = load_settings()
    loaded = load_bank(list(paths) or [settings.bank_dir])
    warnings = export_bank(loaded, fmt, target)
    _warn(warnings)
    click.echo(f"wrote {target}: {len(loaded)} questions, {len(loaded.cases)} case groups ({fmt})")


for _command in (template, import_, export):
    bank.add_command(_command)

COMMANDS: list[click.Command] = []  # the commands live under `quizkit bank`
