"""Answers the store has not acknowledged yet: kept in click order until a retry stores them.

Each queue is mirrored to a small JSON file (``results/pending/<hash>.json``) when it can be written, so
an answer given while the database was unreachable survives a kernel restart too. One queue object exists
per (spool folder, cadre, quiz) in a kernel, so re-running a quiz cell shares the queue rather than
racing on the file. The submission id of a click travels with the answer: when a first try reached the
database after all, the retry is recognised and stored once.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from quizkit.question_types import Response, response_from_json, response_to_json
from quizkit.records import AnswerRecord


@dataclass(frozen=True)
class PendingAnswer:
    """A graded answer waiting for the store, with everything needed to store it later."""

    submission_id: str
    cadre_id: str
    quiz_id: str
    kind: str
    question_id: str
    question_hash: str
    response: Response
    score: float
    points: float
    correct: bool
    time_taken_ms: int | None
    answered_at: datetime

    def to_record(self, attempt_id: str) -> AnswerRecord:
        """The store's record of this answer, filed under ``attempt_id``."""
        return AnswerRecord(
            submission_id=self.submission_id,
            attempt_id=attempt_id,
            question_id=self.question_id,
            question_hash=self.question_hash,
            response=self.response,
            score=self.score,
            points=self.points,
            correct=self.correct,
            time_taken_ms=self.time_taken_ms,
            answered_at=self.answered_at,
        )

    def to_json(self) -> dict[str, Any]:
        return {
            **asdict(self),
            "response": response_to_json(self.response),
            "answered_at": self.answered_at.isoformat(),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> PendingAnswer:
        """Read a spooled answer back (a file in results/: plain JSON, checked field by field)."""
        return cls(
            **{
                **data,
                "response": response_from_json(data["response"]),
                "answered_at": datetime.fromisoformat(data["answered_at"]),
            }
        )


class PendingQueue:
    """The answers of one cadre in one quiz that still have to reach the store."""

    _shared: ClassVar[dict[tuple[str, str, str], PendingQueue]] = {}

    def __init__(self, spool: Path | None = None) -> None:
        self.spool = spool
        self._items: list[PendingAnswer] = self._load()

    @classmethod
    def shared(cls, folder: Path | None, cadre_id: str, quiz_id: str) -> PendingQueue:
        """The kernel's one queue for this cadre and quiz (spooled under ``folder`` when given)."""
        key = (str(folder), cadre_id, quiz_id)
        if key not in cls._shared:
            digest = hashlib.sha1(f"{cadre_id}\n{quiz_id}".encode()).hexdigest()[:16]
            cls._shared[key] = cls(folder / f"{digest}.json" if folder is not None else None)
        return cls._shared[key]

    def __len__(self) -> int:
        return len(self._items)

    def __iter__(self) -> Iterator[PendingAnswer]:
        return iter(list(self._items))

    def add(self, item: PendingAnswer) -> None:
        self._items.append(item)
        self._save()

    def remove(self, submission_id: str) -> None:
        self._items = [i for i in self._items if i.submission_id != submission_id]
        self._save()

    def _load(self) -> list[PendingAnswer]:
        if self.spool is None or not self.spool.is_file():
            return []
        try:
            rows = json.loads(self.spool.read_text(encoding="utf-8"))
            return [PendingAnswer.from_json(row) for row in rows]
        except (OSError, ValueError, TypeError, KeyError):
            return []

    def _save(self) -> None:
        """Best effort: the in-memory queue is the truth; the file only helps across restarts."""
        if self.spool is None:
            return
        try:
            if not self._items:
                self.spool.unlink(missing_ok=True)
                return
            self.spool.parent.mkdir(parents=True, exist_ok=True)
            temporary = self.spool.with_name(f".{self.spool.name}.{os.getpid()}.tmp")
            rows = [item.to_json() for item in self._items]
            temporary.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
            os.replace(temporary, self.spool)
        except OSError:
            pass


__all__ = ["PendingAnswer", "PendingQueue"]
