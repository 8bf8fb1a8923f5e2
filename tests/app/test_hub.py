"""App mode on JupyterHub: who lands where, and a Jupyter server (as a single-user server runs it)
serving the course home with our template through Voilà's server extension."""

from __future__ import annotations

import json
import os
import secrets
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from quizkit.app.hub import CADRE_URL, SERVER_CONFIG_DIR, TRAINER_URL, LandOnHome, app_environment
from quizkit.app.server import SHARE_DIR, server_extension_config
from tests.app.app_harness import make_app_project
from tests.widgets.jupyter_harness import free_port
from tests.widgets.lesson_project import project_env


def spawner(admin: bool) -> Any:
    return SimpleNamespace(
        user=SimpleNamespace(admin=admin, name="zhangsan"),
        default_url="/lab",
        environment={"JUPYTER_PATH": "/srv/extra", "QUIZKIT_SERVICE_URL": "http://x/"},
    )


def test_cadres_land_on_the_home_page_trainers_on_jupyterlab() -> None:
    seen: list[Any] = []
    hook = LandOnHome(seen.append)
    cadre, trainer = spawner(admin=False), spawner(admin=True)
    hook(cadre)
    hook(trainer)
    assert seen == [cadre, trainer]  # the hub's own hook still runs
    assert (cadre.default_url, trainer.default_url) == (CADRE_URL, TRAINER_URL)
    assert CADRE_URL == "/voila/render/home.ipynb"
    paths = cadre.environment["JUPYTER_PATH"].split(os.pathsep)
    assert paths == [str(SHARE_DIR), "/srv/extra"]
    assert cadre.environment["JUPYTER_CONFIG_PATH"] == str(SERVER_CONFIG_DIR)
    assert cadre.environment["QUIZKIT_SERVICE_URL"] == "http://x/"


def test_the_shipped_server_settings_are_app_modes() -> None:
    shipped = SERVER_CONFIG_DIR / "jupyter_server_config.json"
    assert json.loads(shipped.read_text(encoding="utf-8")) == server_extension_config()


@pytest.mark.slow
def test_a_jupyter_server_serves_the_home_page_in_app_mode(tmp_path: Path) -> None:
    root = make_app_project(tmp_path / "project")
    token, port = secrets.token_hex(8), free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QUIZKIT_", "JUPYTER"))}
    env.update(project_env(root))
    env.update({"JUPYTER_RUNTIME_DIR": str(tmp_path / "rt"), "IPYTHONDIR": str(tmp_path / "ip")})
    command = [sys.executable, "-m", "jupyter_server", "--no-browser", "--ip=127.0.0.1"]
    command += [f"--port={port}", f"--IdentityProvider.token={token}"]
    command += [f"--ServerApp.root_dir={root / 'courses'}"]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = (tmp_path / "server.log").open("wb")
    server = subprocess.Popen(command, env=app_environment(env), stdout=log, stderr=log)
    try:
        url = f"http://127.0.0.1:{port}{CADRE_URL}?token={token}"
        html = fetch_when_up(url, server)
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()
    assert '<html lang="zh-CN">' in html and "quizkit-app.css" in html
    assert "celltag_quizkit-page" in html  # the page cell ran first
    assert "application/vnd.jupyter.widget-view+json" in html  # the course home was drawn
    assert "Traceback" not in html and "正在打开，请稍候" in html


def fetch_when_up(url: str, server: subprocess.Popen[bytes], seconds: float = 120) -> str:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline and server.poll() is None:
        try:
            with urllib.request.urlopen(url, timeout=60) as response:
                body: bytes = response.read()
                return body.decode("utf-8")
        except OSError:
            time.sleep(0.5)
    raise AssertionError(f"no page from {url}")
