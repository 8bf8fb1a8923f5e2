"""What the hub does before each server starts (``Spawner.pre_spawn_hook``).

1. Tell the kernel which spawner started it: ``QUIZKIT_HUB_SPAWNER`` is the class of the spawner
   object itself (read here, in the hub, not copied from configuration), so :mod:`quizkit.hub.guard`
   can refuse an exam on SimpleLocalProcessSpawner.
2. With a LocalProcessSpawner (real OS users), make the cadre's OS user on first use
   (:mod:`quizkit.hub.osusers`). SimpleLocalProcessSpawner runs everyone as the hub's user, so
   nothing is made for it.
Loaded only inside the hub process.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from jupyterhub.spawner import LocalProcessSpawner, SimpleLocalProcessSpawner  # type: ignore[import-untyped]

from quizkit.hub.guard import SPAWNER_VARIABLE
from quizkit.hub.osusers import DEFAULT_GROUP, ensure_os_user


@dataclass(frozen=True)
class PrepareServer:
    """The hook: ``c.Spawner.pre_spawn_hook = PrepareServer(home_root=Path("/home"))``."""

    home_root: Path
    group: str = DEFAULT_GROUP

    def __call__(self, spawner: Any) -> None:
        spawner.environment = {**spawner.environment, SPAWNER_VARIABLE: type(spawner).__name__}
        if isinstance(spawner, SimpleLocalProcessSpawner):
            spawner.environment[SPAWNER_VARIABLE] = "SimpleLocalProcessSpawner"
            return
        if isinstance(spawner, LocalProcessSpawner):
            ensure_os_user(spawner.user.name, self.home_root, self.group)


__all__ = ["PrepareServer"]
