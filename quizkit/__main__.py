"""`python -m quizkit` runs the CLI."""

from quizkit.cli import main

main(prog_name="quizkit")
