#!/usr/bin/env python3
"""Project tasks that work the same on Windows, 统信UOS/麒麟 and Debian.

    python3 dev.py lab     start JupyterLab on 127.0.0.1 over courses/ with the SQLite store in results/
    python3 dev.py test    lint, type-check and run the whole test suite

Each task first makes sure .venv exists and holds the pinned packages (constraints.txt); when nothing
changed since the last run this check takes well under a second.
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys
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


def lab(extra: list[str]) -> int:
    """Start JupyterLab on the courses; the URL to open is printed by JupyterLab."""
    env = _jupyter_env()
    (ROOT / "results").mkdir(exist_ok=True)
    subprocess.run([str(PYTHON), "-m", "quizkit", "db", "init"], env=env, check=False)
    command = [
        str(PYTHON),
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--ip=127.0.0.1",
        f"--ServerApp.root_dir={ROOT / 'courses'}",
        "--LabApp.news_url=None",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    print(
        "\nJupyterLab 启动中 / starting: open the http://127.0.0.1:…/lab?token=… URL printed below.\n",
        flush=True,
    )
    try:
        return subprocess.run([*command, *extra], env=env).returncode
    except KeyboardInterrupt:
        return 0


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
