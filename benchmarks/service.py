"""The grading service's answer path against PostgreSQL; prints figures, asserts nothing.

    .venv/bin/python -m benchmarks.service [--pg-url URL] [--rounds N] [--answers N]

Three ways one autosave reaches the store, on the same database and paper:
- in process: ``ExamSitting.save`` on a local Store (what a single machine does);
- the service directly: the kernel's client (``ServiceBackend.record_answer``) over HTTP to
  ``quizkit serve`` running in its own process;
- through configurable-http-proxy in front of the service (the hub's path), when the proxy is installed.
For each: one cadre's answer round trip p50/p95 (sequential), and 200 cadres (own connection, own
token) sending one answer each at the same moment: time until the last reply (every answer committed
by then), errors, and for the service how many transactions the group commit used.
Callers are a token table here (no hub): with a real hub HubAuth asks the hub once per token and then
answers from its cache, so the steady state is this one (see tests/service/test_hub.py for the hub).
Aims (issue 12): p95 < 30 ms per answer; all 200 committed < 1 s, zero errors.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
CADRES = 200
SOLO = "solo"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def tokens() -> dict[str, str]:
    """token → hub login; the logins are the roster ids."""
    logins = [SOLO, *(f"b{i:04d}" for i in range(CADRES))]
    return {f"token-{login}": login for login in logins}


# -- the service process ----------------------------------------------------------------------------
def serve(port: int, url: str) -> None:
    from quizkit.project import Project
    from quizkit.service.app import close_app, make_app
    from quizkit.service.callers import StaticCallers
    from quizkit.service.desk import Caller, Desk
    from quizkit.store import open_store

    project = Project.open(ROOT)
    store = open_store(url)
    desk = Desk(store, project.bank(), project.settings.scoring)
    callers = StaticCallers({token: Caller(login) for token, login in tokens().items()})

    async def run() -> None:
        app = make_app(desk, callers, prefix="/services/quizkit/")
        server = app.listen(port, address="127.0.0.1")
        stopped = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stopped.set)
        print("ready", flush=True)
        await stopped.wait()
        print(json.dumps({"batches": app.settings["quizkit_writer"].batches}), flush=True)
        server.stop()
        await server.close_all_connections()
        close_app(app)

    asyncio.run(run())
    store.close()


# -- setting up ------------------------------------------------------------------------------------
def prepare(url: str) -> tuple[Any, list[str]]:
    """Roster, one exam session over 20 single-choice questions; returns (session, question ids)."""
    from quizkit.project import Project
    from quizkit.records import CadreRecord
    from quizkit.sessions import create_session
    from quizkit.sessions.rules import SessionRules
    from quizkit.store import open_store

    bank = Project.open(ROOT).bank()
    paper = [q.id for q in bank.questions() if q.type == "single" and q.status == "active"][:20]
    with open_store(url) as store:
        store.upsert_cadres(
            CadreRecord(id=login, name=f"干部{login}", unit="城关镇") for login in tokens().values()
        )
        rules = SessionRules.model_validate(
            {"paper": {"questions": paper}, "seed": "bench", "duration_minutes": 600}
        )
        session = create_session(store, bank, title="基准测试", rules=rules, code=None)
    return session, paper


def answer_body(attempt_id: str, question_id: str) -> dict[str, Any]:
    return {
        "submission_id": uuid.uuid4().hex,
        "attempt_id": attempt_id,
        "question_id": question_id,
        "question_hash": "",
        "response": "A",
        "score": 0.0,
        "points": 2.0,
        "correct": False,
    }


# -- in process ------------------------------------------------------------------------------------
def in_process(url: str, session: Any, paper: list[str], answers: int, rounds: int) -> str:
    from quizkit.project import Project
    from quizkit.sessions import ExamSitting
    from quizkit.store import open_store

    bank = Project.open(ROOT).bank()
    with open_store(url) as store:
        solo = ExamSitting.join(store, bank, session, SOLO)
        times = []
        for index in range(answers):
            started = time.perf_counter()
            solo.save(paper[index % len(paper)], "A")
            times.append((time.perf_counter() - started) * 1000)
        sittings = [
            ExamSitting.join(store, bank, session, login)
            for login in tokens().values()
            if login != SOLO
        ]
        bursts, errors = [], 0
        for _round in range(rounds):
            gate = threading.Barrier(len(sittings) + 1)
            failed: list[BaseException] = []

            def save(
                sitting: ExamSitting,
                gate: threading.Barrier = gate,
                failed: list[BaseException] = failed,
            ) -> None:
                gate.wait()
                try:
                    sitting.save(paper[0], "B")
                except BaseException as error:  # counted, not raised
                    failed.append(error)

            threads = [threading.Thread(target=save, args=(s,)) for s in sittings]
            for thread in threads:
                thread.start()
            gate.wait()
            started = time.perf_counter()
            for thread in threads:
                thread.join()
            bursts.append(time.perf_counter() - started)
            errors += len(failed)
    return (
        f"in process (ExamSitting.save): p50 {statistics.median(times):.1f} ms, "
        f"p95 {percentile(times, 0.95):.1f} ms over {answers}; "
        f"{CADRES} at once (threads): median {statistics.median(bursts):.2f} s, "
        f"max {max(bursts):.2f} s over {rounds} rounds, errors {errors}"
    )


# -- over HTTP -------------------------------------------------------------------------------------
def start_attempts(base: str, session: Any) -> dict[str, str]:
    """login → attempt id, opened through the service (its admission, paper, deadline)."""
    from quizkit.service_client import ServiceBackend

    opened = {}
    for token, login in tokens().items():
        client = ServiceBackend(base, token)
        opened[login] = client.start_attempt(
            login, quiz_id=session.quiz_id, session_id=session.id
        ).id
        client.close()
    return opened


def round_trips(base: str, attempt_id: str, paper: list[str], answers: int) -> list[float]:
    from quizkit.records import AnswerRecord
    from quizkit.service_client import ServiceBackend

    client = ServiceBackend(base, f"token-{SOLO}")
    times = []
    for index in range(answers):
        body = answer_body(attempt_id, paper[index % len(paper)])
        record = AnswerRecord(**body)
        started = time.perf_counter()
        client.record_answer(record)
        times.append((time.perf_counter() - started) * 1000)
    client.close()
    return times[10:]  # the first few open the connection


async def burst(base: str, attempts: dict[str, str], question_id: str) -> tuple[float, int]:
    """Every cadre sends one answer at once; seconds until the last reply, and errors."""
    from tornado.httpclient import AsyncHTTPClient, HTTPRequest

    client = AsyncHTTPClient(force_instance=True, max_clients=CADRES + 10)
    requests = [
        HTTPRequest(
            base + "api/v1/record_answer",
            method="POST",
            headers={"Authorization": f"token token-{login}", "Content-Type": "application/json"},
            body=json.dumps({"args": {"answer": answer_body(attempt_id, question_id)}}),
            request_timeout=60,
        )
        for login, attempt_id in attempts.items()
        if login != SOLO
    ]
    try:  # open the connections first (a kernel's client keeps its connection)
        warm = [HTTPRequest(base, request_timeout=60) for _ in requests]
        await asyncio.gather(*(client.fetch(r, raise_error=False) for r in warm))
        started = time.perf_counter()
        replies = await asyncio.gather(*(client.fetch(r, raise_error=False) for r in requests))
        elapsed = time.perf_counter() - started
    finally:
        client.close()
    errors = sum(1 for r in replies if r.code != 200 or json.loads(r.body) != {"result": True})
    return elapsed, errors


def over_http(name: str, base: str, session: Any, paper: list[str], args: Any) -> str:
    attempts = start_attempts(base, session)
    times = round_trips(base, attempts[SOLO], paper, args.answers)
    bursts, errors = [], 0
    for index in range(args.rounds):
        elapsed, failed = asyncio.run(burst(base, attempts, paper[index % len(paper)]))
        bursts.append(elapsed)
        errors += failed
    return (
        f"{name}: p50 {statistics.median(times):.1f} ms, p95 {percentile(times, 0.95):.1f} ms "
        f"over {len(times)}; {CADRES} at once: median {statistics.median(bursts):.2f} s, "
        f"max {max(bursts):.2f} s over {args.rounds} rounds, errors {errors}"
    )


def start_proxy(target: str) -> tuple[subprocess.Popen[bytes], int] | None:
    command = shutil.which("configurable-http-proxy")
    if command is None:
        return None
    port, api = free_port(), free_port()
    process = subprocess.Popen(
        [command, "--ip", "127.0.0.1", "--port", str(port), "--api-ip", "127.0.0.1",
         "--api-port", str(api), "--default-target", target, "--log-level", "warn"],
        env={**os.environ, "CONFIGPROXY_AUTH_TOKEN": uuid.uuid4().hex},
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return process, port
        except OSError:
            time.sleep(0.2)
    process.terminate()
    return None


def count_rows(url: str, session_id: str) -> int:
    from quizkit.store import open_store

    with open_store(url) as store:
        return len(store.session_answers_frame(session_id))


def bench(url: str, args: argparse.Namespace) -> None:
    load = ", ".join(f"{v:.1f}" for v in os.getloadavg()) if hasattr(os, "getloadavg") else "?"
    print(f"== PostgreSQL {url.split('@')[-1].split('?')[0]} (load average before: {load})")
    session, paper = prepare(url)
    port = free_port()
    service = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.service", "--serve", str(port), url],
        cwd=ROOT, stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert service.stdout is not None
    if service.stdout.readline().strip() != "ready":
        raise SystemExit("the service did not start")
    proxy = None
    try:
        base = f"http://127.0.0.1:{port}/services/quizkit/"
        print("  " + over_http("service (direct)", base, session, paper, args), flush=True)
        proxy = start_proxy(f"http://127.0.0.1:{port}")
        if proxy is None:
            print("  through the proxy: skipped (npm install -g configurable-http-proxy)")
        else:
            routed = f"http://127.0.0.1:{proxy[1]}/services/quizkit/"
            line = over_http("service via configurable-http-proxy", routed, session, paper, args)
            print("  " + line, flush=True)
    finally:
        if proxy is not None:
            proxy[0].terminate()
            proxy[0].wait(10)
        service.send_signal(signal.SIGTERM)
        tail, _ = service.communicate(timeout=60)
    batches = json.loads(tail.strip().splitlines()[-1])["batches"]
    rows = count_rows(url, session.id)
    print(f"  service: {rows} answers committed in {batches} transactions (group commit)")
    print("  " + in_process(url, session, paper, args.answers, args.rounds), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pg-url")
    parser.add_argument("--rounds", type=int, default=5, help="200-at-once rounds")
    parser.add_argument("--answers", type=int, default=300, help="sequential round trips")
    parser.add_argument("--serve", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.serve:
        serve(int(args.serve[0]), args.serve[1])
        return
    sys.path.insert(0, str(ROOT))
    from tests.databases import PgServer

    server = PgServer(args.pg_url) if args.pg_url else PgServer.start("-c max_connections=300")
    try:
        schema, url = server.fresh_schema()
        try:
            bench(url, args)
        finally:
            server.drop_schema(schema)
    finally:
        server.stop()


if __name__ == "__main__":
    main()
