"""Import/export speed: the real bank through every format, and a large roster into SQLite.

Prints median seconds of 3 runs. Run: .venv/bin/python benchmarks/interop.py [--people N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from quizkit.bank import load_bank
from quizkit.interop import apply_roster, export_bank, import_bank, plan_roster, read_roster
from quizkit.interop.roster import write_roster
from quizkit.store import CadreRecord, open_store

ROOT = Path(__file__).resolve().parents[1]
SUFFIX = {"gift": ".gift", "moodle": ".xml", "aiken": ".txt", "xlsx": ".xlsx"}


def median_seconds(run: Callable[[], object], repeat: int = 3) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bank_formats(folder: Path) -> None:
    bank = load_bank(ROOT / "question_bank")
    laws = ROOT.parent / "shared" / "laws"
    laws_dir = laws if (laws / "index.yaml").is_file() else None
    print(f"bank: {len(bank)} questions, {len(bank.cases)} case groups")
    for fmt, suffix in SUFFIX.items():
        target = folder / f"bank{suffix}"
        out = median_seconds(lambda fmt=fmt, target=target: export_bank(bank, fmt, target))
        back = median_seconds(
            lambda target=target: import_bank(
                target, law="administrative-licensing", laws_dir=laws_dir
            )
        )
        print(f"  {fmt:<7} export {out:6.3f} s   import+check {back:6.3f} s")


def roster(folder: Path, people: int) -> None:
    cadres = [
        CadreRecord(f"{i:06d}", f"干部{i}", f"单位{i % 200}", "科员", f"138{i:08d}")
        for i in range(people)
    ]
    for suffix in (".csv", ".xlsx"):
        path = folder / f"roster{suffix}"
        write = median_seconds(lambda path=path: write_roster(cadres, {}, path))
        read = median_seconds(lambda path=path: read_roster(path))
        print(f"roster {people} people {suffix:<5} write {write:6.3f} s   read+check {read:6.3f} s")
    roster_file = read_roster(folder / "roster.csv")
    with open_store(f"sqlite:///{(folder / 'q.db').as_posix()}") as store:
        start = time.perf_counter()
        plan = plan_roster(roster_file, store.find_cadres(), {})
        apply_roster(store, plan)
        first = time.perf_counter() - start
        again = median_seconds(lambda: plan_roster(roster_file, store.find_cadres(), {}))
    print(
        f"roster {people} people: first import into SQLite {first:6.3f} s; re-plan {again:6.3f} s"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--people", type=int, default=5000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        bank_formats(Path(folder))
        roster(Path(folder), args.people)


if __name__ == "__main__":
    main()
