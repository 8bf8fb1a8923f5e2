"""Export speed: 1,000 PDF certificates, the appraisal workbook from 1,000,000 answers, and the ratio
against the naive route (one `jupyter nbconvert` process per cadre). Prints figures, asserts nothing.

    .venv/bin/python -m benchmarks.export [--certificates 1000] [--answers 1000000] [--cadres 20000]
                                          [--sample 20] [--workers N] [--skip-certificates]
                                          [--skip-naive] [--skip-workbook] [--keep DIR]

1. Certificates: a store of N cadres (20 units) who all passed one exam; `quizkit export
   certificates`'s route in process: reports → issue (numbers + codes recorded) → HTML → one PDF per
   cadre over a process pool (subset fonts), then the same as one multi-page PDF.
2. Naive route: a request notebook per cadre converted by its own `jupyter nbconvert --to
   quizkit-certificate-pdf` process, timed on a sample and scaled to N.
3. Workbook: a store of 1,000,000 exam answers (20,000 cadres × 50 questions, 200 units) built in bulk;
   time to read it, build every report and write the workbook (with and without per-unit sheets).
Aims (issue 6): 1,000 PDFs < 80 s on 2 cores, ≥ 60× faster than the naive route; workbook < 5 s
(issue 15: < 2 s end to end; benchmarks/county.py times it on SQLite and PostgreSQL with the other
county-scale aims, earlier figures beside).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path

from quizkit.certificates.issuing import issue_certificates
from quizkit.certificates.keys import load_key
from quizkit.export.files import batch_text, job_files, pdf_fonts, write_certificates
from quizkit.export.pdf import write_pdfs
from quizkit.export.requests import ExportRequest, write_request
from quizkit.export.workbook import write_workbook
from quizkit.reports import ReportScope, build_reports, course_and_bank, load_report_data
from quizkit.settings import Settings, load_settings
from quizkit.store import CadreRecord, Store, open_store
from quizkit.store.schema import answers, attempts
from quizkit.store.scores import store_scores

PROJECT = Path(__file__).resolve().parents[1]
BEFORE_COUNTY = 8.0  # s, store → reports → workbook at 1,000,000 answers, as issue 15 measured it
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
GIVEN = (
    "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红梅建国志文斌宇浩然欣怡子涵晨阳佳琪思远"
)


def cadre_name(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))


def fill_store(store: Store, cadres: int, per_cadre: int, question_ids: list[str]) -> str:
    """Cadres in units of 100 (or 20 units for small runs), one exam session, one finished attempt
    each with ``per_cadre`` answers; bulk-inserted in a few transactions."""
    rng = random.Random(2026)
    units = max(20, cadres // 100)
    roster = [
        CadreRecord(
            f"k{i:06d}",
            cadre_name(rng),
            f"第{i % units + 1:03d}乡镇",
            rng.choice(["科员", "副镇长", "站长"]),
        )
        for i in range(cadres)
    ]
    store.upsert_cadres(roster)
    session = store.create_session_row(code="bench-exam", title="年度学法考试（基准）", kind="exam")
    now = datetime.now(UTC)
    paper = {"total_points": 2.0 * per_cadre}
    attempt_rows, answer_rows = [], []
    for cadre in roster:
        attempt_id = uuid.uuid4().hex
        attempt_rows.append(
            {
                "id": attempt_id,
                "cadre_id": cadre.id,
                "quiz_id": "bench-exam",
                "lesson": None,
                "session_id": session.id,
                "kind": "exam",
                "started_at": now,
                "deadline_at": None,
                "finished_at": now,
                "status": "submitted",
                "paper": paper,
            }
        )
        skill = rng.uniform(0.62, 0.98)
        for question_id in rng.sample(question_ids, per_cadre):
            ok = rng.random() < skill
            answer_rows.append(
                {
                    "submission_id": uuid.uuid4().hex,
                    "attempt_id": attempt_id,
                    "question_id": question_id,
                    "question_hash": "bench",
                    "response": "A",
                    "score": 2.0 if ok else 0.0,
                    "points": 2.0,
                    "correct": ok,
                    "time_taken_ms": None,
                    "answered_at": now,
                    "recorded_at": now,
                }
            )
    with store._write() as conn:  # bulk load for the benchmark only (the API commits per call)
        conn.execute(attempts.insert(), attempt_rows)
        for start in range(0, len(answer_rows), 50_000):
            conn.execute(answers.insert(), answer_rows[start : start + 50_000])
        store_scores(conn, [row["id"] for row in attempt_rows])  # as closing them would have
    return session.id


class Clock:
    """Wall time and this process's CPU time (the machine is shared: CPU time is the steadier figure;
    it leaves out worker processes, so for the PDF pool read the wall time)."""

    def __init__(self) -> None:
        self.wall = time.perf_counter()
        self.cpu = time.process_time()


def timed(label: str, started: Clock) -> float:
    seconds = time.perf_counter() - started.wall
    cpu = time.process_time() - started.cpu
    print(f"  {label:<50}{seconds:8.2f} s  (cpu {cpu:6.2f} s)", flush=True)
    return seconds


def bench_certificates(args: argparse.Namespace, folder: Path) -> float:
    print(
        f"\n1. {args.certificates} certificates as PDF (workers: {args.workers or os.cpu_count()})"
    )
    settings = Settings(root=PROJECT, results=folder / "results")
    (folder / "results").mkdir(parents=True)
    args.db_url = f"sqlite:///{(folder / 'results' / 'quizkit.db').as_posix()}"
    store = open_store(args.db_url)
    session = fill_store(store, args.certificates, 10, [f"q{i}" for i in range(40)])
    store.update_session_row(session, rules={"pass_mark": 0})  # everyone passes: N certificates
    course, bank = course_and_bank(settings)
    total = Clock()
    started = Clock()
    reports = build_reports(
        store, settings, ReportScope(session_id=session), course=course, bank=bank
    )
    timed("reports", started)
    started = Clock()
    issued = issue_certificates(store, reports, load_key(settings.results_dir))
    timed(f"issue {len(issued)} (numbers + codes stored)", started)
    started = Clock()
    with pdf_fonts(batch_text(reports, issued), len(issued)) as fonts:
        timed("subset fonts", started)
        started = Clock()
        _, jobs = write_certificates(issued, folder / "certs", reports, fonts)
        timed("render HTML (one page per cadre + 证书.html)", started)
        started = Clock()
        write_pdfs(jobs, workers=args.workers)
        timed(f"write {len(job_files(jobs))} PDFs over a process pool", started)
    seconds = timed("total, per-cadre PDF files", total)
    print(f"  → {1000 * seconds / len(issued):.1f} ms per certificate", flush=True)
    started = Clock()
    with pdf_fonts("", 1) as fonts:
        _, jobs = write_certificates(
            issued, folder / "combined", reports, fonts, html=False, combined=True
        )
        write_pdfs(jobs, workers=1)
    one = timed(f"one multi-page PDF of {len(issued)} certificates", started)
    print(f"  → {1000 * one / len(issued):.1f} ms per page", flush=True)
    args.ids = [cert.cadre_id for cert in issued]
    store.close()
    return seconds


def bench_naive(args: argparse.Namespace, folder: Path, ours: float) -> None:
    sample = args.ids[: args.sample]
    print(
        f"\n2. naive route: one `jupyter nbconvert --to quizkit-certificate-pdf` per cadre ({len(sample)} sampled)"
    )
    jupyter = Path(sys.executable).with_name("jupyter")
    env = {
        **os.environ,
        "QUIZKIT_ROOT": str(PROJECT),
        "QUIZKIT_RESULTS": str(folder / "results"),
        "QUIZKIT_DB_URL": args.db_url,
    }
    times = []
    for cadre in sample:
        request = ExportRequest(kind="certificates", session="bench-exam", cadres=[cadre])
        notebook = write_request(request, folder / "naive" / f"{cadre}.ipynb")
        started = time.perf_counter()
        subprocess.run(
            [str(jupyter), "nbconvert", "--to", "quizkit-certificate-pdf", str(notebook)],
            env=env,
            check=True,
            capture_output=True,
        )
        times.append(time.perf_counter() - started)
    median = statistics.median(times)
    scaled = median * args.certificates
    print(f"  per cadre: median {median:.2f} s (min {min(times):.2f}, max {max(times):.2f})")
    print(
        f"  scaled to {args.certificates}: {scaled:.0f} s → ours is {scaled / ours:.0f}× faster",
        flush=True,
    )


def bench_workbook(args: argparse.Namespace, folder: Path) -> None:
    per_cadre = max(1, args.answers // args.cadres)
    print(
        f"\n3. workbook from {args.cadres * per_cadre:,} answers ({args.cadres:,} cadres × {per_cadre})"
    )
    settings = load_settings(PROJECT)
    course, bank = course_and_bank(settings)
    ids = (
        sorted(bank.entries)
        if bank and len(bank.entries) >= per_cadre
        else [f"q{i}" for i in range(400)]
    )
    url = f"sqlite:///{(folder / 'big.db').as_posix()}"
    reuse = (folder / "big.session").is_file()
    store = open_store(url)
    started = Clock()
    if reuse:  # --keep DIR from an earlier run with the same sizes
        session = (folder / "big.session").read_text(encoding="utf-8")
    else:
        session = fill_store(store, args.cadres, per_cadre, ids)
        (folder / "big.session").write_text(session, encoding="utf-8")
    timed("build the store (bulk insert, not counted)" if not reuse else "reuse the store", started)
    scope = ReportScope(session_id=session, session_title="年度学法考试（基准）")
    total = Clock()
    started = Clock()
    data = load_report_data(store, session_id=session)
    timed("read attempts and answers into pandas", started)
    started = Clock()
    reports = build_reports(store, settings, scope, course=course, bank=bank, data=data)
    timed("build every report", started)
    started = Clock()
    write_workbook(reports, folder / "汇总.xlsx")
    timed(f"write the workbook ({len(reports.cadres):,} cadre rows, 7 sheets)", started)
    seconds = timed("total: store → reports → workbook", total)
    print(
        f"  → {BEFORE_COUNTY / seconds:.1f}× the {BEFORE_COUNTY:g} s measured before scores on attempts"
        " (issue 15, quiet machine)",
        flush=True,
    )
    started = Clock()
    write_workbook(reports, folder / "汇总-单位.xlsx", units=reports.unit_names())
    timed(f"same with {len(reports.unit_names())} per-unit sheets", started)
    store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--certificates", type=int, default=1000)
    parser.add_argument("--answers", type=int, default=1_000_000)
    parser.add_argument("--cadres", type=int, default=20_000)
    parser.add_argument("--sample", type=int, default=20)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--skip-certificates", action="store_true")
    parser.add_argument("--skip-naive", action="store_true")
    parser.add_argument("--skip-workbook", action="store_true")
    parser.add_argument(
        "--keep", type=Path, help="Write here and keep the files; reuses its 1M-answer store."
    )
    args = parser.parse_args()
    print(f"machine: {os.cpu_count()} cores; load average {os.getloadavg()[0]:.1f}")
    with tempfile.TemporaryDirectory(prefix="quizkit-bench-") as temp:
        folder = args.keep or Path(temp)
        folder.mkdir(parents=True, exist_ok=True)
        if not args.skip_certificates:
            ours = bench_certificates(args, folder)
            if not args.skip_naive:
                bench_naive(args, folder, ours)
        if not args.skip_workbook:
            bench_workbook(args, folder)


if __name__ == "__main__":
    main()
