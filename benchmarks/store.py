"""Results store speed on SQLite and (when reachable) PostgreSQL; prints figures, asserts nothing.

    .venv/bin/python -m benchmarks.store [--pg-url URL] [--no-pg | --no-sqlite] [--answers N]

For each backend:
- single-writer latency of record_answer (committed, synchronous=FULL on SQLite): p50, p95, p99;
- throughput with 1, 8 and 32 concurrent writer processes (N answers in all);
- 200 simulated cadres (8 processes × 25 threads, one connection each) submitting one answer each at
  the same moment: time until the last one is committed, and errors.
Aims (issue 3): SQLite p95 < 2 ms for one writer; 200 simultaneous submissions < 1 s, zero errors.
PostgreSQL: --pg-url, else QUIZKIT_TEST_PG_URL, else a throwaway server from tests/pg_test_server.sh.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any

from quizkit.errors import QuizkitError
from quizkit.store import AnswerRecord, CadreRecord, Store, open_store

ROOT = Path(__file__).resolve().parents[1]
SIMULTANEOUS = 200
PROCESSES_FOR_SIMULTANEOUS = 8


def answer(attempt_id: str, index: int) -> AnswerRecord:
    return AnswerRecord(
        submission_id=uuid.uuid4().hex,
        attempt_id=attempt_id,
        question_id=f"q{index % 40:03d}",
        question_hash="sha256:bench",
        response=["A", "C"],
        score=2.0,
        points=2.0,
        correct=True,
        time_taken_ms=5000,
    )


def prepare(url: str, cadres: int) -> list[str]:
    """Cadres and one open attempt each; returns the attempt ids."""
    with open_store(url) as store:
        store.upsert_cadres(
            CadreRecord(id=f"b{i:04d}", name=f"干部{i}", unit=f"第{i % 7}村") for i in range(cadres)
        )
        return [store.start_attempt(f"b{i:04d}", quiz_id="bench").id for i in range(cadres)]


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def single_writer(url: str, count: int) -> str:
    (attempt_id,) = prepare(url, 1)
    with open_store(url, create=False) as store:
        for i in range(50):  # warm-up: pool, statement cache
            store.record_answer(answer(attempt_id, i))
        latencies = []
        for i in range(count):
            record = answer(attempt_id, i)
            started = time.perf_counter()
            store.record_answer(record)
            latencies.append((time.perf_counter() - started) * 1000)
    return (
        f"single writer, {count} answers: p50 {statistics.median(latencies):.2f} ms, "
        f"p95 {percentile(latencies, 0.95):.2f} ms, p99 {percentile(latencies, 0.99):.2f} ms"
    )


def run_workers(url: str, groups: list[list[str]], per_thread: int) -> dict[str, Any]:
    """One process per group, one thread (own open Store) per attempt id; once every process is
    ready, all threads start at one instant, and the time runs from that instant to the last commit."""
    processes = [
        subprocess.Popen(
            [
                sys.executable,
                "-m",
                "benchmarks.store",
                "--worker",
                url,
                ",".join(group),
                str(per_thread),
            ],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for group in groups
    ]
    ready = [p.stdout is not None and p.stdout.readline().strip() == "ready" for p in processes]
    at = time.time() + 0.2
    threads: list[dict[str, Any]] = []
    for process, group, is_ready in zip(processes, groups, ready, strict=True):
        lines = process.communicate(f"{at!r}\n")[0].splitlines()
        if is_ready and lines:
            threads += json.loads(lines[-1])
        else:  # could not even connect: every cadre of this process failed
            message = lines[-1] if lines else f"worker exited {process.returncode}"
            threads += [{"end": at, "stored": 0, "errors": 1, "first_error": message}] * len(group)
    return {
        "seconds": max(t["end"] for t in threads) - at,
        "stored": sum(t["stored"] for t in threads),
        "errors": sum(t["errors"] for t in threads),
        "first_error": next((t["first_error"] for t in threads if t["first_error"]), ""),
    }


def throughput(url: str, writers: int, total: int) -> str:
    attempts = prepare(url, writers)
    result = run_workers(url, [[a] for a in attempts], total // writers)
    rate = result["stored"] / result["seconds"]
    return (
        f"{writers:>2} writer process(es): {result['stored']} answers in {result['seconds']:.2f} s "
        f"= {rate:,.0f} answers/s, errors {result['errors']} {result['first_error']}"
    )


def simultaneous(url: str) -> str:
    attempts = prepare(url, SIMULTANEOUS)
    groups = [attempts[i::PROCESSES_FOR_SIMULTANEOUS] for i in range(PROCESSES_FOR_SIMULTANEOUS)]
    result = run_workers(url, groups, 1)
    return (
        f"{SIMULTANEOUS} cadres submitting at once: all {result['stored']} stored "
        f"{result['seconds']:.3f} s after the instant, errors {result['errors']} "
        f"{result['first_error']}"
    )


def worker(url: str, attempt_ids: list[str], per_thread: int) -> None:
    try:
        stores = [open_store(url, create=False) for _ in attempt_ids]
        for store in stores:  # connect now, so the timed part is the submission
            store.get_attempt(attempt_ids[0])
    except QuizkitError as error:
        print(str(error).splitlines()[0], flush=True)
        return
    print("ready", flush=True)
    at = float(sys.stdin.readline())
    outcome: list[dict[str, Any]] = []

    def submit(store: Store, attempt_id: str) -> None:
        stored, errors, first_error = 0, 0, ""
        records = [answer(attempt_id, i) for i in range(per_thread)]
        time.sleep(max(0.0, at - time.time()))
        for record in records:
            try:
                stored += store.record_answer(record)
            except Exception as error:  # counted and reported, never hidden
                errors, first_error = errors + 1, first_error or str(error)
        outcome.append(
            {"end": time.time(), "stored": stored, "errors": errors, "first_error": first_error}
        )

    threads = [
        threading.Thread(target=submit, args=pair) for pair in zip(stores, attempt_ids, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for store in stores:
        store.close()
    print(json.dumps(outcome))


def pg_server(args: argparse.Namespace) -> Any:
    """A tests.databases.PgServer, or None when PostgreSQL is not wanted or not reachable."""
    if args.no_pg:
        return None
    sys.path.insert(0, str(ROOT))
    from tests.databases import PgServer

    if args.pg_url:
        return PgServer(args.pg_url)
    try:  # durable settings (fsync on, unlike the test default), room for 200 cadres at once
        return PgServer.start(options="-c max_connections=300")
    except RuntimeError as error:
        print(f"\nPostgreSQL: skipped ({error})")
        return None


def bench(name: str, url: str, count: int) -> None:
    load = (
        ", ".join(f"{value:.1f}" for value in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    )
    print(f"\n== {name}: {url.split('@')[-1]}  (load average before: {load})", flush=True)
    print("  " + single_writer(url, 2000), flush=True)
    for writers in (1, 8, 32):
        print("  " + throughput(url, writers, count), flush=True)
    print("  " + simultaneous(url), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg-url")
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--answers", type=int, default=3200, help="answers per throughput run")
    parser.add_argument("--worker", nargs=3, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        url, ids, per_thread = args.worker
        worker(url, ids.split(","), int(per_thread))
        return
    if not args.no_sqlite:
        with tempfile.TemporaryDirectory() as folder:
            bench("SQLite", f"sqlite:///{Path(folder).as_posix()}/bench.db", args.answers)
    server = pg_server(args)
    if server is None:
        return
    try:
        schema, url = server.fresh_schema()  # a schema of its own, dropped afterwards
        try:
            bench("PostgreSQL", url, args.answers)
        finally:
            server.drop_schema(schema)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
