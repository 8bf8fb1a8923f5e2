"""A lesson link → its quiz clickable: app mode (Voilà, cold and preheated) beside JupyterLab.

Each run opens the lesson in a fresh browser context (empty cache, as a cadre's first visit) and
takes, inside the page, the time from navigation start to the first option of the quiz being enabled
(a MutationObserver installed before the page's own scripts). A remembered learner is on file, so the
quiz is shown at once.

- app, preheated: ``python -m quizkit.app`` with its kernel pool; before each run the benchmark waits
  until the lesson's warm kernel is back (Voilà refills the pool after each claim);
- app, preheated, browser cache warm: the same, in one browser context (a cadre's second lesson);
- app, cold: ``--no-preheat``: the kernel starts when the link is opened;
- JupyterLab: open the notebook, wait for the kernel (状态栏 空闲), 运行 → 运行所有单元格, quiz
  clickable — what a cadre does in JupyterLab; the same clock (navigation start → clickable).

Aim (issue 14): app mode with preheated kernels ≤ 1.5 s and faster than JupyterLab on a 2-core machine.
The machine's load average is printed before and after: on a busy shared machine the figures grow.

Run: .venv/bin/python benchmarks/app_open.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from quizkit.learner.identity import Identity, IdentityMemory  # noqa: E402
from tests.app.app_harness import (  # noqa: E402
    AppServer,
    launch_chromium,
    make_app_project,
    running_app,
)
from tests.widgets.jupyter_harness import (  # noqa: E402
    LabServer,
    open_notebook,
    run_all,
    running_lab,
)
from tests.widgets.lesson_project import NOTEBOOK, project_env  # noqa: E402

CLICKABLE = ".qk-q-t-single input[type=radio]:not(:disabled)"
WATCH = """(() => {
  window.__qkClickable = null;
  const look = () => {
    if (window.__qkClickable === null && document.querySelector('CLICKABLE')) {
      window.__qkClickable = performance.now();
    }
  };
  new MutationObserver(look).observe(document, {subtree: true, childList: true, attributes: true});
})();""".replace("CLICKABLE", CLICKABLE)
POOL_REFILL_SECONDS = 10.0  # Voilà refills after 1 s; a kernel starts and warms in a few seconds


def remember_learner(root: Path) -> None:
    memory = IdentityMemory(root / "results" / "learner.json")
    memory.remember(Identity("bench-1", "测速员", "测速镇"))


def clickable_after(page: Any, url: str) -> float:
    """Seconds from navigation start to the quiz's first option being enabled."""
    page.goto(url)
    page.wait_for_function("window.__qkClickable !== null", timeout=180_000)
    seconds: float = page.evaluate("window.__qkClickable / 1000")
    return seconds


def app_runs(browser: Any, server: AppServer, runs: int, *, preheated: bool) -> list[float]:
    times = []
    for _ in range(runs):
        if preheated:
            time.sleep(POOL_REFILL_SECONDS)
        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
        context.add_init_script(WATCH)
        try:
            times.append(clickable_after(context.new_page(), server.url(NOTEBOOK)))
        finally:
            context.close()
    return times


def app_runs_cache_warm(browser: Any, server: AppServer, runs: int) -> list[float]:
    """One browser context: the first visit fills the cache and is not counted."""
    context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
    context.add_init_script(WATCH)
    times = []
    try:
        for index in range(runs + 1):
            time.sleep(POOL_REFILL_SECONDS)
            page = context.new_page()
            seconds = clickable_after(page, server.url(NOTEBOOK))
            page.close()
            if index:
                times.append(seconds)
    finally:
        context.close()
    return times


def lab_runs(browser: Any, server: LabServer, notebook: str, runs: int) -> list[float]:
    times = []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1280, "height": 800}, locale="zh-CN")
        context.add_init_script(WATCH)
        try:
            page = context.new_page()
            open_notebook(page, server, notebook)
            run_all(page)
            page.wait_for_function("window.__qkClickable !== null", timeout=180_000)
            times.append(page.evaluate("window.__qkClickable / 1000"))
        finally:
            context.close()
        shutdown_kernels(server)
    return times


def shutdown_kernels(server: LabServer) -> None:
    """Each run opens the notebook with a new kernel, as a cadre opening the lesson."""
    import json
    import urllib.request

    base = f"{server.base}/api/kernels"
    with urllib.request.urlopen(f"{base}?token={server.token}") as response:
        for kernel in json.load(response):
            url = f"{base}/{kernel['id']}?token={server.token}"
            urllib.request.urlopen(urllib.request.Request(url, method="DELETE")).close()


def line(label: str, times: list[float]) -> str:
    return (
        f"{label:<44} n={len(times)}  median {statistics.median(times):.2f} s"
        f"  (min {min(times):.2f}, max {max(times):.2f})"
    )


def load() -> str:
    one, five, _ = os.getloadavg()
    busy = "busy" if one > (os.cpu_count() or 1) else "quiet"
    return f"load average {one:.1f} (1 min), {five:.1f} (5 min) on {os.cpu_count()} cores: {busy}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print("before:", load(), flush=True)
    results: dict[str, list[float]] = {}
    with (
        tempfile.TemporaryDirectory(prefix="quizkit-app-bench-") as folder,
        sync_playwright() as pw,
    ):
        browser = launch_chromium(pw)
        try:
            root = make_app_project(Path(folder) / "app")
            remember_learner(root)
            with running_app(root) as server:
                server.wait_for_pools(4)
                results["app, preheated"] = app_runs(browser, server, args.runs, preheated=True)
                results["app, preheated, browser cache warm"] = app_runs_cache_warm(
                    browser, server, args.runs
                )
            with running_app(root, preheat=False) as server:
                results["app, cold kernel"] = app_runs(browser, server, args.runs, preheated=False)
            lab_root = make_app_project(Path(folder) / "lab")
            remember_learner(lab_root)
            with running_lab(lab_root, project_env(lab_root)) as lab:
                results["JupyterLab (open, 运行所有单元格)"] = lab_runs(
                    browser, lab, NOTEBOOK, args.runs
                )
        finally:
            browser.close()
    print("after: ", load())
    print("link → quiz clickable (navigation start → first option enabled, in the page):")
    for label, times in results.items():
        print(line(label, times))
    lab_median = statistics.median(results["JupyterLab (open, 运行所有单元格)"])
    for label in ("app, preheated", "app, preheated, browser cache warm", "app, cold kernel"):
        ratio = lab_median / statistics.median(results[label])
        print(f"JupyterLab / {label}: {ratio:.1f}×")


if __name__ == "__main__":
    main()
