"""``quizkit serve``: run the grading service as JupyterHub starts it (a managed service).

The hub gives the service ``JUPYTERHUB_SERVICE_URL`` (where to listen), ``JUPYTERHUB_SERVICE_PREFIX``
(its path behind the proxy) and ``JUPYTERHUB_API_TOKEN`` (to ask the hub about callers). The service
opens the project's store and bank; the database URL comes from a secrets file readable only by the
service's user (``--secrets``, TOML with ``db_url = "..."``) or else from the project's settings —
never from the hub's ``environment`` for a service, which the hub copies into its own database.
"""

from __future__ import annotations

import asyncio
import os
import signal
import stat
import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from quizkit.certificates.verify_page import store_checker, verify_handlers
from quizkit.errors import SettingsError
from quizkit.project import Project
from quizkit.service.app import close_app, make_app
from quizkit.service.callers import TRAINER_GROUP, HubCallers
from quizkit.service.desk import Desk

SERVICE_URL = "JUPYTERHUB_SERVICE_URL"
SERVICE_PREFIX = "JUPYTERHUB_SERVICE_PREFIX"
TRAINER_GROUP_VARIABLE = "QUIZKIT_TRAINER_GROUP"


@dataclass(frozen=True)
class Listen:
    host: str
    port: int
    prefix: str


def listen_from_environment(port: int | None = None) -> Listen:
    """Where the hub expects the service (``--port`` on 127.0.0.1 when run by hand)."""
    url = os.environ.get(SERVICE_URL)
    prefix = os.environ.get(SERVICE_PREFIX, "/")
    if port is not None:
        return Listen("127.0.0.1", port, prefix)
    if not url:
        raise SettingsError(
            f"{SERVICE_URL} is not set: `quizkit serve` is started by JupyterHub",
            hint="register it in jupyterhub_config.py (c.JupyterHub.services), or give --port",
        )
    parsed = urlparse(url)
    return Listen(parsed.hostname or "127.0.0.1", parsed.port or 80, prefix)


def read_secrets(path: Path) -> dict[str, str]:
    """The secrets file: TOML, refused when others than its owner may read it."""
    try:
        mode = path.stat().st_mode
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise SettingsError(f"cannot read the secrets file: {error.strerror}", file=path) from error
    if os.name == "posix" and mode & (stat.S_IRWXG | stat.S_IRWXO):
        raise SettingsError(
            "the secrets file may be read by other users",
            file=path,
            hint=f"chmod 600 {path}",
        )
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise SettingsError(f"the secrets file is not TOML: {error}", file=path) from error
    return {str(k): str(v) for k, v in data.items()}


def open_desk(project: Project) -> Desk:
    store = project.store()
    return Desk(store, project.bank(), project.settings.scoring)


def serve(project: Project, *, secrets: Path | None = None, port: int | None = None) -> None:
    """Run until SIGINT/SIGTERM (the hub stops services with SIGINT). ``secrets``: a TOML file
    whose ``db_url`` replaces the project's database URL."""
    if secrets is not None:
        db_url = read_secrets(secrets).get("db_url")
        project = Project.open(project.root, db_url=db_url) if db_url else project
    listen = listen_from_environment(port)
    desk = open_desk(project)
    callers = HubCallers(os.environ.get(TRAINER_GROUP_VARIABLE, TRAINER_GROUP))
    # the public certificate verify page (no login): quizkit/certificates/verify_page.py
    verify = verify_handlers("", store_checker(desk.store, project.settings.results_dir))
    asyncio.run(_run(desk, callers, listen, verify))


async def _run(desk: Desk, callers: HubCallers, listen: Listen, extra: Sequence[Any] = ()) -> None:
    app = make_app(desk, callers, prefix=listen.prefix, extra_handlers=extra)
    server = app.listen(listen.port, address=listen.host, xheaders=True)
    stopped = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(signum, stopped.set)
    await stopped.wait()
    server.stop()
    await server.close_all_connections()
    close_app(app)
    desk.store.close()


__all__ = ["Listen", "listen_from_environment", "open_desk", "read_secrets", "serve"]
