"""CSV injection: cells that would run as formulas are neutralised, and our own reader undoes it."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from quizkit.csvsafe import neutralise, restore


@given(st.text(alphabet=st.sampled_from("=+-@\t\r'a张1 ")))
def test_neutralised_cells_never_start_a_formula_and_come_back_unchanged(text: str) -> None:
    safe = neutralise(text)
    assert isinstance(safe, str)
    assert not safe or safe[0] not in "=+-@\t\r"
    assert restore(safe) == text


def test_values_that_are_not_text_are_left_alone() -> None:
    assert neutralise(-3) == -3 and neutralise(None) is None
    assert neutralise('=HYPERLINK("http://x")') == '\'=HYPERLINK("http://x")'
    assert neutralise("张三") == "张三"
