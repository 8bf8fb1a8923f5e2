"""A real JupyterLab on 127.0.0.1 (token, temporary state) and headless Chromium, for the browser test
and benchmarks/lesson_open.py. Recipe and pitfalls: ../shared/recipes/stack.md.

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
    """``jupyter lab`` over ``root/courses`` with a token; stopped by its process id."""

    def __init__(self, root: Path, env: dict[str, str]) -> None:
        self.root = root
        self.env = env
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
            f"--ServerApp.root_dir={self.root / 'courses'}",
            "--LabApp.news_url=None",
            "--LabApp.extension_manager=readonly",
            "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            command.append("--allow-root")
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                command, cwd=self.root / "courses", env=self.env, stdout=log, stderr=log
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
def chromium_page(playwright: Any, *, height: int = 1000) -> Iterator[Any]:
    """A page in Debian's Chromium; a tall viewport keeps a whole quiz in one screenshot."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, args=BROWSER_FLAGS)
    try:
        page = browser.new_page(viewport={"width": 1280, "height": height}, locale="zh-CN")
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
    "chromium_page",
    "lab_environment",
    "open_notebook",
    "run_all",
    "running_lab",
]
