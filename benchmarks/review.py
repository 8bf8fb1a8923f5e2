"""Spaced review: today's 今日复习 queue for one busy cadre, and the trainer's view; asserts nothing.

    .venv/bin/python -m benchmarks.review [--answers 5000] [--cadres 2000] [--per-cadre 50]

On a fresh SQLite store: one cadre with ``--answers`` practice answers over 200 questions and a year,
about 1 in 4 wrong (aim < 50 ms for the queue, read from the store and replayed with FSRS); then
``--cadres`` cadres in 20 units with ``--per-cadre`` answers each (aim < 2 s for the per-unit view).
Prints the median of 5 runs and its ratio to the aim.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from quizkit.records import AnswerRecord, CadreRecord
from quizkit.spaced_review.queue import cadre_queue, review_status
from quizkit.store import Store, open_store

START = datetime(2025, 1, 6, 9, 0, tzinfo=UTC)
NOW = START + timedelta(days=365)


def _answers(store: Store, cadre_id: str, count: int, rng: random.Random) -> list[AnswerRecord]:
    attempt = store.start_attempt(cadre_id, quiz_id="bench", lesson="bench")
    step = timedelta(days=365) / max(count, 1)
    return [
        AnswerRecord(
            submission_id=uuid.uuid4().hex,
            attempt_id=attempt.id,
            question_id=f"q{rng.randrange(200):03d}",
            question_hash="h",
            response="A",
            score=0.0 if (wrong := rng.random() < 0.25) else 1.0,
            points=1.0,
            correct=not wrong,
            answered_at=START + step * index,
        )
        for index in range(count)
    ]


def _median(run: Callable[[], object], times: int = 5) -> float:
    samples = []
    for _ in range(times):
        began = time.perf_counter()
        run()
        samples.append(time.perf_counter() - began)
    return statistics.median(samples)


def _report(label: str, seconds: float, aim: float) -> None:
    print(
        f"{label:<44} {seconds * 1000:9.1f} ms   aim {aim * 1000:6.0f} ms   ratio {seconds / aim:5.2f}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--answers", type=int, default=5000)
    parser.add_argument("--cadres", type=int, default=2000)
    parser.add_argument("--per-cadre", type=int, default=50)
    args = parser.parse_args()
    rng = random.Random(17)
    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{(Path(folder) / 'quizkit.db').as_posix()}")
        store.upsert_cadre(CadreRecord("busy", "干部", "城关镇"))
        store.record_answers(_answers(store, "busy", args.answers, rng))
        queue = cadre_queue(store, "busy", now=NOW)
        print(
            f"one cadre: {args.answers} answers, {queue.scheduled} questions scheduled, "
            f"{len(queue.today)} due today, {queue.this_week} this week"
        )
        _report(
            "today's queue, one cadre", _median(lambda: cadre_queue(store, "busy", now=NOW)), 0.050
        )

        cadres = [
            CadreRecord(f"c{i:05d}", f"干部{i}", f"单位{i % 20:02d}") for i in range(args.cadres)
        ]
        store.upsert_cadres(cadres)
        for cadre in cadres:
            store.record_answers(_answers(store, cadre.id, args.per_cadre, rng))
        total = args.answers + args.cadres * args.per_cadre
        print(
            f"trainer: {args.cadres} cadres × {args.per_cadre} answers ({total} answers in the log)"
        )
        _report(
            "per-unit keep-up view, all cadres",
            _median(lambda: review_status(store, now=NOW), 3),
            2.0,
        )
        store.close()


if __name__ == "__main__":
    main()
