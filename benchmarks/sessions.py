"""Group sessions: how long the pieces a room of cadres and a trainer wait for take; asserts nothing.

    .venv/bin/python -m benchmarks.sessions [--cadres N]

On a fresh SQLite store (synchronous=FULL, as in use) and the real question bank:
- drawing one cadre's paper from the blueprint 单选 25×2 + 多选 10×2 + 判断 15×2 (and with an overlapping
  per-law cell), median and p95;
- joining (admission, draw, the stored attempt), median;
- autosave of one choice (the attempt read again, the answer committed): p50, p95;
- the trainer's live view refresh, item analysis and its chart, for N cadres who answered every
  question once and changed 1 in 5 answers.
"""

from __future__ import annotations

import argparse
import random
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from quizkit.bank import load_bank
from quizkit.records import utc_now
from quizkit.sessions import (
    ExamSitting,
    analyse_session,
    create_session,
    draw_paper,
    live_data,
    parse_blueprint,
)
from quizkit.sessions.charts import item_chart, png_bytes
from quizkit.sessions.rules import PaperRules, SessionRules
from quizkit.store import CadreRecord, open_store

ROOT = Path(__file__).resolve().parents[1]
BLUEPRINT = "single:25x2,multiple:10x2,judge:15x2"
OVERLAPPING = "行政处罚法/单选:10x2,单选:15x2,多选:10x2,判断:15x2"


def ms(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    return f"median {statistics.median(values):.1f} ms, p95 {p95:.1f} ms"


def timed(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cadres", type=int, default=100)
    cadres = parser.parse_args().cadres
    bank = load_bank(ROOT / "question_bank")
    print(f"bank: {len(bank)} questions; {cadres} cadres")
    for text in (BLUEPRINT, OVERLAPPING):
        rules = SessionRules(paper=PaperRules(blueprint=parse_blueprint(text)), seed="bench")
        draws = [timed(lambda i=i, r=rules: draw_paper(bank, r, f"c{i}")) for i in range(200)]
        print(f"draw one paper ({text}): {ms(draws)}")

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(f"sqlite:///{Path(folder) / 'bench.db'}")
        rules = SessionRules(
            paper=PaperRules(blueprint=parse_blueprint(BLUEPRINT)),
            duration_minutes=90,
            shuffle_options=True,
        )
        session = create_session(store, bank, title="性能测试", rules=rules)
        store.upsert_cadres(
            CadreRecord(id=f"c{i:04d}", name=f"干部{i}", unit=f"第{i % 9}村") for i in range(cadres)
        )
        sittings: list[ExamSitting] = []
        joins = [
            timed(lambda i=i: sittings.append(ExamSitting.join(store, bank, session, f"c{i:04d}")))
            for i in range(cadres)
        ]
        print(f"join (admission + draw + stored attempt): {ms(joins)}")
        saves: list[float] = []
        rng = random.Random(7)
        for sitting in sittings:
            for pq in sitting.questions:
                labels = list(pq.shown.options or {}) or [True, False]
                choice = rng.choice(labels)
                response = [choice] if pq.shown.type == "multiple" else choice
                saves.append(
                    timed(lambda s=sitting, q=pq.item.question_id, r=response: s.save(q, r))
                )
                if rng.random() < 0.2:
                    sitting.save(pq.item.question_id, pq.shown.answer)
            sitting.submit()
        print(f"autosave of one choice ({len(saves)} saves): {ms(saves)}")
        refresh = [timed(lambda: live_data(store, session, utc_now())) for _ in range(5)]
        print(f"live view refresh ({cadres} cadres, {len(saves)}+ answer rows): {ms(refresh)}")
        analysis = [timed(lambda: analyse_session(store, session, bank=bank)) for _ in range(3)]
        print(f"item analysis: {ms(analysis)}")
        result = analyse_session(store, session, bank=bank)
        charts = [timed(lambda: png_bytes(item_chart(result.items))) for _ in range(3)]
        print(f"item chart ({len(result.items)} questions, PNG): {ms(charts)}")
        store.close()


if __name__ == "__main__":
    main()
