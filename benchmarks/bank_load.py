"""Load and validate a generated bank of 10,000 questions; print seconds and questions per second.

Aim (issue 2): under 1 s on a 2-core machine. Run: .venv/bin/python benchmarks/bank_load.py [--count N]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

import yaml

from quizkit.bank import read_bank

LAWS = {"administrative-licensing": 83, "administrative-penalty": 86, "state-compensation": 42}


def generated_question(index: int, law: str, articles: int) -> dict[str, Any]:
    kind = ("single", "multiple", "judge")[index % 3]
    question: dict[str, Any] = {
        "id": f"gen-{index:05d}",
        "type": kind,
        "stem": f"第{index}题：关于行政机关办理申请的期限，下列说法正确的是？",
        "explanation": "依照法律规定的期限办理，逾期应当说明理由。" * 2,
        "cite": {"law": law, "article": 1 + index % articles, "quote": "依法"},
        "difficulty": 1 + index % 3,
        "tags": ["期限", "程序"],
        "status": "active",
    }
    if kind == "judge":
        question["answer"] = index % 2 == 0
    else:
        question["options"] = {label: f"选项{label}{index}" for label in "ABCD"}
        question["answer"] = "B" if kind == "single" else ["A", "C"]
    return question


def write_bank(folder: Path, count: int) -> None:
    per_law = count // len(LAWS)
    index = 0
    for law, articles in LAWS.items():
        questions = []
        for _ in range(per_law if law != "state-compensation" else count - index):
            questions.append(generated_question(index, law, articles))
            index += 1
        document = {"schema_version": 1, "law": law, "questions": questions}
        text = yaml.safe_dump(document, allow_unicode=True, sort_keys=False)
        (folder / f"{law}.yaml").write_text(text, encoding="utf-8")


def timed(folder: Path, count: int, repeat: int) -> list[float]:
    timings = []
    for _ in range(repeat):
        started = time.perf_counter()
        bank, problems = read_bank([folder])
        timings.append(time.perf_counter() - started)
        assert len(bank) == count and not problems, problems[:3]
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "bank"
        folder.mkdir()
        write_bank(folder, args.count)
        size = sum(p.stat().st_size for p in folder.glob("*.yaml"))
        timings = timed(folder, args.count, args.repeat)
    # no parse cache (issue 16: it was a pickle a learner's process could write; it saved ~50 ms on
    # the real bank, 93 → 39 ms for 1,016 questions)
    print(f"bank: {args.count} questions, {size / 1e6:.1f} MB of YAML in {len(LAWS)} files")
    median = statistics.median(timings)
    print(
        f"parse every file: median {median:.3f} s, best {min(timings):.3f} s over {args.repeat} "
        f"runs, {args.count / median:,.0f} questions/s; aim < 1 s: "
        f"{'met' if median < 1 else 'not met'}"
    )


if __name__ == "__main__":
    main()
