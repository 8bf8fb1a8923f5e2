"""The grading service's wire format: quizkit's plain records and frames as JSON, and back.

Both ends use these functions (the service in ``quizkit.service``, the kernel's client beside this
module), so a record crosses the wire unchanged: times as ISO 8601 in UTC, frames as column names
plus rows. Nothing here is executed or unpickled: a reply is data only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeVar

from quizkit.errors import StoreError
from quizkit.question_types import response_from_json
from quizkit.records import (
    AnswerRecord,
    Attempt,
    CadreRecord,
    ReviewAnswer,
    SessionRow,
    StoredAnswer,
    as_utc,
)

if TYPE_CHECKING:
    import pandas as pd

API_VERSION = "v1"
Record = TypeVar("Record")
_TIME_FIELDS = {
    "started_at",
    "deadline_at",
    "finished_at",
    "answered_at",
    "opens_at",
    "closes_at",
    "created_at",
    "issued_at",
}


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return as_utc(value).isoformat()
    if isinstance(value, tuple):
        return list(value)
    return value


def encode(record: Any) -> dict[str, Any]:
    """A frozen record (dataclass or NamedTuple) as a JSON object."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        fields = {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}
    elif isinstance(record, ReviewAnswer):
        fields = record._asdict()
    else:  # pragma: no cover - a wiring mistake
        raise TypeError(f"cannot encode {type(record).__name__}")
    return {name: _plain(value) for name, value in fields.items()}


def _time(value: Any) -> datetime | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise StoreError(f"{value!r} is not a time (ISO 8601 expected)")
    try:
        return as_utc(datetime.fromisoformat(value))
    except ValueError as error:
        raise StoreError(f"{value!r} is not a time (ISO 8601 expected)") from error


def parse_time(value: Any) -> datetime:
    """A required time sent as ISO 8601."""
    found = _time(value)
    if found is None:
        raise StoreError("a time is required here")
    return found


def parse_optional_time(value: Any) -> datetime | None:
    return _time(value)


def decode(kind: type[Record], data: Any) -> Record:
    """A JSON object back into the record ``kind``; StoreError when it does not fit."""
    if not isinstance(data, Mapping):
        raise StoreError(f"the grading service sent {type(data).__name__} for a {kind.__name__}")
    values = {k: (_time(v) if k in _TIME_FIELDS else v) for k, v in data.items()}
    try:
        if "response" in values:
            values["response"] = response_from_json(values["response"])
        return kind(**values)
    except (TypeError, ValueError) as error:
        raise StoreError(f"{kind.__name__} does not fit: {error}") from error


def decode_optional(kind: type[Record], data: Any) -> Record | None:
    return None if data is None else decode(kind, data)


def decode_list(kind: type[Record], data: Any) -> list[Record]:
    if not isinstance(data, Sequence) or isinstance(data, str):
        raise StoreError(f"the grading service sent {type(data).__name__} for a list")
    return [decode(kind, item) for item in data]


def encode_frame(frame: pd.DataFrame) -> dict[str, Any]:
    """A frame as {columns, time_columns, rows}: times in ISO form, missing values as null."""
    import pandas as pd

    times = [c for c in frame.columns if pd.api.types.is_datetime64_any_dtype(frame[c])]
    rows = []
    for row in frame.itertuples(index=False, name=None):
        rows.append([_cell(value) for value in row])
    return {"columns": [str(c) for c in frame.columns], "time_columns": times, "rows": rows}


def _cell(value: Any) -> Any:
    import pandas as pd

    if value is None or (not isinstance(value, list | dict | str) and pd.isna(value)):
        return None
    if isinstance(value, datetime):
        return as_utc(value).isoformat()
    if hasattr(value, "item"):  # numpy scalars
        return value.item()
    if isinstance(value, tuple):
        return list(value)
    return value


def decode_frame(data: Any) -> pd.DataFrame:
    import pandas as pd

    if not isinstance(data, Mapping) or not isinstance(data.get("rows"), list):
        raise StoreError("the grading service sent a table that does not fit")
    frame = pd.DataFrame(data["rows"], columns=list(data["columns"]))
    for column in data.get("time_columns", []):
        frame[column] = pd.to_datetime(frame[column], utc=True, format="ISO8601")
    return frame


RECORD_KINDS: dict[str, type[Any]] = {
    "AnswerRecord": AnswerRecord,
    "Attempt": Attempt,
    "CadreRecord": CadreRecord,
    "SessionRow": SessionRow,
    "StoredAnswer": StoredAnswer,
}


def encode_review(answer: ReviewAnswer) -> dict[str, Any]:
    return encode(answer)


def decode_review(data: Any) -> ReviewAnswer:
    if not isinstance(data, Mapping):
        raise StoreError("the grading service sent a review answer that does not fit")
    values = dict(data)
    answered = _time(values.get("answered_at"))
    if answered is None:
        raise StoreError("the grading service sent a review answer without a time")
    values["answered_at"] = answered
    return ReviewAnswer(**values)


STEM_FIELDS = ("law", "type", "stem", "active")
BAD_STEMS = "成绩服务发来的题目信息格式不正确，请刷新页面后重试"


def checked_stems(sent: object) -> dict[str, dict[str, Any]]:
    """``question_stems`` as the service sent them, checked field by field: exactly the four
    fields, so a reply carrying more (a key) is refused rather than passed on."""
    if not isinstance(sent, dict):
        raise StoreError(BAD_STEMS)
    for entry in sent.values():
        if not isinstance(entry, dict) or set(entry) != set(STEM_FIELDS):
            raise StoreError(BAD_STEMS)
        if not all(isinstance(entry[name], str) for name in ("law", "type", "stem")):
            raise StoreError(BAD_STEMS)
    return {str(key): dict(value) for key, value in sent.items()}


def checked_law_questions(sent: object) -> dict[str, list[str]]:
    """``lesson_questions`` as the service sent it: law → question ids."""
    if not isinstance(sent, dict) or not all(
        isinstance(ids, list) and all(isinstance(i, str) for i in ids) for ids in sent.values()
    ):
        raise StoreError(BAD_STEMS)
    return {str(law): list(ids) for law, ids in sent.items()}


__all__ = [
    "API_VERSION",
    "BAD_STEMS",
    "RECORD_KINDS",
    "STEM_FIELDS",
    "checked_law_questions",
    "checked_stems",
    "decode",
    "decode_frame",
    "decode_list",
    "decode_optional",
    "decode_review",
    "encode",
    "encode_frame",
    "encode_review",
    "parse_optional_time",
    "parse_time",
]
