"""Group commit: answers that arrive while one batch is being committed go in together with the next.

The answers come checked and graded by the desk (on the store threads, in parallel); here they are
only inserted. Every answer is still committed before its caller is answered (the handler awaits its
batch), but 200 cadres saving at the same moment cost a handful of transactions instead of 200. A
batch the database refuses as a whole is written again answer by answer, so one bad answer fails only
its own caller.

A resend (same ``submission_id``) is stored once — the database's unique key sees to that — and is
answered False. The writer knows what is stored from memory: before the first answer of an attempt
this process sees (after a restart, or an attempt begun before it), ``prepare`` reads the submission
ids already stored for that attempt (once per attempt, on the caller's store thread, not the writer's).
"""

from __future__ import annotations

import asyncio
import threading
from collections import OrderedDict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from quizkit.records import AnswerRecord
from quizkit.store import Store

REMEMBERED = 100_000  # submission ids kept to answer a resend with False (and attempts read)


@dataclass
class _Waiting:
    answer: AnswerRecord
    done: asyncio.Future[bool]


class AnswerWriter:
    """One writer thread; batches form while the previous one commits."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._waiting: list[_Waiting] = []
        self._running = False
        self._thread = ThreadPoolExecutor(1, thread_name_prefix="quizkit-writer")
        self._stored: OrderedDict[str, None] = OrderedDict()
        self._read: OrderedDict[str, None] = OrderedDict()  # attempts whose stored ids are known
        self._memory = threading.Lock()
        self.batches = 0  # for the benchmark: how many transactions the answers took

    def prepare(self, answer: AnswerRecord) -> None:
        """Know the submission ids stored for the answer's attempt before it is written (one read
        per attempt per process), so a resend after a restart is answered False."""
        with self._memory:
            if answer.attempt_id in self._read:
                return
        stored = [row.submission_id for row in self.store.answers_for_attempt(answer.attempt_id)]
        with self._memory:
            for submission_id in stored:
                self._remember(submission_id)
            self._read[answer.attempt_id] = None
            if len(self._read) > REMEMBERED:
                self._read.popitem(last=False)

    async def record(self, answer: AnswerRecord) -> bool:
        """Commit one checked answer; True when new, False when a resend."""
        done: asyncio.Future[bool] = asyncio.get_running_loop().create_future()
        self._waiting.append(_Waiting(answer, done))
        if not self._running:
            self._running = True
            asyncio.get_running_loop().create_task(self._drain())
        return await done

    async def _drain(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while self._waiting:
                batch, self._waiting = self._waiting, []
                try:
                    outcomes = await loop.run_in_executor(self._thread, self._commit, batch)
                except Exception as error:  # pragma: no cover - _commit catches per answer
                    outcomes = [error] * len(batch)
                for waiting, outcome in zip(batch, outcomes, strict=True):
                    if waiting.done.done():
                        continue
                    if isinstance(outcome, BaseException):
                        waiting.done.set_exception(outcome)
                    else:
                        waiting.done.set_result(outcome)
        finally:
            self._running = False

    def _commit(self, batch: list[_Waiting]) -> list[bool | Exception]:
        outcomes: list[bool | Exception] = [False] * len(batch)
        checked = [(index, waiting.answer) for index, waiting in enumerate(batch)]
        with self._memory:
            fresh = [(i, r) for i, r in checked if r.submission_id not in self._stored]
        unique: dict[str, tuple[int, AnswerRecord]] = {}
        for index, record in fresh:
            unique.setdefault(record.submission_id, (index, record))
        if unique:
            try:
                self.store.record_answers([record for _i, record in unique.values()])
                self.batches += 1
                with self._memory:
                    for index, record in unique.values():
                        outcomes[index] = True
                        self._remember(record.submission_id)
            except Exception:
                for index, record in unique.values():
                    outcomes[index] = self._one(record)
        return outcomes

    def _one(self, record: AnswerRecord) -> bool | Exception:
        try:
            new = self.store.record_answer(record)
        except Exception as error:
            return error
        self.batches += 1
        with self._memory:
            self._remember(record.submission_id)
        return new

    def _remember(self, submission_id: str) -> None:
        """Called with ``_memory`` held."""
        self._stored[submission_id] = None
        if len(self._stored) > REMEMBERED:
            self._stored.popitem(last=False)

    def close(self) -> None:
        self._thread.shutdown(wait=True)


__all__ = ["AnswerWriter"]
