"""Refuse an exam on a hub where one cadre's kernel can act as another (kernel side).

With SimpleLocalProcessSpawner every cadre's server runs as the hub's own OS user, so a kernel can
read every other kernel's ``JUPYTERHUB_API_TOKEN`` from ``/proc/<pid>/environ`` and call the grading
service as that cadre (../shared/recipes/postgres-and-jupyterhub.md, B and C). Outside a hub
(``JUPYTERHUB_USER`` unset) nothing is checked: a single machine is for practice and supervised exams.
On a hub the exam is refused when any of these holds:

1. ``QUIZKIT_HUB_SPAWNER`` (set by the hub's pre-spawn hook from the spawner object's own class,
   :mod:`quizkit.hub.spawning`) says SimpleLocalProcessSpawner;
2. the kernel runs as root (it can read everything on the machine);
3. the kernel can read the environment of another cadre's process (whatever the spawner claims).
A hub quizkit did not configure sets no marker; checks 2 and 3 still apply there.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from quizkit.errors import SessionError

SPAWNER_VARIABLE = "QUIZKIT_HUB_SPAWNER"
HUB_USER_VARIABLE = "JUPYTERHUB_USER"
UNSAFE_SPAWNERS = frozenset({"SimpleLocalProcessSpawner"})
GUARDED_KINDS = frozenset({"exam"})
USE_INSTEAD = (
    "请管理员改用 LocalProcessSpawner（每位学员一个系统用户，quizkit hub init 的默认配置），"
    "或 SystemdSpawner、KubeSpawner；见 docs/deploy-hub.md"
)


def _other_user_visible(own: str, proc: Path) -> str | None:
    """A hub user other than ``own`` whose process environment this process can read, or None."""
    marker = (HUB_USER_VARIABLE + "=").encode()
    for entry in proc.iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
        except OSError:  # another user's process (the normal case), or it just ended
            continue
        for item in environ.split(b"\0"):
            if item.startswith(marker):
                user = item[len(marker) :].decode("utf-8", "replace")
                if user and user != own:
                    return user
    return None


def isolation_problem(
    environ: Mapping[str, str] | None = None, *, proc: Path = Path("/proc"), uid: int | None = None
) -> str | None:
    """Why this kernel's hub cannot hold an exam (in Chinese), or None when it can."""
    environ = os.environ if environ is None else environ
    own = environ.get(HUB_USER_VARIABLE, "")
    if not own:
        return None
    spawner = environ.get(SPAWNER_VARIABLE, "")
    if spawner in UNSAFE_SPAWNERS:
        return f"这台 JupyterHub 使用 {spawner}，所有学员的程序以同一系统用户运行，可以互相冒充"
    if uid is None:
        getuid = getattr(os, "getuid", None)
        uid = getuid() if getuid is not None else -1
    if uid == 0:
        return "学员的服务器以 root 身份运行，能读取本机所有文件"
    if proc.is_dir() and (other := _other_user_visible(own, proc)) is not None:
        return f"本服务器能读取其他学员（{other}）的进程环境，可以冒充对方"
    return None


def ensure_exam_allowed(kind: str) -> None:
    """Raise SessionError (shown to the cadre) when an exam may not be opened on this hub."""
    if kind not in GUARDED_KINDS:
        return
    problem = isolation_problem()
    if problem is not None:
        raise SessionError(f"不能在此开考：{problem}", hint=USE_INSTEAD)


__all__ = ["SPAWNER_VARIABLE", "USE_INSTEAD", "ensure_exam_allowed", "isolation_problem"]
