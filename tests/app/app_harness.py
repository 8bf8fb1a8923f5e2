"""The app-mode server (``python -m quizkit.app``) over a temporary project, for the browser tests and
benchmarks/app_open.py; plus what a test asks of a page (no sideways scroll, Chinese only).

The project is the widgets' tiny one (tests/widgets/lesson_project.py: a bank, a course, one lesson
notebook) with what app mode adds: the course home (the real ``courses/home.ipynb``), a lesson table
wider than a phone, and the exam and 错题本 pages. QUIZKIT_* variables point the server and its
kernels at it; every Jupyter folder lives in it; the real courses/ and results/ are never touched.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import nbformat

from tests.widgets.jupyter_harness import BROWSER_FLAGS, CHROMIUM, PROJECT, free_port
from tests.widgets.lesson_project import NOTEBOOK, make_project, project_env, write_notebook

HOME = "home.ipynb"
WIDE_TABLE = (
    "## 期限一览\n\n| 环节 | 期限 | 起算 | 依据 | 备注 |\n|---|---|---|---|---|\n"
    "| 受理申请，材料不齐全的一次告知需要补正的全部内容 | 五日内 | 收到申请材料之日 | "
    "《行政许可法》第三十二条 | 逾期不告知的，自收到申请材料之日起即为受理 |\n"
    "| 作出行政许可决定 | 二十日内 | 受理之日 | 《行政许可法》第四十二条 | "
    "经本行政机关负责人批准可以延长十日，并应当将延长期限的理由告知申请人 |\n"
)
VIEWPORTS = {
    "laptop": {"viewport": {"width": 1280, "height": 800}},
    "phone": {
        "viewport": {"width": 375, "height": 812},
        "device_scale_factor": 2,
        "is_mobile": True,
        "has_touch": True,
    },
}
# Runs of Latin letters a cadre may see: none. (Single letters are option keys: A．甲, the code K7Q2.)
LATIN_WORD = re.compile(r"[A-Za-z]{2,}")


def make_app_project(root: Path) -> Path:
    """The tiny project plus the course home, a wide table in the lesson, the exam and 错题本 pages."""
    make_project(root)
    courses = root / "courses"
    shutil.copy(PROJECT / "courses" / HOME, courses / HOME)
    lesson = nbformat.read(courses / NOTEBOOK, as_version=4)
    lesson.cells.insert(1, nbformat.v4.new_markdown_cell(WIDE_TABLE))
    nbformat.write(lesson, courses / NOTEBOOK)
    (courses / "exam").mkdir()
    write_notebook(courses / "exam" / "exam.ipynb", ["import quizkit\n\nquizkit.join()"])
    write_notebook(courses / "exam" / "mistakes.ipynb", ["import quizkit\n\nquizkit.mistakes()"])
    write_notebook(courses / "broken.ipynb", ["raise RuntimeError('a lesson cell that fails')"])
    return root


class AppServer:
    """``python -m quizkit.app`` over ``root/courses``; stopped by its process id."""

    def __init__(self, root: Path, *, preheat: bool = True) -> None:
        self.root = root
        self.port = free_port()
        self.preheat = preheat
        self.log = root / "app.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, notebook: str = "") -> str:
        return f"{self.base}/voila/render/{notebook}" if notebook else f"{self.base}/"

    def environment(self) -> dict[str, str]:
        state = self.root / ".jupyter"
        env = {k: v for k, v in os.environ.items() if not k.startswith(("QUIZKIT_", "JUPYTER"))}
        env.update(project_env(self.root))
        env.update(
            {
                "JUPYTER_CONFIG_DIR": str(state / "config"),
                "JUPYTER_RUNTIME_DIR": str(state / "runtime"),
                "JUPYTER_DATA_DIR": str(state / "data"),
                "IPYTHONDIR": str(state / "ipython"),
            }
        )
        return env

    def start(self, timeout: float = 120.0) -> None:
        command = [sys.executable, "-m", "quizkit.app", f"--port={self.port}"]
        command += ["--courses", str(self.root / "courses")]
        if not self.preheat:
            command.append("--no-preheat")
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                command, cwd=self.root / "courses", env=self.environment(), stdout=log, stderr=log
            )
        style = f"{self.base}/voila/templates/quizkit/static/quizkit-app.css"  # claims no kernel
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"the app server exited:\n{self.log.read_text(encoding='utf-8')}"
                )
            try:
                with urllib.request.urlopen(style, timeout=2):
                    return
            except OSError:
                time.sleep(0.25)
        raise RuntimeError(f"the app server did not start in {timeout:.0f} s")

    def wait_for_pools(self, pages: int, timeout: float = 120.0) -> None:
        """Until the server logged ``pages`` filled kernel pools (every warm kernel started)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.log.read_text(encoding="utf-8").count("is filled with") >= pages:
                return
            time.sleep(0.25)
        raise RuntimeError(f"kernel pools not filled in {timeout:.0f} s")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


