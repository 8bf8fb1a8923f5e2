"""A learner-like writer process for the concurrency, crash and backup tests (and benchmarks).

    python -m tests.store.writer URL ATTEMPT_ID COUNT [--prefix P] [--batch N] [--go FILE] [--ack]

Waits for FILE to exist (so many writers start together), then records COUNT answers (one
record_answer each, or record_answers batches of N). With --ack it prints "ack <id>" after each
acknowledged write. At the end it prints one JSON line: {"stored": n, "errors": [...]}.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from quizkit.errors import QuizkitError
from quizkit.store import AnswerRecord, open_store


def _answer(attempt_id: str, submission_id: str, index: int) -> AnswerRecord:
    return AnswerRecord(
        submission_id=submission_id,
        attempt_id=attempt_id,
        question_id=f"q{index % 50:03d}",
        question_hash="sha256:test",
        response=["A", "C"] if index % 3 else "B",
        score=2.0 if index % 2 else 0.0,
        points=2.0,
        correct=bool(index % 2),
        time_taken_ms=index,
    )


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("url")
    parser.add_argument("attempt_id")
    parser.add_argument("count", type=int)
    parser.add_argument("--prefix", default="w")
    parser.add_argument("--batch", type=int, default=0)
    parser.add_argument("--go", type=Path)
    parser.add_argument("--ack", action="store_true")
    args = parser.parse_args(argv)
    store = open_store(args.url, create=False)
    while args.go is not None and not args.go.exists():
        time.sleep(0.005)
    stored, errors = 0, []
    step = max(args.batch, 1)
    for start in range(0, args.count, step):
        ids = [f"{args.prefix}-{i}" for i in range(start, min(start + step, args.count))]
        answers = [_answer(args.attempt_id, sid, start + n) for n, sid in enumerate(ids)]
        try:
            if args.batch:
                stored += store.record_answers(answers)
            else:
                stored += store.record_answer(answers[0])
        except QuizkitError as error:
            errors.append(str(error))
            continue
        if args.ack:
            print("ack " + " ".join(ids), flush=True)
    store.close()
    print(json.dumps({"stored": stored, "errors": errors[:5], "error_count": len(errors)}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
