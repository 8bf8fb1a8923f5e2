"""``quizkit hub start DIR``: check what isolation depends on, then run JupyterHub in DIR.

The checks refuse to start (one message each, with what to do) when: not root (the hub must start
each cadre's server as that cadre); the hub folder, its private folder or the accounts file can be
read by others; question_bank/, results/ or another private path of the project can be read by
others; a part of courses/ (linked into every home) can be changed by others; the proxy is missing; the cadres' Python cannot be run by an ordinary user (a venv made from
a Python under root's 0700 home cannot). The hub then replaces this process, with the secrets of
this shell's environment (database URLs, PG* variables) left out: the proxy inherits the hub's.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from quizkit.errors import QuizkitError
from quizkit.hub.layout import ACCOUNTS_FILE, CONFIG_FILE, HubPlan

SECRET_VARIABLES = ("DATABASE_URL", "QUIZKIT_DB_URL", "QUIZKIT_TEST_PG_URL")
SECRET_PREFIXES = ("PG",)
PROBE_USER = "nobody"


def open_to_others(path: Path) -> bool:
    return path.exists() and bool(path.stat().st_mode & 0o077)


def writable_courses(courses: Path) -> list[str]:
    """Every part of the shared courses folder that group or others could change (each cadre's
    home links to it: a writable lesson would let one cadre change everyone's page)."""
    if not courses.is_dir():
        return []
    parts = [courses, *sorted(courses.rglob("*"))]
    return [
        f"{path} can be changed by other users"
        for path in parts
        if not path.is_symlink() and path.stat().st_mode & 0o022
    ]


def exposure_problems(plan: HubPlan) -> list[str]:
    hub_dir = Path(plan.hub_dir)
    owned = [hub_dir, hub_dir / "private", hub_dir / ACCOUNTS_FILE, hub_dir / CONFIG_FILE]
    owned.append(plan.secrets_file)
    private = [Path(p) for p in plan.private_paths]
    return [
        f"{path} can be read by other users" for path in [*owned, *private] if open_to_others(path)
    ] + writable_courses(Path(plan.project_root) / "courses")


def user_python_problem(python: str) -> str | None:
    """Run the cadres' Python as an unprivileged user: can it start a single-user server?"""
    runuser = shutil.which("runuser") or "/usr/sbin/runuser"
    probe = "import jupyterhub.singleuser, quizkit"
    try:
        done = subprocess.run(
            [runuser, "-u", PROBE_USER, "--", python, "-c", probe],
            capture_output=True, text=True, timeout=120, check=False, cwd="/",
        )  # fmt: skip
    except OSError as error:
        return f"{python} cannot be run: {error}"
    if done.returncode != 0:
        return f"{python} cannot be run by an ordinary user: {done.stderr.strip()[-300:]}"
    return None


def preflight(plan: HubPlan) -> None:
    """Raise QuizkitError listing every reason the hub must not start."""
    problems: list[str] = []
    if hasattr(os, "geteuid") and os.geteuid() != 0:
        problems.append("the hub must run as root: it starts each cadre's server as that cadre")
    problems += exposure_problems(plan)
    if shutil.which(plan.proxy_command) is None:
        problems.append(
            f"the proxy {plan.proxy_command} is not installed "
            "(npm install -g configurable-http-proxy@5.3.0)"
        )
    if not problems and (python := user_python_problem(plan.user_python)) is not None:
        problems.append(python)
    if problems:
        raise QuizkitError(
            "the hub was not started: " + "; ".join(problems),
            file=Path(plan.hub_dir) / CONFIG_FILE,
            hint=f"run `quizkit hub init {plan.hub_dir} --force` as root to lock the folders "
            "down again, and see docs/deploy-hub.md (Install)",
        )


def hub_environment(environ: dict[str, str]) -> dict[str, str]:
    return {
        key: value
        for key, value in environ.items()
        if key not in SECRET_VARIABLES and not key.startswith(SECRET_PREFIXES)
    }


def start(
    hub_dir: Path,
) -> None:  # pragma: no cover - replaces the process (tested through the CLI)
    plan = HubPlan.load(hub_dir.resolve())
    preflight(plan)
    jupyterhub = str(Path(plan.hub_python or sys.executable).parent / "jupyterhub")
    os.chdir(plan.hub_dir)
    os.execve(jupyterhub, [jupyterhub, "-f", CONFIG_FILE], hub_environment(dict(os.environ)))


__all__ = ["exposure_problems", "hub_environment", "preflight", "start", "user_python_problem"]
