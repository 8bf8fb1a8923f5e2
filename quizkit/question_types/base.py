"""What every question type is made of: the one response type, the grading policy, and the table row.

A :data:`Response` is what a learner gave, in one canonical form from the widget to the log:

- ``str`` — one option label (单选);
- ``bool`` — 对 / 错 (判断);
- ``tuple[str, ...]`` — the labels ticked, sorted (多选), or the text typed in each blank, in blank
  order (填空);
- ``None`` — nothing given.

The inputs build it once; grading, the pending queue and the store take it as it is. Its JSON form
(lists for tuples) is lossless: :func:`response_from_json` reads it back without knowing the type.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Any, Protocol

Response = str | bool | tuple[str, ...] | None
JsonResponse = str | bool | list[str] | None
Answer = str | list[str] | list[list[str]] | bool


class MultiPolicy(StrEnum):
    """Partial credit for questions with several parts (多选 options, 填空 blanks); see quizkit.grading."""

    ALL_OR_NOTHING = "all-or-nothing"
    PARTIAL = "partial"
    MOODLE = "moodle"


class Gradable(Protocol):
    """What grading needs to know of a question (the bank's Question satisfies it)."""

    @property
    def type(self) -> str: ...
    @property
    def options(self) -> Mapping[str, str] | None: ...
    @property
    def answer(self) -> Answer: ...
    @property
    def points(self) -> float | None: ...


class Checkable(Gradable, Protocol):
    """What the checker rules read besides the graded parts: the stem."""

    @property
    def stem(self) -> str: ...


Scorer = Callable[[Gradable, Response, MultiPolicy], float]
Rules = Callable[[Checkable], Iterator[tuple[str, str]]]


def _no_phrases(question: Gradable) -> list[str]:
    return []


@dataclass(frozen=True)
class QuestionType:
    """Everything quizkit knows about one question type, in one place.

    ``input`` names the widget kind the views draw (``radio``, ``judge``, ``checkboxes``, ``blanks``);
    ``describe`` says a response the way a learner reads it, ``answer_text`` the right answer;
    ``valid`` tells a well-formed response from garbage; ``phrases`` are answer texts the checker
    requires to appear verbatim in the cited article (besides ``cite.quote``).
    """

    name: str
    chinese: str  # 单选题: headings, feedback, reports
    short: str  # 单选: spreadsheet cells, blueprints
    aliases: tuple[str, ...]  # what imports and blueprints accept besides name, chinese and short
    default_points: float
    input: str
    has_options: bool
    score: Scorer
    rules: Rules
    describe: Callable[[Gradable, Response], str]
    answer_text: Callable[[Gradable], str]
    valid: Callable[[Gradable, Response], bool]
    phrases: Callable[[Gradable], list[str]] = _no_phrases

    @property
    def words(self) -> tuple[str, ...]:
        """Every spelling that names this type (name first)."""
        return (self.name, self.chinese, self.short, *self.aliases)


def sorted_labels(labels: Iterable[str]) -> tuple[str, ...] | None:
    """A 多选 response: the labels ticked, sorted and once each; None when none is ticked."""
    chosen = tuple(sorted(set(labels)))
    return chosen or None


def response_to_json(response: Response) -> JsonResponse:
    return list(response) if isinstance(response, tuple) else response


def response_from_json(value: Any) -> Response:
    """A stored or spooled response back in its one form; anything else is refused (ValueError)."""
    if value is None or isinstance(value, str | bool):
        return value
    if isinstance(value, list | tuple) and all(isinstance(part, str) for part in value):
        return tuple(value)
    raise ValueError(f"{value!r} is not a response")
