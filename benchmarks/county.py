"""County scale (issue 15): the four aims on SQLite and PostgreSQL, with earlier figures beside them.

    .venv/bin/python -m benchmarks.county [--cadres 20000] [--per-cadre 50] [--live 2000]
        [--pg-url URL | --no-pg] [--repeat 3] [--keep DIR] [--save FILE] [--compare FILE]

Stores (built in bulk, not timed): 20,000 cadres in units of 200 who each handed in one exam paper
of 50 questions (2 points each) drawn from the bank — 1,000,000 answers — and, for the live board,
2,000 cadres mid-exam (open attempts, half of the paper answered). Timed, best of ``--repeat``
(wall seconds, and this process's CPU seconds: the machine is shared):

1. appraisal workbook: load_report_data → build_reports → write_workbook (aim < 2 s);
2. per-unit report of one 200-cadre unit (aim < 100 ms);
3. item analysis of the session's 20,000 attempts (aim < 2 s);
4. the trainer's live board refresh at 2,000 cadres mid-exam (aim < 200 ms).

``--save FILE`` keeps the figures as JSON; ``--compare FILE`` prints those figures beside this run's
with the ratio. The script uses only APIs that older quizkit also has, so the earlier figures come
from running it on an older checkout (``PYTHONPATH=old-checkout``; see docs/reports-and-certificates.md).
PostgreSQL: --pg-url, else QUIZKIT_TEST_PG_URL, else a throwaway server from tests/pg_test_server.sh.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import tempfile
import time
import uuid
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from quizkit.export.workbook import write_workbook
from quizkit.reports import ReportScope, build_reports, course_and_bank, load_report_data
from quizkit.sessions.live import live_data
from quizkit.sessions.manage import Session
from quizkit.sessions.stats import analyse_session
from quizkit.settings import load_settings
from quizkit.store import CadreRecord, Store, open_store
from quizkit.store.schema import answers, attempts

PROJECT = Path(__file__).resolve().parents[1]
AIMS = {"workbook": 2.0, "unit": 0.1, "analysis": 2.0, "live": 0.2}
UNIT_SIZE = 200
ANSWER_FIELDS = (
    "submission_id",
    "attempt_id",
    "question_id",
    "question_hash",
    "response",
    "score",
    "points",
    "correct",
    "time_taken_ms",
    "answered_at",
    "recorded_at",
)


def _roster(store: Store, prefix: str, unit: str, count: int) -> list[CadreRecord]:
    people = [
        CadreRecord(f"{prefix}{i:06d}", f"干部{i}", unit.format(i // UNIT_SIZE + 1), "科员")
        for i in range(count)
    ]
    store.upsert_cadres(people)
    return people


def _paper(chosen: list[str]) -> dict[str, Any]:
    return {
        "seed": "bench",
        "total_points": 2.0 * len(chosen),
        "questions": [
            {"id": q, "points": 2.0, "options": None, "slot": f"cell:{k}", "case": None}
            for k, q in enumerate(chosen)
        ],
    }


def fill(
    store: Store,
    *,
    code: str,
    cadres: int,
    per_cadre: int,
    question_ids: list[str],
    answered: int | None = None,
    open_until: datetime | None = None,
) -> str:
    """One exam session; every cadre has one attempt with a paper of ``per_cadre`` questions, of
    which ``answered`` (default all) are answered; handed in, or open until ``open_until``."""
    unit = "第{:03d}乡镇" if open_until is None else "直播{:03d}组"
    people = _roster(store, code[:2], unit, cadres)
    units = sorted({person.unit for person in people})  # 应考: this session's units
    rules = {"paper": {"questions": question_ids[:1]}, "counting": "highest", "units": units}
    session = store.create_session_row(
        code=code, title="年度学法考试（基准）", kind="exam", rules=rules
    )
    rng = random.Random(7)
    now = datetime.now(UTC) - timedelta(minutes=30)
    attempt_rows, answer_rows = [], []
    for person in people:
        attempt_id = uuid.uuid4().hex
        chosen = rng.sample(question_ids, per_cadre)
        attempt_rows.append(
            {
                "id": attempt_id,
                "cadre_id": person.id,
                "quiz_id": f"session-{code}",
                "lesson": None,
                "session_id": session.id,
                "kind": "exam",
                "started_at": now,
                "deadline_at": open_until,
                "finished_at": None if open_until else now,
                "status": "open" if open_until else "submitted",
                "paper": _paper(chosen),
            }
        )
        skill = rng.uniform(0.5, 0.98)
        for question in chosen[: answered if answered is not None else per_cadre]:
            ok = rng.random() < skill
            answer_rows.append(
                (
                    uuid.uuid4().hex,
                    attempt_id,
                    question,
                    "bench",
                    '"A"',
                    2.0 if ok else 0.0,
                    2.0,
                    ok,
                    None,
                    now,
                    now,
                )
            )
    with store._write() as conn:  # bulk load for the benchmark only (the API commits per call)
        conn.execute(attempts.insert(), attempt_rows)
        _bulk_answers(conn, answer_rows)
        scores = _scores_module()
        if scores is not None and not open_until:  # older quizkit keeps no scores on attempts
            scores.store_scores(conn, [row["id"] for row in attempt_rows])
    return str(session.id)


def _scores_module() -> Any:
    try:
        from quizkit.store import scores
    except ImportError:
        return None
    return scores


def _bulk_answers(conn: Any, rows: list[tuple[Any, ...]]) -> None:
    if conn.dialect.name == "postgresql":  # COPY: minutes faster than INSERT for a million rows
        columns = ", ".join(ANSWER_FIELDS)
        with (
            conn.connection.cursor() as cursor,
            cursor.copy(f"COPY answers ({columns}) FROM STDIN") as copy,
        ):
            for row in rows:
                copy.write_row(row)
        return
    names = list(ANSWER_FIELDS)
    for start in range(0, len(rows), 50_000):
        chunk = [dict(zip(names, row, strict=True)) for row in rows[start : start + 50_000]]
        for row in chunk:
            row["response"] = "A"
        conn.execute(answers.insert(), chunk)


def _settle(store: Store) -> str:
    """What a PostgreSQL server's autovacuum does within a minute of a bulk load: statistics for the
    planner and the visibility map for index-only reads. Timing the store before that measures a state
    no office sees for long (one unit's report: ~0.25 s instead of ~0.08 s)."""
    if store.dialect != "postgresql":
        return ""
    with store._engine.connect() as conn:
        conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
    return "; VACUUM ANALYZE after the bulk load, as autovacuum would"


class Clock:
    def __init__(self) -> None:
        self.wall, self.cpu = time.perf_counter(), time.process_time()

    def read(self) -> tuple[float, float]:
        return time.perf_counter() - self.wall, time.process_time() - self.cpu


def best(repeat: int, work: Callable[[], object]) -> tuple[float, float]:
    """The fastest of ``repeat`` runs (wall, cpu)."""
    found = []
    for _ in range(repeat):
        clock = Clock()
        work()
        found.append(clock.read())
    return min(found)


def _unit_report(
    store: Store, settings: Any, session: str, unit: str, course: Any, bank: Any
) -> Any:
    scope = ReportScope(session_id=session, session_title="基准")
    if "unit" in ReportScope.__dataclass_fields__:  # this quizkit reads one unit only
        scope = ReportScope(session_id=session, session_title="基准", unit=unit)
        return build_reports(store, settings, scope, course=course, bank=bank).for_unit(unit)
    return build_reports(store, settings, scope, course=course, bank=bank).for_unit(unit)


def run_backend(name: str, url: str, args: argparse.Namespace, folder: Path) -> dict[str, Any]:
    settings = load_settings(PROJECT)
    course, bank = course_and_bank(settings)
    ids = sorted(bank.entries) if bank is not None else [f"q{i}" for i in range(1000)]
    print(
        f"\n{name}: building {args.cadres:,} × {args.per_cadre} answers and a live session …",
        flush=True,
    )
    clock = Clock()
    with open_store(url) as store:
        exam = fill(
            store,
            code="county-exam",
            cadres=args.cadres,
            per_cadre=args.per_cadre,
            question_ids=ids,
        )
        live = fill(
            store,
            code="li-live",
            cadres=args.live,
            per_cadre=args.per_cadre,
            question_ids=ids,
            answered=args.per_cadre // 2,
            open_until=datetime.now(UTC) + timedelta(hours=2),
        )
        settled = _settle(store)
    print(f"  built in {clock.read()[0]:.0f} s (not counted){settled}", flush=True)
    figures: dict[str, Any] = {}
    with open_store(url) as store:
        scope = ReportScope(session_id=exam, session_title="年度学法考试（基准）")

        def workbook() -> None:
            data = load_report_data(store, session_id=exam)
            reports = build_reports(store, settings, scope, course=course, bank=bank, data=data)
            write_workbook(reports, folder / f"汇总-{name}.xlsx")

        unit = "第001乡镇"
        exam_session = Session.of(store.get_session_row(exam))
        live_session = Session.of(store.get_session_row(live))
        work = {
            "workbook": workbook,
            "unit": lambda: _unit_report(store, settings, exam, unit, course, bank),
            "analysis": lambda: analyse_session(store, exam_session, bank=bank),
            "live": lambda: live_data(store, live_session, datetime.now(UTC)),
        }
        for aim, job in work.items():
            wall, cpu = best(args.repeat, job)
            figures[aim] = {"wall": wall, "cpu": cpu}
            print(
                f"  {aim:<10}{wall:8.3f} s  (cpu {cpu:6.3f} s)   aim < {AIMS[aim]:g} s", flush=True
            )
    return figures


def _pg_url(args: argparse.Namespace) -> tuple[str | None, Any]:
    if args.no_pg:
        return None, None
    url = args.pg_url or os.environ.get("QUIZKIT_TEST_PG_URL")
    if url:
        return url, None
    from tests.databases import PgServer

    server = PgServer.start()
    return server.url, server


def compare(found: dict[str, Any], earlier: dict[str, Any]) -> None:
    print("\nearlier → now (wall seconds; ratio = earlier / now; cpu in brackets)")
    for backend, aims in found.items():
        for aim, now in aims.items():
            before = earlier.get(backend, {}).get(aim)
            if before is None:
                continue
            print(
                f"  {backend:<11}{aim:<10}{before['wall']:8.3f} → {now['wall']:7.3f} s"
                f"  ×{before['wall'] / now['wall']:5.1f}   (cpu {before['cpu']:.3f} → {now['cpu']:.3f},"
                f" ×{before['cpu'] / max(now['cpu'], 1e-9):.1f})   aim < {AIMS[aim]:g} s"
            )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cadres", type=int, default=20_000)
    parser.add_argument("--per-cadre", type=int, default=50)
    parser.add_argument("--live", type=int, default=2_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--pg-url")
    parser.add_argument("--no-pg", action="store_true")
    parser.add_argument("--no-sqlite", action="store_true")
    parser.add_argument("--keep", type=Path)
    parser.add_argument("--save", type=Path)
    parser.add_argument("--compare", type=Path)
    args = parser.parse_args()
    print(
        f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f} (busy when above ~1)"
    )
    found: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="quizkit-county-") as temp:
        folder = args.keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        if not args.no_sqlite:
            url = f"sqlite:///{(folder / f'county-{uuid.uuid4().hex[:6]}.db').as_posix()}"
            found["sqlite"] = run_backend("sqlite", url, args, folder)
        pg_url, server = _pg_url(args)
        if pg_url is not None:
            try:
                from tests.databases import PgServer

                schema, url = PgServer(pg_url).fresh_schema()
                try:
                    found["postgresql"] = run_backend("postgresql", url, args, folder)
                finally:
                    PgServer(pg_url).drop_schema(schema)
            finally:
                if server is not None:
                    server.stop()
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    if args.save:
        args.save.write_text(json.dumps(found, indent=1) + "\n", encoding="utf-8")
    if args.compare:
        compare(found, json.loads(args.compare.read_text(encoding="utf-8")))


if __name__ == "__main__":
    main()
