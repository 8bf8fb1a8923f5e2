#!/usr/bin/env python3
"""Project tasks that work the same on Windows, 统信UOS/麒麟 and Debian.

    python3 dev.py lab     start the cadres' app (course home, lessons as pages) and JupyterLab for the
                           trainer on 127.0.0.1 over courses/, with the SQLite store in results/
    python3 dev.py test    lint, type-check and run the whole test suite

Each task first makes sure .venv exists and holds the pinned packages (constraints.txt); when nothing
changed since the last run this check takes well under a second.
"""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
STAMP = VENV / ".quizkit-stamp"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
PYTHON = BIN / ("python.exe" if os.name == "nt" else "python")


def _fingerprint() -> str:
    digest = hashlib.sha256()
    for name in ("pyproject.toml", "constraints.txt"):
        digest.update((ROOT / name).read_bytes())
    return digest.hexdigest()


def ensure_venv() -> None:
    """Create .venv and install the pinned packages, unless already done for these pins."""
    if sys.version_info < (3, 11):  # noqa: UP036 - dev.py runs under any python3
        sys.exit("quizkit needs Python 3.11 or newer; run this with python3.11 or newer")
    if not PYTHON.exists():
        print("Creating .venv …", flush=True)
        venv.EnvBuilder(with_pip=True).create(VENV)
    fingerprint = _fingerprint()
    if STAMP.exists() and STAMP.read_text(encoding="utf-8") == fingerprint:
        return
    print("Installing pinned packages into .venv (first run only) …", flush=True)
    pip = [str(PYTHON), "-m", "pip", "install", "--disable-pip-version-check", "-q"]
    subprocess.run([*pip, "-U", "pip"], check=True)
    subprocess.run([*pip, "-c", str(ROOT / "constraints.txt"), "-e", f"{ROOT}[test]"], check=True)
    STAMP.write_text(fingerprint, encoding="utf-8")


def _jupyter_env() -> dict[str, str]:
    """Keep Jupyter's state inside the project and select the Chinese language pack."""
    env = dict(os.environ)
    local = ROOT / ".jupyter-local"
    env.setdefault("JUPYTER_CONFIG_DIR", str(local / "config"))
    env.setdefault("JUPYTERLAB_SETTINGS_DIR", str(local / "lab-settings"))
    env.setdefault("JUPYTERLAB_WORKSPACES_DIR", str(local / "workspaces"))
    env.setdefault("QUIZKIT_ROOT", str(ROOT))
    settings = VENV / "share" / "jupyter" / "lab" / "settings"
    settings.mkdir(parents=True, exist_ok=True)
    overrides = {
        "@jupyterlab/translation-extension:plugin": {"locale": "zh_CN"},
        "@jupyterlab/apputils-extension:notification": {
            "fetchNews": "false",
            "checkForUpdates": False,
        },
    }
    (settings / "overrides.json").write_text(json.dumps(overrides, indent=2), encoding="utf-8")
    return env


def _free_port(preferred: int) -> int:
    """``preferred`` when nothing listens there, else the next free port above it."""
    for port in range(preferred, preferred + 50):
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise SystemExit(f"no free port between {preferred} and {preferred + 49}")


def _wait_until_serving(url: str, process: subprocess.Popen[bytes], seconds: float = 120) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=2):
                return True
        except urllib.error.HTTPError:
            return True  # it answers (a redirect or a login page is an answer)
        except OSError:
            time.sleep(0.3)
    return False


def lab(extra: list[str]) -> int:
    """Start the cadres' app (Voilà: the course home and lessons as pages) and JupyterLab for the
    trainer over courses/, both on 127.0.0.1, and print the two URLs."""
    env = _jupyter_env()
    (ROOT / "results").mkdir(exist_ok=True)
    subprocess.run([str(PYTHON), "-m", "quizkit", "db", "init"], env=env, check=False)
    lab_port, app_port = _free_port(8888), _free_port(8866)
    token = secrets.token_hex(16)
    command = [
        str(PYTHON),
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--port={lab_port}",
        "--ServerApp.port_retries=0",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={ROOT / 'courses'}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    app_command = [str(PYTHON), "-m", "quizkit.app", f"--port={app_port}"]
    # a plain `kill` (SIGTERM) stops both servers too, like Ctrl+C
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    app = subprocess.Popen(app_command, env=env, cwd=ROOT / "courses")
    started = [app]
    try:
        jupyter = subprocess.Popen([*command, *extra], env=env)
        started.append(jupyter)
        lab_url = f"http://127.0.0.1:{lab_port}/lab?token={token}"
        app_url = f"http://127.0.0.1:{app_port}/"
        ready = _wait_until_serving(
            f"http://127.0.0.1:{lab_port}/api/status?token={token}", jupyter
        )
        style = f"{app_url}voila/templates/quizkit/static/quizkit-app.css"  # claims no kernel
        ready = _wait_until_serving(style, app) and ready
        print(
            "\n"
            f"学员（课程首页，无需代码）/ cadres, app mode:  {app_url}\n"
            f"培训老师（JupyterLab）/ trainer, JupyterLab:   {lab_url}\n"
            + (
                ""
                if ready
                else "（仍在启动中，请稍候再打开 / still starting, see the log above）\n"
            ),
            flush=True,
        )
        return jupyter.wait()
    except KeyboardInterrupt:
        return 0
    finally:
        for process in started:  # stopped by process id, never by name
            if process.poll() is None:
                process.terminate()
                try:
                    process.wait(timeout=20)
                except subprocess.TimeoutExpired:
                    process.kill()


def test(extra: list[str]) -> int:
    """ruff (lint + format check), mypy --strict over quizkit/, import-linter contracts, then pytest."""
    steps = [
        [str(PYTHON), "-m", "ruff", "check", "quizkit", "tests", "benchmarks", "dev.py"],
        [
            str(PYTHON),
            "-m",
            "ruff",
            "format",
            "--check",
            "quizkit",
            "tests",
            "benchmarks",
            "dev.py",
        ],
        [str(PYTHON), "-m", "mypy", "quizkit"],
        [
            str(PYTHON),
            "-c",
            "from importlinter.cli import lint_imports_command; lint_imports_command()",
        ],
        [str(PYTHON), "-m", "pytest", *extra],
    ]
    for step in steps:
        print("→", "lint-imports" if "importlinter" in step[-1] else " ".join(step[2:]), flush=True)
        code = subprocess.run(step, cwd=ROOT).returncode
        if code != 0:
            print(f"✗ failed: {' '.join(step[2:])} (exit {code})", flush=True)
            return code or 1
    return 0


def main(argv: list[str]) -> int:
    tasks = {"lab": lab, "test": test}
    if not argv or argv[0] not in tasks:
        print(__doc__)
        return 2
    ensure_venv()
    return tasks[argv[0]](argv[1:])


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
