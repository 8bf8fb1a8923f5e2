"""What the hub does before each server starts (``Spawner.pre_spawn_hook``).

1. Tell the kernel which spawner started it: ``QUIZKIT_HUB_SPAWNER`` is the class of the spawner
   object itself (read here, in the hub, not copied from configuration), so :mod:`quizkit.hub.guard`
   can refuse an exam on SimpleLocalProcessSpawner.
2. With a LocalProcessSpawner (real OS users), make the cadre's OS user on first use
   (:mod:`quizkit.hub.osusers`). SimpleLocalProcessSpawner runs everyone as the hub's user, so
   nothing is made for it.
3. With ``courses`` given (``quizkit hub init`` gives the project's ``courses/``), link the courses
   into the home and tell the kernels where the catalogue is (:mod:`quizkit.hub.courses`), so the
   cadre lands on the course home, not on a 404.

:class:`CadreSpawner` is LocalProcessSpawner with OS limits on each cadre's processes: on one shared
server a kernel that fills the memory (a cadre's runaway loop, or a search of every readable file)
would otherwise push every other cadre's exam into swap or the OOM killer. Each process gets an
address-space limit (``RLIMIT_AS``: beyond it the kernel's allocation fails with MemoryError and the
rest of the server lives on) and each cadre a limit on processes (``RLIMIT_NPROC``: no fork bomb).
Loaded only inside the hub process.
"""

from __future__ import annotations

import pwd
import resource
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jupyterhub.spawner import LocalProcessSpawner, SimpleLocalProcessSpawner  # type: ignore[import-untyped]
from traitlets import Integer

from quizkit.hub.courses import course_environment, link_courses
from quizkit.hub.guard import SPAWNER_VARIABLE
from quizkit.hub.osusers import DEFAULT_GROUP, ensure_os_user


@dataclass(frozen=True)
class PrepareServer:
    """The hook: ``c.Spawner.pre_spawn_hook = PrepareServer(home_root=Path("/home"))``."""

    home_root: Path
    group: str = DEFAULT_GROUP
    courses: Path | None = None

    def __call__(self, spawner: Any) -> None:
        spawner.environment = {**spawner.environment, SPAWNER_VARIABLE: type(spawner).__name__}
        if isinstance(spawner, SimpleLocalProcessSpawner):
            spawner.environment[SPAWNER_VARIABLE] = "SimpleLocalProcessSpawner"
            return
        if isinstance(spawner, LocalProcessSpawner):
            home = ensure_os_user(spawner.user.name, self.home_root, self.group)
            if self.courses is not None and self.courses.is_dir():
                entry = pwd.getpwnam(spawner.user.name)
                trainer = bool(spawner.user.admin)
                link_courses(self.courses, home, entry.pw_uid, entry.pw_gid, trainer=trainer)
                spawner.environment.update(course_environment(self.courses, home))


class CadreSpawner(LocalProcessSpawner):  # type: ignore[misc]
    """LocalProcessSpawner whose processes run under per-process memory and per-user process limits."""

    process_memory_limit = Integer(
        4 * 1024**3, help="Address space of each of a cadre's processes, in bytes (0: no limit)."
    ).tag(config=True)
    process_count_limit = Integer(
        256, help="Processes one cadre may run at once (0: no limit)."
    ).tag(config=True)

    def make_preexec_fn(self, name: str) -> Callable[[], None]:
        become_user = super().make_preexec_fn(name)
        limits = [
            (resource.RLIMIT_AS, self.process_memory_limit),
            (resource.RLIMIT_NPROC, self.process_count_limit),
        ]

        def preexec() -> None:  # in the child, before the server starts
            become_user()
            for which, value in limits:
                if value > 0:
                    resource.setrlimit(which, (value, value))

        return preexec


__all__ = ["CadreSpawner", "PrepareServer"]
