"""Problems and errors show the field they are about, after the message, when it is known."""

from __future__ import annotations

from quizkit.errors import ImportFormatError, Problem


def test_problem_shows_field_when_known() -> None:
    problem = Problem("bank.yaml", 8, "q1", "quote '三十日内' does not appear", "cite.quote")
    assert str(problem) == "bank.yaml:8: q1: quote '三十日内' does not appear [cite.quote]"


def test_problem_without_field_reads_as_before() -> None:
    assert (
        str(Problem("bank.yaml", None, None, "the file is empty")) == "bank.yaml: the file is empty"
    )
    assert (
        str(Problem("bank.yaml", 3, "q1", "the stem is empty"))
        == "bank.yaml:3: q1: the stem is empty"
    )


def test_error_carries_field_and_keeps_hint_last() -> None:
    error = ImportFormatError(
        "not a number", file="bank.xlsx", item="q1", field="points", hint="write 1, 2 or 3"
    )
    assert error.field == "points"
    assert str(error) == "bank.xlsx: q1: not a number [points]\n  → write 1, 2 or 3"
    assert error.user_message == "not a number（write 1, 2 or 3）"