@contextmanager
def running_app(root: Path, *, preheat: bool = True) -> Iterator[AppServer]:
    server = AppServer(root, preheat=preheat)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def launch_chromium(playwright: Any) -> Any:
    return playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_FLAGS)


@contextmanager
def app_page(browser: Any, device: str, *, dark: bool = False) -> Iterator[Any]:
    """A page in a fresh browser context sized as ``device`` (VIEWPORTS); closed afterwards."""
    context = browser.new_context(
        locale="zh-CN", color_scheme="dark" if dark else "light", **VIEWPORTS[device]
    )
    try:
        yield context.new_page()
    finally:
        context.close()


def page_ready(page: Any) -> None:
    """The page's cells are shown (the loading screen is gone) and its widgets are drawn."""
    page.wait_for_selector("#rendered_cells:not([style*='none'])", timeout=90_000)
    page.wait_for_selector(".quizkit", timeout=90_000)


SIDEWAYS = """() => {
  const wider = (el) => el.scrollWidth - el.clientWidth;
  const found = [["page", document.documentElement.scrollWidth - innerWidth]];
  const cells = document.getElementById("rendered_cells");
  if (cells) found.push(["#rendered_cells", wider(cells)]);
  for (const el of document.querySelectorAll("*")) {
    const style = getComputedStyle(el);
    if (["TABLE", "PRE"].includes(el.tagName) || el.clientWidth === 0) continue;
    if (["auto", "scroll"].includes(style.overflowX)) found.push([el.className.toString(), wider(el)]);
  }
  return found.filter(([, px]) => px > 0);
}"""


def sideways_overflow(page: Any) -> list[tuple[str, int]]:
    """What scrolls sideways and by how many pixels: the page, Voilà's scrolling panel, or any box
    (a lesson table or code block may: it scrolls inside its own box). Empty: nothing does."""
    found: list[tuple[str, int]] = [tuple(item) for item in page.evaluate(SIDEWAYS)]
    return found


def screenshot(page: Any, path: Path) -> None:
    """The whole page: Voilà scrolls inside a window-high panel, so the window is made as tall as
    the content for the picture."""
    size = page.viewport_size
    height = page.evaluate(
        "Math.max(innerHeight, document.getElementById('rendered_cells')?.scrollHeight || 0)"
    )
    page.set_viewport_size({"width": size["width"], "height": min(int(height), 6000)})
    try:
        page.screenshot(path=str(path))
    finally:
        page.set_viewport_size(size)


def latin_words(page: Any) -> list[str]:
    """Latin words in what the page shows (its text and title, and field placeholders)."""
    text: str = page.evaluate(
        "[document.title, document.body.innerText,"
        " ...[...document.querySelectorAll('input[placeholder]')].map((e) => e.placeholder)]"
        ".join('\\n')"
    )
    return LATIN_WORD.findall(text)


__all__ = [
    "HOME",
    "VIEWPORTS",
    "AppServer",
    "app_page",
    "latin_words",
    "launch_chromium",
    "make_app_project",
    "page_ready",
    "running_app",
    "screenshot",
    "sideways_overflow",
]
