"""App mode on JupyterHub: cadres land on the course home as a page, trainers (hub admins) on JupyterLab.

Each cadre's single-user server is a Jupyter server with Voilà's server extension (enabled when
Voilà is installed). Two environment variables give it our template and its settings, so
``/user/<name>/voila/render/home.ipynb`` is the same page as on a single machine:

- ``JUPYTER_PATH`` finds the ``quizkit`` template (``share/voila/templates/quizkit``);
- ``JUPYTER_CONFIG_PATH`` adds ``share/server-config/jupyter_server_config.json`` (the template and
  its filters: :func:`quizkit.app.server.server_extension_config`, checked by a test).

Voilà's kernel pool does not exist inside a Jupyter server, so on the hub a page's kernel starts when
the page is opened (docs/app-mode.md). The course home is looked up in the server's root folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from quizkit.app.server import HOME_NOTEBOOK, SHARE_DIR

CADRE_URL = f"/voila/render/{HOME_NOTEBOOK}"
TRAINER_URL = "/lab"
SERVER_CONFIG_DIR = SHARE_DIR / "server-config"


def app_environment(environment: dict[str, str]) -> dict[str, str]:
    """A single-user server's environment with our template and server settings found first."""

    def first(variable: str, folder: str) -> str:
        rest = [part for part in environment.get(variable, "").split(os.pathsep) if part]
        return os.pathsep.join(dict.fromkeys([folder, *rest]))

    return {
        **environment,
        "JUPYTER_PATH": first("JUPYTER_PATH", str(SHARE_DIR)),
        "JUPYTER_CONFIG_PATH": first("JUPYTER_CONFIG_PATH", str(SERVER_CONFIG_DIR)),
    }


@dataclass(frozen=True)
class LandOnHome:
    """A ``Spawner.pre_spawn_hook`` around another: sets where the user lands and app mode's
    environment, then runs the wrapped hook (``quizkit.hub.spawning.PrepareServer``)."""

    then: Callable[[Any], Any] | None = None

    def __call__(self, spawner: Any) -> Any:
        spawner.default_url = TRAINER_URL if spawner.user.admin else CADRE_URL
        spawner.environment = app_environment(dict(spawner.environment))
        return self.then(spawner) if self.then is not None else None


__all__ = ["CADRE_URL", "SERVER_CONFIG_DIR", "TRAINER_URL", "LandOnHome", "app_environment"]
