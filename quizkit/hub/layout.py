"""Where a hub's files live, and the plan ``quizkit hub init`` writes (``quizkit-hub.json``).

<hub dir>/                     0700 root: nothing in it is for cadres
  jupyterhub_config.py         0600
  quizkit-hub.json             the plan, read by ``quizkit hub start`` for its checks
  jupyterhub.sqlite            the hub's own state (users, tokens, services' environment)
  jupyterhub_cookie_secret     made by the hub, 0600
  private/accounts.json        logins and argon2 hashes (:mod:`quizkit.hub.accounts`)
  private/service.toml         the results database URL, read by ``quizkit serve --secrets``
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

from quizkit.atomicfile import write_text
from quizkit.errors import QuizkitError

CONFIG_FILE = "jupyterhub_config.py"
PLAN_FILE = "quizkit-hub.json"
ACCOUNTS_FILE = Path("private") / "accounts.json"
SECRETS_FILE = Path("private") / "service.toml"  # db_url for `quizkit serve --secrets`
SERVICE_NAME = "quizkit"
SERVICE_URL_VARIABLE = "QUIZKIT_SERVICE_URL"  # what a cadre's kernel calls (the service client)


@dataclass(frozen=True)
class HubPlan:
    """Everything ``jupyterhub_config.py`` is written from (paths absolute, as strings)."""

    hub_dir: str
    project_root: str
    private_paths: tuple[str, ...]  # question_bank/, results/ (key, SQLite), settings with secrets
    bind_url: str = "http://0.0.0.0:8000"
    hub_port: int = 8081
    proxy_api_port: int = 8001
    service_port: int = 8010
    proxy_command: str = "configurable-http-proxy"
    hub_python: str = ""  # runs the hub and `quizkit serve` (as root)
    user_python: str = ""  # runs each cadre's server (as the cadre): must be usable by them
    home_root: str = "/home"
    os_group: str = "quizkit-users"
    process_memory_limit: int = 4 * 1024**3  # bytes of address space per cadre process
    process_count_limit: int = 256  # processes per cadre
    db_url: str = ""  # the results store the service writes to (PostgreSQL)
    service: bool = True
    ssl_cert: str = ""
    ssl_key: str = ""

    @property
    def accounts_file(self) -> Path:
        return Path(self.hub_dir) / ACCOUNTS_FILE

    @property
    def secrets_file(self) -> Path:
        return Path(self.hub_dir) / SECRETS_FILE

    @property
    def service_url(self) -> str:
        """Where kernels reach the service: on loopback, straight to it (no certificate to trust)."""
        return f"http://127.0.0.1:{self.service_port}/services/{SERVICE_NAME}/"

    def save(self) -> Path:
        path = Path(self.hub_dir) / PLAN_FILE
        data = {k: v for k, v in asdict(self).items() if k != "db_url"}  # secret: private/ only
        return write_text(path, json.dumps(data, ensure_ascii=False, indent=1) + "\n")

    @classmethod
    def load(cls, hub_dir: Path) -> HubPlan:
        path = hub_dir / PLAN_FILE
        try:
            data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
            known = {f.name for f in fields(cls)}
            data["private_paths"] = tuple(data.get("private_paths", ()))
            return cls(**{k: v for k, v in data.items() if k in known})
        except FileNotFoundError as error:
            raise QuizkitError(
                f"{hub_dir} is not a quizkit hub folder (no {PLAN_FILE})",
                hint=f"write one with `quizkit hub init {hub_dir}`",
            ) from error
        except (ValueError, TypeError) as error:
            raise QuizkitError(
                f"{PLAN_FILE} cannot be read: {error}",
                file=path,
                hint=f"write it again with `quizkit hub init {hub_dir} --force`",
            ) from error


__all__ = ["ACCOUNTS_FILE", "CONFIG_FILE", "PLAN_FILE", "SERVICE_NAME", "HubPlan"]
