"""A real JupyterLab on 127.0.0.1 (token, temporary state) and headless Chromium, for the browser tests
and benchmarks/lesson_open.py. Recipe and pitfalls: ../shared/recipes/stack.md.

The browser tests share one server (``shared_lab``, a session fixture in tests/widgets/conftest.py) that
serves a temporary folder with one sub-folder per test project. No QUIZKIT_* variable reaches its
kernels: each project carries a pyproject.toml with a ``[tool.quizkit]`` table, and a kernel runs in its
notebook's folder (``courses/``), so quizkit's settings find that project by walking up.

JupyterLab is set up the way ``python3 dev.py lab`` sets it up (dev.py's ``_jupyter_env``: the zh_CN
language pack selected, news and update checks off), but every Jupyter folder lives in the temporary
project, so the real courses/ and results/ are never touched.
"""

from __future__ import annotations

import json
import os
import re
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

PROJECT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
BROWSER_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
IDLE = re.compile(r"\| (Idle|空闲)")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def lab_environment(root: Path, extra: dict[str, str]) -> dict[str, str]:
    """dev.py's Jupyter environment (zh_CN, no news), with Jupyter's state kept under ``root``."""
    if str(PROJECT) not in sys.path:
        sys.path.insert(0, str(PROJECT))
    import dev

    state = root / ".jupyter"
    env = dict(os.environ)
    env.update(extra)
    env.update(
        {
            "JUPYTER_CONFIG_DIR": str(state / "config"),
            "JUPYTER_RUNTIME_DIR": str(state / "runtime"),
            "IPYTHONDIR": str(state / "ipython"),
            "JUPYTERLAB_SETTINGS_DIR": str(state / "lab-settings"),
            "JUPYTERLAB_WORKSPACES_DIR": str(state / "workspaces"),
        }
    )
    saved = dict(os.environ)
    try:
        os.environ.clear()
        os.environ.update(env)
        env = dev._jupyter_env()  # writes the language-pack override into the venv, as `dev.py lab`
    finally:
        os.environ.clear()
        os.environ.update(saved)
    env.pop("JUPYTERHUB_USER", None)
    labconfig = state / "config" / "labconfig"
    labconfig.mkdir(parents=True, exist_ok=True)
    (labconfig / "page_config.json").write_text(
        json.dumps({"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}),
        encoding="utf-8",
    )
    return env


class LabServer:
    """``jupyter lab`` over ``notebooks`` (default ``root/courses``) with a token; stopped by its
    process id."""

    def __init__(self, root: Path, env: dict[str, str], notebooks: Path | None = None) -> None:
        self.root = root
        self.env = env
        self.notebooks = notebooks if notebooks is not None else root / "courses"
        self.port = free_port()
        self.token = secrets.token_hex(16)
        self.process: subprocess.Popen[bytes] | None = None
        self.log = root / "lab.log"

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, notebook: str) -> str:
        return f"{self.base}/lab/tree/{notebook}?token={self.token}&reset"

    def start(self, timeout: float = 120.0) -> None:
        command = [
            sys.executable,
            "-m",
            "jupyter",
            "lab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={self.port}",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.notebooks}",
            "--LabApp.news_url=None",
            "--LabApp.extension_manager=readonly",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                command, cwd=self.notebooks, env=self.env, stdout=log, stderr=log
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"jupyter lab exited:\n{self.log.read_text(encoding='utf-8')}")
            try:
                with urllib.request.urlopen(
                    f"{self.base}/api/status?token={self.token}", timeout=2
                ):
                    return
            except OSError:
                time.sleep(0.25)
        raise RuntimeError(f"jupyter lab did not start in {timeout:.0f} s")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=10)
        self.process = None


@contextmanager
def running_lab(root: Path, extra_env: dict[str, str]) -> Iterator[LabServer]:
    server = LabServer(root, lab_environment(root, extra_env))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@contextmanager
def shared_lab(root: Path) -> Iterator[LabServer]:
    """One server over ``root`` for several test projects (see ``lab_project``); no QUIZKIT_*
    variable (not even dev.py's QUIZKIT_ROOT) reaches the kernels."""
    env = {k: v for k, v in lab_environment(root, {}).items() if not k.startswith("QUIZKIT_")}
    server = LabServer(root, env, notebooks=root)
    server.start()
    try:
        yield server
    finally:
        server.stop()


def lab_project(server: LabServer, name: str) -> Path:
    """A new project folder served by ``server``: the caller fills it (make_project); its
    pyproject.toml lets a kernel started in ``courses/`` find it."""
    folder = server.notebooks / name
    folder.mkdir()
    (folder / "pyproject.toml").write_text("[tool.quizkit]\n", encoding="utf-8")
    return folder


def notebook_path(server: LabServer, project: Path, notebook: str) -> str:
    """The server path of ``courses/<notebook>`` in ``project``, for ``open_notebook``."""
    return (project / "courses" / notebook).relative_to(server.notebooks).as_posix()


def launch_chromium(playwright: Any) -> Any:
    """Debian's Chromium, headless; close it when done."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_FLAGS)


@contextmanager
def browser_page(browser: Any, *, height: int = 1000) -> Iterator[Any]:
    """A page in a fresh browser context (nothing shared with other pages); closed afterwards. A tall
    viewport keeps a whole quiz in one screenshot."""
    page = browser.new_page(viewport={"width": 1280, "height": height}, locale="zh-CN")
    try:
        yield page
    finally:
        page.close()


@contextmanager
def chromium_page(playwright: Any, *, height: int = 1000) -> Iterator[Any]:
    """A page in a Chromium of its own (the benchmark's way; tests share one browser)."""
    browser = launch_chromium(playwright)
    try:
        with browser_page(browser, height=height) as page:
            yield page
    finally:
        browser.close()


def open_notebook(page: Any, server: LabServer, notebook: str) -> None:
    """Open the notebook and wait until its kernel is idle (the status bar, not the toolbar)."""
    from playwright.sync_api import expect

    page.goto(server.url(notebook))
    page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=90_000)
    expect(page.locator(".jp-StatusBar-TextItem", has_text=IDLE)).to_be_visible(timeout=90_000)


def run_all(page: Any) -> None:
    """运行 → 运行全部单元格, through the menu's command id (the label depends on the language)."""
    page.locator(".lm-MenuBar-itemLabel", has_text=re.compile(r"^(Run|运行)$")).click()
    page.locator("li[data-command='runmenu:run-all']").click()


__all__ = [
    "CHROMIUM",
    "IDLE",
    "LabServer",
    "browser_page",
    "chromium_page",
    "lab_environment",
    "lab_project",
    "launch_chromium",
    "notebook_path",
    "open_notebook",
    "run_all",
    "running_lab",
    "shared_lab",
]
