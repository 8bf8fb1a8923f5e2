"""A lesson quiz in a real JupyterLab + headless Chromium: how soon it can be clicked, how fast it answers.

Figures printed (issue 4; aims: under 1 s, and under 100 ms with the answer committed):
- cell → clickable, cold: from the press on 运行所有单元格 in a freshly opened notebook (new kernel: import,
  bank load, store open, render) until the first option of the quiz is enabled in the page;
- cell → clickable, warm: the same cell run again in the same kernel;
- 提交 → feedback: from the click on 提交 to the feedback box appearing, both timestamps taken inside
  the page (a capturing click listener and a MutationObserver). The answer is committed to SQLite
  (synchronous=FULL) before the kernel sends the feedback, so this includes the commit.

Run: .venv/bin/python benchmarks/lesson_open.py [--notebooks 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from playwright.sync_api import expect, sync_playwright  # noqa: E402

from quizkit.learner.identity import Identity, IdentityMemory  # noqa: E402
from quizkit.store import open_store  # noqa: E402
from tests.widgets.jupyter_harness import (  # noqa: E402
    LabServer,
    chromium_page,
    open_notebook,
    run_all,
    running_lab,
)
from tests.widgets.lesson_project import (  # noqa: E402
    QUIZ_CELL,
    make_project,
    project_env,
    write_notebook,
)

ANSWERS: list[tuple[str, str]] = [
    ("t-single", "C．二十日"),
    ("t-multi", "A．甲"),
    ("t-judge", "对"),
    ("t-case-1", "错"),
    ("t-case-2", "B．五日"),
]

WATCH = """() => {
  window.__qk = {clicks: {}, feedback: {}, clickable: null, runAt: null};
  const first = '.qk-q-t-single input[type=radio]:not(:disabled)';
  window.addEventListener('pointerdown', (event) => {
    if (event.target.closest("li[data-command='runmenu:run-all']")) {
      window.__qk.runAt = performance.now(); window.__qk.clickable = null;
    }
  }, true);
  window.addEventListener('click', (event) => {
    const card = event.target.closest('.qk-card');
    if (card && event.target.closest('button')) {
      const id = [...card.classList].find((c) => c.startsWith('qk-q-'));
      window.__qk.clicks[id] = performance.now();
    }
  }, true);
  new MutationObserver(() => {
    const now = performance.now();
    if (window.__qk.runAt !== null && window.__qk.clickable === null && document.querySelector(first)) {
      window.__qk.clickable = now;
    }
    for (const card of document.querySelectorAll('.qk-card')) {
      const id = [...card.classList].find((c) => c.startsWith('qk-q-'));
      if (id in window.__qk.clicks && !(id in window.__qk.feedback) && card.querySelector('.qk-feedback')) {
        window.__qk.feedback[id] = now;
      }
    }
  }).observe(document.body, {subtree: true, childList: true, attributes: true});
}"""


def time_to_clickable(page: Any) -> float:
    """Seconds from 运行全部 to the first option being enabled (measured in the page)."""
    run_all(page)
    page.wait_for_function("window.__qk.clickable !== null", timeout=120_000)
    seconds: float = page.evaluate("(window.__qk.clickable - window.__qk.runAt) / 1000")
    return seconds


def answer_all(page: Any) -> list[float]:
    """Answer every question; milliseconds from each 提交 click to its feedback."""
    delays = []
    for question_id, label in ANSWERS:
        card = page.locator(f".qk-q-{question_id}")
        card.get_by_label(label, exact=True).check()
        card.get_by_role("button", name="提交").click()
        key = f"qk-q-{question_id}"
        page.wait_for_function(f"'{key}' in window.__qk.feedback", timeout=30_000)
        delays.append(page.evaluate(f"window.__qk.feedback['{key}'] - window.__qk.clicks['{key}']"))
    return delays


def switch_learner(page: Any, name: str) -> None:
    """切换 to a new learner, so every question is open again for the next round."""
    page.locator(".qk-identity").get_by_role("button", name="切换").click()
    form = page.locator(".qk-form")
    form.get_by_label("姓名").fill(name)
    form.get_by_label("单位").fill("测速镇")
    form.get_by_role("button", name="确定").click()
    expect(page.get_by_text(f"当前学员：{name}（测速镇）")).to_be_visible()


def measure_notebook(page: Any, server: LabServer, notebook: str, index: int) -> dict[str, Any]:
    """A new kernel meets a newly remembered learner (nothing answered yet), then 3 warm rounds."""
    memory = IdentityMemory(server.root / "results" / "learner.json")
    memory.remember(Identity(f"bench-{index}", f"测速员{index}", "测速镇"))
    open_notebook(page, server, notebook)
    page.evaluate(WATCH)
    cold = time_to_clickable(page)
    clicks = answer_all(page)
    warm = []
    for round_ in range(3):
        switch_learner(page, f"学员{index}-{round_}")
        page.evaluate(WATCH)
        warm.append(time_to_clickable(page))
        clicks += answer_all(page)
    return {"cold": cold, "warm": warm, "clicks": clicks}


def report(results: list[dict[str, Any]], stored: int, server_start: float) -> None:
    cold = [r["cold"] for r in results]
    warm = [w for r in results for w in r["warm"]]
    clicks = sorted(c for r in results for c in r["clicks"])
    p90 = clicks[max(0, round(0.9 * len(clicks)) - 1)]
    print(f"JupyterLab start: {server_start:.1f} s")
    print(
        f"cell → clickable, cold (new kernel), n={len(cold)}: median {statistics.median(cold):.2f} s"
        f" (min {min(cold):.2f}, max {max(cold):.2f})"
    )
    print(
        f"cell → clickable, warm (same kernel), n={len(warm)}: median {statistics.median(warm):.2f} s"
        f" (min {min(warm):.2f}, max {max(warm):.2f})"
    )
    print(
        f"提交 → feedback (answer committed), n={len(clicks)}: median {statistics.median(clicks):.0f} ms,"
        f" p90 {p90:.0f} ms, max {max(clicks):.0f} ms"
    )
    print(f"answers in the store: {stored} (clicks: {len(clicks)})")


def count_answers(url: str) -> int:
    store = open_store(url)
    try:
        return sum(
            len(store.answers_for_attempt(attempt.id))
            for cadre in store.find_cadres()
            for attempt in store.attempts_for(cadre.id)
        )
    finally:
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--notebooks", type=int, default=3, help="fresh kernels to measure")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="quizkit-bench-") as folder:
        root = make_project(Path(folder) / "project")
        names = [f"lesson-{i}.ipynb" for i in range(args.notebooks)]
        for name in names:
            write_notebook(root / "courses" / name, [QUIZ_CELL])
        started = time.monotonic()
        with running_lab(root, project_env(root)) as server, sync_playwright() as playwright:
            server_start = time.monotonic() - started
            with chromium_page(playwright, height=2200) as page:
                results = [measure_notebook(page, server, n, i) for i, n in enumerate(names)]
        stored = count_answers(project_env(root)["QUIZKIT_DB_URL"])
        report(results, stored, server_start)


if __name__ == "__main__":
    main()
