"""``quizkit hub init DIR``: write ``jupyterhub_config.py`` and lock down what cadres must not read.

The config is plain JupyterHub configuration with a comment on each choice, so an administrator can
read and adjust it; the values come from a :class:`~quizkit.hub.layout.HubPlan`. Secrets stay out
of the hub's environment (the proxy inherits it) and out of a service's ``environment`` (the hub copies
that into its database): the results database URL goes to ``private/service.toml`` (0600), which only
``quizkit serve --secrets`` reads.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from quizkit.atomicfile import replacing
from quizkit.errors import QuizkitError
from quizkit.hub.layout import CONFIG_FILE, SERVICE_NAME, SERVICE_URL_VARIABLE, HubPlan

TEMPLATE = '''\
"""JupyterHub for quizkit, written by `quizkit hub init`; start it with `quizkit hub start {hub_dir}`.

Plain JupyterHub configuration: adjust the values below, or write the file again with
`quizkit hub init --force` (see docs/deploy-hub.md). Keep this folder 0700: private/ holds the
accounts and the results database URL.
"""

from pathlib import Path

from quizkit.app.hub import LandOnHome
from quizkit.hub.authenticator import TEMPLATES
from quizkit.hub.spawning import PrepareServer

c = get_config()  # noqa: F821 - provided by JupyterHub

HUB_DIR = Path({hub_dir!r})

# The public address (the proxy); behind nginx use http://127.0.0.1:PORT and let nginx do HTTPS.
c.JupyterHub.bind_url = {bind_url!r}
c.JupyterHub.hub_ip = "127.0.0.1"  # the hub's API stays on loopback
c.JupyterHub.hub_port = {hub_port!r}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{proxy_command!r}]
{ssl}
# The hub's own state lives in this folder.
c.JupyterHub.db_url = "sqlite:///" + str(HUB_DIR / "jupyterhub.sqlite")
c.JupyterHub.cookie_secret_file = str(HUB_DIR / "jupyterhub_cookie_secret")
c.JupyterHub.template_paths = [str(TEMPLATES)]  # Chinese login and change-password pages

# Who can sign in: the cadres `quizkit roster passwords` gave an account, and the trainers
# `quizkit hub trainer` added (hub admins). First sign-in must change the printed password.
c.JupyterHub.authenticator_class = "quizkit.hub.authenticator.RosterAuthenticator"
c.RosterAuthenticator.accounts_file = str(HUB_DIR / "private" / "accounts.json")
c.Authenticator.allow_all = False

# Each cadre's server runs as the cadre's own OS user (made on first start, home 0700), with OS
# limits so one runaway kernel cannot starve the others' exams (CadreSpawner is LocalProcessSpawner
# plus those limits). Never SimpleLocalProcessSpawner: there one kernel can read another's token
# (quizkit refuses exams there).
c.JupyterHub.spawner_class = "quizkit.hub.spawning.CadreSpawner"
c.CadreSpawner.process_memory_limit = {process_memory_limit!r}  # bytes per process
c.CadreSpawner.process_count_limit = {process_count_limit!r}  # processes per cadre
# Cadres land on the course home as a page (app mode), trainers (hub admins) on JupyterLab.
# The courses reach each server as read-only links from the home to the project's courses/.
c.Spawner.pre_spawn_hook = LandOnHome(
    PrepareServer(
        home_root=Path({home_root!r}),
        group={os_group!r},
        courses=Path({project_root!r}) / "courses",
    )
)
c.Spawner.cmd = [{user_python!r}, "-m", "jupyterhub.singleuser"]
c.Spawner.default_url = "/lab"  # per user: LandOnHome (docs/app-mode.md)
c.Spawner.start_timeout = 120
c.Spawner.http_timeout = 90
c.Spawner.environment = {{{service_env}}}
{service_block}'''

SERVICE = """
# The grading service: it alone reads the bank, the results database and the certificate key.
# Kernels call it with their own hub token; it asks the hub who that is (HubAuth).
c.JupyterHub.services = [
    {{
        "name": {name!r},
        "url": "http://127.0.0.1:{service_port}",
        "command": [{hub_python!r}, "-m", "quizkit", "serve", "--secrets", {secrets!r}],
        "cwd": {project_root!r},
        "environment": {{"QUIZKIT_ROOT": {project_root!r}}},  # no secrets: the hub stores this
        "oauth_no_confirm": True,
        "display": False,
    }}
]
c.JupyterHub.extra_user_scopes = {{"access:services!service={name}"}}
c.Spawner.server_token_scopes = [
    "users:activity!user",
    "access:servers!server",
    "access:services!service={name}",
]
"""


def render_config(plan: HubPlan) -> str:
    ssl = ""
    if plan.ssl_cert:
        ssl = (
            f"c.JupyterHub.ssl_cert = {plan.ssl_cert!r}\nc.JupyterHub.ssl_key = {plan.ssl_key!r}\n"
        )
    service_env = f"{SERVICE_URL_VARIABLE!r}: {plan.service_url!r}" if plan.service else ""
    secrets = str(plan.secrets_file)
    service = (
        SERVICE.format(name=SERVICE_NAME, secrets=secrets, **vars(plan)) if plan.service else ""
    )
    return TEMPLATE.format(ssl=ssl, service_env=service_env, service_block=service, **vars(plan))


def lock_down(paths: list[Path]) -> list[Path]:
    """Take group and other access away from each path that exists (top level is enough: nobody
    else can pass through a 0700 folder); returns the paths changed."""
    changed = []
    for path in paths:
        if path.exists() and path.stat().st_mode & 0o077:
            path.chmod(path.stat().st_mode & 0o700)
            changed.append(path)
    return changed


def _write_private(path: Path, text: str) -> None:
    with replacing(path) as temporary:
        os.chmod(temporary, 0o600)  # before a byte of it is written
        temporary.write_text(text, encoding="utf-8")


def write_hub(plan: HubPlan, *, force: bool = False) -> Path:
    """Write the hub folder (0700), its config (0600) and plan; lock down the private paths."""
    hub_dir = Path(plan.hub_dir)
    config = hub_dir / CONFIG_FILE
    if config.exists() and not force:
        raise QuizkitError(
            f"{config} already exists", hint="pass --force to write it again (accounts are kept)"
        )
    hub_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    hub_dir.chmod(0o700)
    (hub_dir / "private").mkdir(mode=0o700, exist_ok=True)
    (hub_dir / "private").chmod(0o700)
    _write_private(config, render_config(plan))
    if plan.db_url:
        _write_private(plan.secrets_file, f"db_url = {json.dumps(plan.db_url)}\n")
    plan.save()
    lock_down([Path(p) for p in plan.private_paths])
    return config


__all__ = ["lock_down", "render_config", "write_hub"]
