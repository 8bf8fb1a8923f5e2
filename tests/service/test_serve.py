"""`quizkit serve`'s start-up: where it listens, and the secrets file it reads."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from quizkit.cli import main
from quizkit.errors import SettingsError
from quizkit.service.serve import listen_from_environment, read_secrets


def test_it_listens_where_the_hub_says(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUPYTERHUB_SERVICE_URL", "http://127.0.0.1:8123")
    monkeypatch.setenv("JUPYTERHUB_SERVICE_PREFIX", "/services/quizkit/")
    listen = listen_from_environment()
    assert (listen.host, listen.port, listen.prefix) == ("127.0.0.1", 8123, "/services/quizkit/")
    assert listen_from_environment(9000).port == 9000


def test_without_the_hub_it_says_how_it_is_started(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JUPYTERHUB_SERVICE_URL", raising=False)
    with pytest.raises(SettingsError, match="started by JupyterHub"):
        listen_from_environment()


@pytest.mark.skipif(os.name != "posix", reason="file modes are POSIX")
def test_the_secrets_file_must_be_private_and_toml(tmp_path: Path) -> None:
    secrets = tmp_path / "service.toml"
    secrets.write_text('db_url = "postgresql+psycopg://u:p@127.0.0.1/db"\n', encoding="utf-8")
    secrets.chmod(0o644)
    with pytest.raises(SettingsError, match="chmod 600"):
        read_secrets(secrets)
    secrets.chmod(0o600)
    assert read_secrets(secrets) == {"db_url": "postgresql+psycopg://u:p@127.0.0.1/db"}
    secrets.write_text("db_url = \n", encoding="utf-8")
    with pytest.raises(SettingsError, match="not TOML"):
        read_secrets(secrets)
    with pytest.raises(SettingsError, match="cannot read"):
        read_secrets(tmp_path / "missing.toml")


def test_the_command_refuses_a_readable_secrets_file_in_one_line(tmp_path: Path) -> None:
    secrets = tmp_path / "service.toml"
    secrets.write_text('db_url = "sqlite:///x.db"\n', encoding="utf-8")
    secrets.chmod(0o644)
    result = CliRunner().invoke(main, ["serve", "--secrets", str(secrets)])
    assert result.exit_code == 1
    assert "may be read by other users" in result.output and "Traceback" not in result.output
