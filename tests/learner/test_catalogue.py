"""The bank as the pages see it: the kernel's bank and the grading service's client answer the same
two calls, with the same parameters, and a context chooses one of them once."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizkit.learner.catalogue import BankCatalogue, QuestionCatalogue, shown_stems
from quizkit.service_client import ServiceBackend
from tests.learner.test_backend import accepts, protocol_methods, shape
from tests.sessions.factories import session_bank


@pytest.mark.parametrize("backend", [BankCatalogue, ServiceBackend], ids=lambda b: b.__name__)
def test_both_routes_have_every_catalogue_call_with_the_same_parameters(backend: type) -> None:
    methods = protocol_methods(QuestionCatalogue)
    assert set(methods) == {"lesson_questions", "question_stems"}
    for name, method in methods.items():
        real = getattr(backend, name, None)
        assert real is not None, f"{backend.__name__} has no {name}"
        assert accepts(real, method), f"{name}: {shape(real)} vs {shape(method)}"


def test_stems_carry_no_key_and_leave_unknown_ids_out(tmp_path: Path) -> None:
    bank = session_bank(tmp_path)
    stems = shown_stems(bank, ["xk-single-01", "gone-01", "xk-case-1"])
    assert list(stems) == ["xk-single-01", "xk-case-1"]
    assert stems["xk-case-1"] == {
        "law": "administrative-licensing",
        "type": "judge",
        "stem": bank.question("xk-case-1").stem,
        "active": True,
    }
    catalogue = BankCatalogue(bank)
    assert isinstance(catalogue, QuestionCatalogue)
    assert catalogue.question_stems(["xk-single-01"]) == {"xk-single-01": stems["xk-single-01"]}
