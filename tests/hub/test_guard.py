"""The kernel-side exam guard, on a fake /proc: what it refuses and what it lets through."""

from __future__ import annotations

from pathlib import Path

import pytest

from quizkit.errors import SessionError
from quizkit.hub.guard import ensure_exam_allowed, isolation_problem


def fake_proc(tmp_path: Path, environs: dict[str, dict[str, str]]) -> Path:
    proc = tmp_path / "proc"
    for pid, environ in environs.items():
        folder = proc / pid
        folder.mkdir(parents=True)
        body = b"\0".join(f"{k}={v}".encode() for k, v in environ.items())
        (folder / "environ").write_bytes(body + b"\0")
    (proc / "self").mkdir(parents=True, exist_ok=True)
    return proc


ON_HUB = {"JUPYTERHUB_USER": "zhangsan01", "QUIZKIT_HUB_SPAWNER": "LocalProcessSpawner"}


def test_outside_a_hub_nothing_is_checked(tmp_path: Path) -> None:
    proc = fake_proc(tmp_path, {"10": {"JUPYTERHUB_USER": "lisi02"}})
    assert isolation_problem({}, proc=proc, uid=0) is None


def test_a_hub_with_own_users_and_nothing_else_visible_is_fine(tmp_path: Path) -> None:
    proc = fake_proc(tmp_path, {"10": {"JUPYTERHUB_USER": "zhangsan01"}, "11": {"PATH": "/bin"}})
    assert isolation_problem(ON_HUB, proc=proc, uid=1001) is None


def test_simple_local_process_spawner_is_refused_by_name(tmp_path: Path) -> None:
    environ = {**ON_HUB, "QUIZKIT_HUB_SPAWNER": "SimpleLocalProcessSpawner"}
    problem = isolation_problem(environ, proc=fake_proc(tmp_path, {}), uid=1001)
    assert problem is not None and "SimpleLocalProcessSpawner" in problem


def test_a_kernel_running_as_root_is_refused(tmp_path: Path) -> None:
    problem = isolation_problem(ON_HUB, proc=fake_proc(tmp_path, {}), uid=0)
    assert problem is not None and "root" in problem


def test_another_cadres_readable_environment_is_refused_whatever_the_marker(
    tmp_path: Path,
) -> None:
    proc = fake_proc(tmp_path, {"10": {"JUPYTERHUB_USER": "zhangsan01"}, "12": {
        "JUPYTERHUB_USER": "lisi02", "JUPYTERHUB_API_TOKEN": "secret"}})  # fmt: skip
    problem = isolation_problem(ON_HUB, proc=proc, uid=1001)
    assert problem is not None and "lisi02" in problem
    no_marker = {"JUPYTERHUB_USER": "zhangsan01"}
    assert isolation_problem(no_marker, proc=proc, uid=1001) == problem


def test_the_exam_path_refuses_with_the_spawner_to_use(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JUPYTERHUB_USER", "zhangsan01")
    monkeypatch.setenv("QUIZKIT_HUB_SPAWNER", "SimpleLocalProcessSpawner")
    with pytest.raises(SessionError) as raised:
        ensure_exam_allowed("exam")
    assert "不能在此开考" in raised.value.user_message
    assert "LocalProcessSpawner" in raised.value.user_message
    ensure_exam_allowed("practice")  # practice sessions stay open: nothing at stake
