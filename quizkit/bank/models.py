"""The question bank's data model (pydantic): what one YAML file may say, and nothing else."""

from __future__ import annotations

import hashlib
import json
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Discriminator, Field, Tag, field_validator
from pydantic_core import PydanticCustomError

from quizkit.question_types import CASE, QUESTION_TYPES, Answer

ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9._-]*$"

# review: set aside until someone checks it against a revised law (never drawn, listed by stats)
QuestionStatus = Literal["active", "retired", "review"]

_STRICT = ConfigDict(extra="forbid", frozen=True, strict=True)


class Citation(BaseModel):
    """Where the law says so: a law slug, an article (or list) or a numbered part, and a verbatim phrase."""

    model_config = _STRICT
    law: str
    article: int | list[int] | None = None
    part: str | None = None
    quote: str | None = None

    @property
    def articles(self) -> list[int]:
        if self.article is None:
            return []
        return self.article if isinstance(self.article, list) else [self.article]


class Question(BaseModel):
    """One ordinary question of a type in quizkit.question_types (单选, 多选, 判断, 填空 …).

    ``answer`` by type: a label (single), a list of labels (multiple), true/false (judge), or per blank
    the list of accepted answers (fill, e.g. ``[[五日], [听证]]``); the checker rules say more."""

    model_config = _STRICT
    id: str = Field(pattern=ID_PATTERN)
    type: str = Field(json_schema_extra={"enum": list(QUESTION_TYPES)})
    stem: str
    options: dict[str, str] | None = None
    answer: Answer
    points: float | None = Field(default=None, gt=0, strict=False)
    explanation: str
    cite: Citation
    difficulty: Literal[1, 2, 3]
    tags: list[str] = Field(default_factory=list)
    status: QuestionStatus = "active"
    review_reason: str | None = None  # why it is under review (e.g. the law was revised)

    @field_validator("type")
    @classmethod
    def _known_type(cls, value: str) -> str:
        if value not in QUESTION_TYPES:
            raise PydanticCustomError(
                "unknown_question_type",
                "type must be one of {types}",
                {"types": ", ".join([*QUESTION_TYPES, CASE])},
            )
        return value

    @property
    def active(self) -> bool:
        return self.status == "active"

    def content_hash(self) -> str:
        """A short hash of everything the learner sees and is graded on (stem, options, answer…)."""
        payload = json.dumps(self.model_dump(mode="json"), sort_keys=True, ensure_ascii=False)
        return hashlib.sha256(payload.encode("utf-8")).hexdigest()[:16]


class CaseGroup(BaseModel):
    """案例分析: a scenario shown once, followed by ordinary sub-questions."""

    model_config = _STRICT
    id: str = Field(pattern=ID_PATTERN)
    type: Literal["case"]
    title: str | None = None
    scenario: str
    questions: list[Question] = Field(min_length=1)
    tags: list[str] = Field(default_factory=list)
    status: Literal["active", "retired"] = "active"


def _item_kind(data: Any) -> str:
    """ "case" for a case group, "question" for anything else (its type is checked by Question)."""
    kind = data.get("type") if isinstance(data, dict) else getattr(data, "type", None)
    return CASE if kind == CASE else "question"


BankItem = Annotated[
    Annotated[Question, Tag("question")] | Annotated[CaseGroup, Tag(CASE)],
    Discriminator(_item_kind),
]


class NamedQuiz(BaseModel):
    """A titled list of question or case ids that a lesson can embed by name."""

    model_config = _STRICT
    id: str = Field(pattern=ID_PATTERN)
    title: str
    questions: list[str] = Field(min_length=1)
    description: str | None = None


class BankFile(BaseModel):
    """One YAML file of the bank (used for the JSON Schema; loading validates item by item)."""

    model_config = ConfigDict(extra="forbid", title="quizkit question bank file")
    schema_version: Literal[1]
    law: str
    quizzes: list[NamedQuiz] = Field(default_factory=list)
    questions: list[BankItem]
