"""The kernel's backend protocols: the concrete Store matches every one of them, call for call.

A second backend (the grading service's client) is checked the same way with ``protocol_methods``.
"""

from __future__ import annotations

import inspect
from typing import Any

import pytest

from quizkit.learner import backend
from quizkit.store import Store

PROTOCOLS = [getattr(backend, name) for name in backend.__all__]


def protocol_methods(protocol: type) -> dict[str, Any]:
    """Every method a protocol asks for, its own and its bases' (nearest definition wins)."""
    found: dict[str, Any] = {}
    for cls in protocol.__mro__:
        if cls in (object,) or not getattr(cls, "_is_protocol", False):
            continue
        for name, value in vars(cls).items():
            if not name.startswith("_") and callable(value):
                found.setdefault(name, value)
    return found


def shape(function: Any) -> list[tuple[str, Any, Any]]:
    """Parameter names, kinds and defaults, without ``self`` (annotations are checked by mypy)."""
    parameters = list(inspect.signature(function).parameters.values())[1:]
    return [(p.name, p.kind, p.default) for p in parameters]


def test_the_kernel_backend_asks_for_what_each_caller_needs() -> None:
    methods = protocol_methods(backend.KernelBackend)
    for protocol in PROTOCOLS:
        assert set(protocol_methods(protocol)) <= set(methods), protocol.__name__
    assert {"record_answer", "start_attempt", "session_attempts_frame", "review_answers"} <= set(
        methods
    )


def accepts(real: Any, asked: Any) -> bool:
    """``real`` can be called every way ``asked`` can: the same positional parameters in order, the
    same keyword-only ones (any order), each with the same default, plus extra ones with defaults."""
    have, want = shape(real), shape(asked)
    keyword = inspect.Parameter.KEYWORD_ONLY
    positional = [p for p in want if p[1] != keyword]
    if [p for p in have if p[1] != keyword][: len(positional)] != positional:
        return False
    extra = [p for p in have if p not in want]
    return all(p in have for p in want) and all(p[2] is not inspect.Parameter.empty for p in extra)


@pytest.mark.parametrize("protocol", PROTOCOLS, ids=lambda p: p.__name__)
def test_the_store_has_every_method_with_the_same_parameters(protocol: type) -> None:
    for name, method in protocol_methods(protocol).items():
        real = getattr(Store, name, None)
        assert real is not None, f"Store has no {name} ({protocol.__name__})"
        assert accepts(real, method), (
            f"{protocol.__name__}.{name}: {shape(real)} vs {shape(method)}"
        )


def test_a_method_missing_a_parameter_is_caught() -> None:
    class Narrow:
        def attempts_for(self, cadre_id: str) -> list[Any]:
            return []

    assert not accepts(Narrow.attempts_for, backend.SittingLog.attempts_for)
    assert accepts(Store.start_attempt, backend.AnswerLog.start_attempt)


def test_the_narrow_protocols_stay_narrow() -> None:
    """Sitting, directory and 错题本 never see the trainer's writes or whole-session frames."""
    trainer = {"create_session_row", "update_session_row", "expire_open_attempts"}
    for protocol in (backend.SittingLog, backend.SessionDirectory, backend.MistakeSource):
        assert not trainer & set(protocol_methods(protocol)), protocol.__name__
    assert "session_attempts_frame" not in protocol_methods(backend.SittingLog)
