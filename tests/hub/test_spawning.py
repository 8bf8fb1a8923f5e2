"""Isolation on a real hub: each cadre's server and kernel run as the cadre's own OS user, which
cannot read the question bank, the results (certificate key), the hub's accounts and secrets, or
another cadre's home, nor take more memory or processes than its limits; and quizkit's exam guard
finds nothing wrong there."""

from __future__ import annotations

import json
import pwd
import stat
from pathlib import Path

import pytest

from quizkit.hub.layout import ACCOUNTS_FILE, SECRETS_FILE
from tests.hub.conftest import RunningHub, SignIn, run_in_kernel

pytestmark = [pytest.mark.browser, pytest.mark.postgres, pytest.mark.slow]

PROBE = """
import json, os, pwd, resource
from quizkit.hub.guard import isolation_problem

def readable(path):
    try:
        if os.path.isdir(path):
            os.listdir(path)
        else:
            with open(path, "rb") as handle:
                handle.read(1)
        return True
    except OSError:
        return False

def can_take(size):
    try:
        bytearray(size)
        return True
    except MemoryError:
        return False

paths = json.loads({paths!r})
print(json.dumps({{
    "memory_limit": resource.getrlimit(resource.RLIMIT_AS)[0],
    "takes_5_gib": can_take(5 * 2**30),
    "process_limit": resource.getrlimit(resource.RLIMIT_NPROC)[0],
    "uid": os.getuid(),
    "user": pwd.getpwuid(os.getuid()).pw_name,
    "spawner": os.environ.get("QUIZKIT_HUB_SPAWNER"),
    "problem": isolation_problem(),
    "readable": {{path: readable(path) for path in paths}},
}}))
"""


def private_paths(hub: RunningHub, other: str) -> list[str]:
    bank_file = next((hub.project / "question_bank").glob("*.yaml"))
    return [
        str(hub.project / "question_bank"),
        str(bank_file),
        str(hub.project / "results" / "certificate.key"),
        str(hub.project / "pyproject.toml"),
        str(hub.hub_dir / ACCOUNTS_FILE),
        str(hub.hub_dir / SECRETS_FILE),
        str(hub.hub_dir / "jupyterhub.sqlite"),
        str(hub.home_root / other),
    ]


def test_each_cadre_runs_as_their_own_user_and_reads_nothing_private(
    running_hub: RunningHub, signed_in: dict[str, SignIn]
) -> None:
    first, second = running_hub.cadres
    for login, other in ((first, second), (second, first)):
        paths = private_paths(running_hub, other)
        assert all(Path(p).exists() for p in paths), paths  # each probe is of a real file
        token = running_hub.token(login, signed_in[login].password)
        printed = run_in_kernel(running_hub, login, token, PROBE.format(paths=json.dumps(paths)))
        seen = json.loads(printed)
        assert seen["user"] == login
        assert seen["uid"] == pwd.getpwnam(login).pw_uid != 0
        assert seen["spawner"] == "CadreSpawner"
        assert seen["memory_limit"] == 4096 * 1024**2 and not seen["takes_5_gib"]
        assert seen["process_limit"] == 256
        assert seen["problem"] is None
        assert seen["readable"] == {path: False for path in paths}


def test_cadre_homes_are_their_own_and_closed_to_others(
    running_hub: RunningHub, signed_in: dict[str, SignIn]
) -> None:
    for login in running_hub.cadres:
        home = running_hub.home_root / login
        info = home.stat()
        assert info.st_uid == pwd.getpwnam(login).pw_uid
        assert stat.S_IMODE(info.st_mode) == 0o700
