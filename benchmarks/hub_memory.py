"""Memory of one cadre on the hub: the figure behind the sizing in docs/deploy-hub.md.

Starts the test hub of tests/hub/conftest.py (needs root, jupyterhub, configurable-http-proxy and
PostgreSQL), signs each cadre in through the login form (no browser), changes the printed password,
waits for the cadre's server, then runs a kernel that imports what a lesson or exam cell imports
(quizkit, its widgets and the exam view, pandas, matplotlib). Prints, per cadre, the PSS and RSS of
all the cadre's processes (MiB) with the server alone and with the kernel, and cadres per GiB.

Run: .venv/bin/python benchmarks/hub_memory.py
"""

from __future__ import annotations

import json
import pwd
import re
import statistics
import sys
import time
from pathlib import Path

import requests

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.hub.conftest import RunningHub, run_in_kernel, started_hub

MEASURE = """
import json
from pathlib import Path
import quizkit, quizkit.widgets, pandas, ipywidgets, matplotlib
from quizkit.widgets.sessions import JoinView
print(json.dumps(MEMORY()))
"""

MEMORY_SOURCE = """
def MEMORY(uid=None):
    import os
    from pathlib import Path
    uid = os.getuid() if uid is None else uid
    pss = rss = count = 0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if entry.stat().st_uid != uid:
                continue
            text = (entry / "smaps_rollup").read_text()
        except OSError:
            continue
        count += 1
        for line in text.splitlines():
            name, _, value = line.partition(":")
            if name == "Pss":
                pss += int(value.split()[0])
            elif name == "Rss":
                rss += int(value.split()[0])
    return {"pss_mib": pss / 1024, "rss_mib": rss / 1024, "processes": count}
"""
namespace: dict[str, object] = {}
exec(MEMORY_SOURCE, namespace)  # the same function, run here as root for the server alone
memory = namespace["MEMORY"]


def sign_in(hub: RunningHub, login: str) -> str:
    """Log in with the printed password and change it through the forms; returns the new one."""
    session = requests.Session()
    page = session.get(hub.url + "/hub/login", timeout=60)
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text)
    assert xsrf is not None
    form = {"_xsrf": xsrf.group(1), "username": login, "password": hub.initial[login]}
    page = session.post(hub.url + "/hub/login", data=form, timeout=60)
    xsrf = re.search(r'name="_xsrf" value="([^"]+)"', page.text)
    assert page.url.endswith("/hub/change-password") and xsrf is not None, page.url
    new = "bench-" + login + "-pass"
    form = {"_xsrf": xsrf.group(1), "current_password": hub.initial[login],
            "new_password": new, "confirm_password": new}  # fmt: skip
    session.post(hub.url + "/hub/change-password", data=form, timeout=120)
    return new


def wait_ready(hub: RunningHub, login: str, token: str) -> None:
    hub.api("POST", f"/hub/api/users/{login}/server", token)
    for _ in range(240):
        model = hub.api("GET", f"/hub/api/users/{login}", token).json()
        if model.get("servers", {}).get("", {}).get("ready"):
            return
        time.sleep(0.5)
    raise SystemExit(f"{login}'s server did not start:\n{hub.log_tail()}")


def main() -> None:
    rows = []
    with started_hub() as hub:
        for login in hub.cadres:
            password = sign_in(hub, login)
            token = hub.token(login, password)
            wait_ready(hub, login, token)
            time.sleep(2)
            alone = memory(pwd.getpwnam(login).pw_uid)  # type: ignore[operator]
            printed = run_in_kernel(hub, login, token, MEMORY_SOURCE + MEASURE)
            both = json.loads(printed.strip().splitlines()[-1])
            rows.append((login, alone, both))
    for login, alone, both in rows:
        print(f"{login}: server alone PSS {alone['pss_mib']:.0f} MiB, RSS {alone['rss_mib']:.0f} MiB;"
              f" server + kernel PSS {both['pss_mib']:.0f} MiB, RSS {both['rss_mib']:.0f} MiB")  # fmt: skip
    rss = statistics.mean(b["rss_mib"] for _, _, b in rows)
    pss = statistics.mean(b["pss_mib"] for _, _, b in rows)
    print(f"cadres per GiB: {1024 / rss:.1f} by RSS (each pod alone), {1024 / pss:.1f} by PSS")


if __name__ == "__main__":
    main()
