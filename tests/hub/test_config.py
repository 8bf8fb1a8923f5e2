"""`quizkit hub init`: the config JupyterHub reads, the service's secrets, and the locked folders;
`quizkit hub start` refusing to run when something private is open to other users."""

from __future__ import annotations

import os
import shutil
import stat
import tomllib
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from quizkit.cli import main
from quizkit.errors import QuizkitError
from quizkit.hub.layout import HubPlan
from quizkit.hub.start import exposure_problems, hub_environment, preflight, user_python_problem
from tests.conftest import PROJECT, require_system_part

DB_URL = "postgresql+psycopg://quizkit:s3cret@127.0.0.1:5432/quizkit"


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    (root / "pyproject.toml").write_text('[tool.quizkit]\nbank = "question_bank"\n', "utf-8")
    shutil.copytree(PROJECT / "question_bank", root / "question_bank")
    (root / "question_bank").chmod(0o755)
    monkeypatch.chdir(root)
    monkeypatch.delenv("QUIZKIT_ROOT", raising=False)
    monkeypatch.delenv("QUIZKIT_DB_URL", raising=False)
    return root


def init(hub_dir: Path, *extra: str) -> Any:
    require_system_part(
        shutil.which("configurable-http-proxy") is not None,
        "configurable-http-proxy",
        "it with npm: npm install -g configurable-http-proxy@5.3.0",
    )
    args = ["--db-url", DB_URL, "hub", "init", str(hub_dir), "--bind-url", "http://127.0.0.1:8123"]
    result = CliRunner().invoke(main, [*args, *extra])
    assert result.exit_code == 0, result.output
    return result


def load_config(hub_dir: Path) -> Any:
    from traitlets.config.loader import PyFileConfigLoader

    return PyFileConfigLoader("jupyterhub_config.py", path=str(hub_dir)).load_config()


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_init_writes_a_config_jupyterhub_can_load(project: Path, tmp_path: Path) -> None:
    hub_dir = tmp_path / "hub"
    init(hub_dir)
    c = load_config(hub_dir)
    assert c.JupyterHub.bind_url == "http://127.0.0.1:8123"
    assert c.JupyterHub.spawner_class == "quizkit.hub.spawning.CadreSpawner"
    assert c.CadreSpawner.process_memory_limit == 4096 * 1024**2
    assert c.CadreSpawner.process_count_limit == 256
    assert c.JupyterHub.authenticator_class == "quizkit.hub.authenticator.RosterAuthenticator"
    assert c.RosterAuthenticator.accounts_file == str(hub_dir / "private" / "accounts.json")
    assert c.Authenticator.allow_all is False
    assert c.Spawner.environment == {
        "QUIZKIT_SERVICE_URL": "http://127.0.0.1:8010/services/quizkit/"
    }
    [service] = c.JupyterHub.services
    secrets = str(hub_dir / "private" / "service.toml")
    assert service["command"][-4:] == ["quizkit", "serve", "--secrets", secrets]
    assert service["environment"] == {"QUIZKIT_ROOT": str(project)}  # no secret in the hub db
    assert "access:services!service=quizkit" in c.JupyterHub.extra_user_scopes
    assert DB_URL not in (hub_dir / "jupyterhub_config.py").read_text(encoding="utf-8")
    assert tomllib.loads(Path(secrets).read_text(encoding="utf-8")) == {"db_url": DB_URL}


def test_init_locks_the_hub_folder_and_the_projects_private_files(
    project: Path, tmp_path: Path
) -> None:
    hub_dir = tmp_path / "hub"
    init(hub_dir)
    assert mode(hub_dir) == mode(hub_dir / "private") == 0o700
    assert mode(hub_dir / "jupyterhub_config.py") == mode(hub_dir / "private/service.toml") == 0o600
    assert mode(project / "question_bank") == mode(project / "results") == 0o700
    assert mode(project / "pyproject.toml") == 0o600
    assert exposure_problems(HubPlan.load(hub_dir)) == []


def test_init_without_the_service_and_again_only_with_force(project: Path, tmp_path: Path) -> None:
    hub_dir = tmp_path / "hub"
    init(hub_dir, "--no-service")
    assert "services" not in load_config(hub_dir).JupyterHub
    again = CliRunner().invoke(main, ["hub", "init", str(hub_dir)])
    assert again.exit_code == 1 and "already exists" in again.output
    init(hub_dir, "--force")
    assert len(load_config(hub_dir).JupyterHub.services) == 1


def test_start_refuses_while_the_bank_is_readable_by_others(project: Path, tmp_path: Path) -> None:
    hub_dir = tmp_path / "hub"
    init(hub_dir)
    (project / "question_bank").chmod(0o755)
    with pytest.raises(QuizkitError) as raised:
        preflight(HubPlan.load(hub_dir))
    assert f"{project / 'question_bank'} can be read by other users" in str(raised.value)
    assert "quizkit hub init" in str(raised.value)


def test_the_hubs_environment_keeps_no_database_secrets() -> None:
    kept = hub_environment(
        {"PATH": "/usr/bin", "QUIZKIT_DB_URL": DB_URL, "PGPASSWORD": "x", "DATABASE_URL": DB_URL}
    )
    assert kept == {"PATH": "/usr/bin"}


def test_a_python_ordinary_users_cannot_run_is_named(tmp_path: Path) -> None:
    require_system_part(
        hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("runuser") is not None,
        "root and runuser",
        "util-linux (apt) and run as root",
    )
    closed = tmp_path / "closed"
    closed.mkdir(mode=0o700)
    (closed / "python3").symlink_to("/usr/bin/python3")
    problem = user_python_problem(str(closed / "python3"))
    assert problem is not None and "cannot be run by an ordinary user" in problem
