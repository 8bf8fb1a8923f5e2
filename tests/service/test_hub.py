"""The grading service on a real JupyterHub (tests/hub/conftest.py's ``running_hub``: the proxy,
PostgreSQL, cadres with accounts, the service started by the hub as `quizkit serve --secrets`).

Callers are identified by the hub from real hub tokens; the attacks here use tokens a cadre can get.
The load test puts 200 simulated cadres (each with their own hub user and token) through the proxy
and the service into PostgreSQL at the same moment.
"""

from __future__ import annotations

import asyncio
import base64
import json
import secrets
import subprocess
import time
from collections.abc import Iterator
from typing import Any

import pytest
import requests
from sqlalchemy.engine import make_url

from quizkit.bank import Bank, load_bank
from quizkit.errors import StoreError
from quizkit.hub.accounts import Person, issue
from quizkit.hub.layout import ACCOUNTS_FILE
from quizkit.hub.osusers import DEFAULT_GROUP, is_ours
from quizkit.project import Project
from quizkit.records import AnswerRecord, CadreRecord
from quizkit.service_client import ServiceBackend
from quizkit.sessions import create_session
from quizkit.sessions.rules import SessionRules
from quizkit.store import Store
from tests.event_loop import run_coroutine
from tests.hub.conftest import RunningHub, run_in_kernel, running_hub  # noqa: F401

pytestmark = [pytest.mark.postgres, pytest.mark.slow]

LOAD_CADRES = 200


@pytest.fixture(scope="module")
def hub(running_hub: RunningHub) -> RunningHub:  # noqa: F811
    if not running_hub.with_service:
        pytest.fail("the hub fixture started without the grading service")
    return running_hub


@pytest.fixture(scope="module")
def hub_store(hub: RunningHub) -> Iterator[Store]:
    """The service's store, opened as the trainer's tools open it."""
    store = Project.open(hub.project, db_url=hub.db_url).store()
    try:
        yield store
    finally:
        store.close()


@pytest.fixture(scope="module")
def hub_bank(hub: RunningHub) -> Bank:
    return load_bank(hub.project / "question_bank")


def token_for(hub: RunningHub, login: str) -> str:
    """A hub API token of ``login``, asked for with the person's password (printed, or changed by an
    earlier test on the shared hub). The hub knows a user only after a first sign-in, so sign in
    through the login form first (as a person would)."""
    with requests.Session() as browser:
        browser.get(hub.url + "/hub/login", timeout=60)
        xsrf = browser.cookies.get("_xsrf", "")
        signed = browser.post(
            hub.url + "/hub/login",
            data={"username": login, "password": hub.password(login), "_xsrf": xsrf},
            timeout=60,
            allow_redirects=False,  # signed in is the redirect away from the login page
        )
        where = signed.headers.get("Location", "")
        assert signed.status_code == 302 and "/hub/login" not in where, (
            signed.status_code,
            where,
            signed.text[:300],
        )
    return hub.token(login, hub.password(login))


def service_url(hub: RunningHub) -> str:
    """The service behind the proxy (the public path)."""
    return hub.url + "/services/quizkit/"


def paper_of(bank: Bank, count: int = 4) -> list[str]:
    singles = [q.id for q in bank.questions() if q.type == "single" and q.status == "active"]
    return singles[:count]


def new_exam(store: Store, bank: Bank, **rules: Any) -> Any:
    values: dict[str, Any] = {"paper": {"questions": paper_of(bank)}, "seed": "hub"}
    values.update(rules)
    return create_session(
        store, bank, title="集中考试", rules=SessionRules.model_validate(values), code=None
    )


def test_the_service_knows_callers_only_by_their_hub_token(hub: RunningHub) -> None:
    cadre = hub.cadres[0]
    token = token_for(hub, cadre)
    me = requests.get(
        service_url(hub) + "api/v1/whoami", headers={"Authorization": f"token {token}"}, timeout=30
    )
    assert me.status_code == 200, me.text
    assert me.json()["login"] == cadre and me.json()["trainer"] is False
    assert me.json()["cadre"]["name"] == hub.names[cadre]
    trainer = token_for(hub, hub.trainer)
    them = requests.get(
        service_url(hub) + "api/v1/whoami",
        headers={"Authorization": f"token {trainer}"},
        timeout=30,
    )
    assert them.json()["trainer"] is True and them.json()["cadre"] is None
    for header in ({}, {"Authorization": "token " + secrets.token_hex(16)}):
        refused = requests.post(
            service_url(hub) + "api/v1/attempts_for", json={"args": {}}, headers=header, timeout=30
        )
        assert refused.status_code == 401
    narrow = hub.api(
        "POST",
        f"/hub/api/users/{cadre}/tokens",
        json={
            "auth": {"username": cadre, "password": hub.password(cadre)},
            "scopes": ["read:users:name!user"],
        },
    ).json()["token"]
    denied = requests.get(
        service_url(hub) + "api/v1/whoami", headers={"Authorization": f"token {narrow}"}, timeout=30
    )
    assert denied.status_code == 403


def test_a_cadre_sits_an_exam_through_the_proxy_and_another_cadre_cannot_touch_it(
    hub: RunningHub, hub_store: Store, hub_bank: Bank
) -> None:
    session = new_exam(hub_store, hub_bank, duration_minutes=30)
    first, second = hub.cadres
    mine = ServiceBackend(service_url(hub), token_for(hub, first))
    theirs = ServiceBackend(service_url(hub), token_for(hub, second))
    cadre = mine.find_cadres(login=first)[0]
    attempt = mine.start_attempt(cadre.id, quiz_id=session.quiz_id, session_id=session.id)
    question = hub_bank.question(paper_of(hub_bank)[0])
    answer = AnswerRecord(
        "hub-" + secrets.token_hex(4), attempt.id, question.id, "", question.answer, 0.0, 2.0, False
    )  # type: ignore[arg-type]
    assert mine.record_answer(answer) is True
    (row,) = hub_store.answers_for_attempt(attempt.id)
    assert (row.correct, row.score) == (True, 2.0)  # graded by the service, not by the caller
    with pytest.raises(StoreError, match="不是你的"):
        theirs.record_answer(AnswerRecord("hub-x", attempt.id, question.id, "", "A", 2, 2, True))
    assert theirs.get_attempt(attempt.id) is None
    assert theirs.find_cadres(login=first) == []
    assert len(hub_store.answers_for_attempt(attempt.id)) == 1
    mine.close()
    theirs.close()


def _load_users(hub: RunningHub, store: Store, count: int) -> dict[str, str]:
    """``count`` hub users with tokens (made by the trainer, a hub admin) and roster entries."""
    admin = token_for(hub, hub.trainer)
    tag = secrets.token_hex(2)
    logins = [f"ld{tag}{n:03d}" for n in range(count)]
    made = hub.api("POST", "/hub/api/users", admin, json={"usernames": logins})
    assert made.status_code == 201, made.text
    store.upsert_cadres(
        [
            CadreRecord(id=f"L{tag}{n:03d}", name=f"学员{n}", unit="城关镇", login=login)
            for n, login in enumerate(logins)
        ]
    )
    tokens = {}
    for login in logins:
        issued = hub.api("POST", f"/hub/api/users/{login}/tokens", admin, json={"expires_in": 3600})
        assert issued.status_code == 201, issued.text
        tokens[login] = issued.json()["token"]
    return tokens


async def _burst(url: str, calls: list[tuple[str, dict[str, Any]]]) -> list[tuple[int, Any]]:
    """Send every call at once (one connection per cadre), return (status, body) in order."""
    from tornado.httpclient import AsyncHTTPClient, HTTPRequest

    client = AsyncHTTPClient(force_instance=True, max_clients=len(calls) + 10)

    async def one(token: str, body: dict[str, Any]) -> tuple[int, Any]:
        request = HTTPRequest(
            url + "api/v1/record_answer",
            method="POST",
            headers={"Authorization": f"token {token}", "Content-Type": "application/json"},
            body=json.dumps(body),
            request_timeout=60,
        )
        reply = await client.fetch(request, raise_error=False)
        return reply.code, json.loads(reply.body or b"null")

    try:
        return await asyncio.gather(*(one(token, body) for token, body in calls))
    finally:
        client.close()


def test_200_cadres_autosaving_at_the_same_moment_lose_nothing(
    hub: RunningHub, hub_store: Store, hub_bank: Bank
) -> None:
    session = new_exam(hub_store, hub_bank, duration_minutes=60)
    tokens = _load_users(hub, hub_store, LOAD_CADRES)
    question = hub_bank.question(paper_of(hub_bank)[0])
    calls = []
    for login, token in tokens.items():
        client = ServiceBackend(service_url(hub), token)
        cadre = client.find_cadres(login=login)[0]  # also warms the hub's token cache
        attempt = client.start_attempt(cadre.id, quiz_id=session.quiz_id, session_id=session.id)
        client.close()
        answer = {
            "submission_id": f"{login}-1",
            "attempt_id": attempt.id,
            "question_id": question.id,
            "question_hash": "",
            "response": question.answer,
            "score": 0.0,
            "points": 2.0,
            "correct": False,
        }
        calls.append((token, {"args": {"answer": answer}}))
    replies = run_coroutine(_burst(service_url(hub), calls))
    errors = [(code, body) for code, body in replies if code != 200 or body != {"result": True}]
    assert errors == []
    frame = hub_store.session_answers_frame(session.id)
    assert len(frame) == LOAD_CADRES  # none lost, none twice
    assert frame["correct"].all()


@pytest.fixture(scope="module")
def kernel_cadre(hub: RunningHub, hub_store: Store) -> Iterator[tuple[str, str]]:
    """A cadre of our own (account, roster entry), signed in with a changed password and with a
    running server; yields (login, token). Their OS user is removed afterwards."""
    login = f"qks{secrets.token_hex(2)}"
    (issued,) = issue(hub.hub_dir / ACCOUNTS_FILE, [Person(login, "赵六", "城关镇")])
    hub_store.upsert_cadre(CadreRecord(id=f"K{login}", name="赵六", unit="城关镇", login=login))
    new = "新密码-" + secrets.token_hex(4)
    try:
        with requests.Session() as browser:
            browser.get(hub.url + "/hub/login", timeout=60)
            form = {"username": login, "password": issued.password}
            browser.post(
                hub.url + "/hub/login", data={**form, "_xsrf": browser.cookies["_xsrf"]}, timeout=60
            )
            changed = browser.post(
                hub.url + "/hub/change-password",
                data={
                    "current_password": issued.password,
                    "new_password": new,
                    "confirm_password": new,
                    "_xsrf": browser.cookies["_xsrf"],
                },
                timeout=120,
                allow_redirects=False,
            )
            assert changed.status_code == 302, (changed.status_code, changed.text[:300])
        token = hub.token(login, new)
        started = hub.api("POST", f"/hub/api/users/{login}/server", token)
        assert started.status_code in (201, 202), started.text
        deadline = time.monotonic() + 180
        while (
            not hub.api("GET", f"/hub/api/users/{login}", token)
            .json()["servers"]
            .get("", {})
            .get("ready")
        ):
            assert time.monotonic() < deadline, hub.log_tail()
            time.sleep(1)
        yield login, token
    finally:
        hub.api("DELETE", f"/hub/api/users/{login}/server", hub.token(login, new))
        time.sleep(2)
        if is_ours(login, DEFAULT_GROUP):
            subprocess.run(["userdel", "-r", login], capture_output=True, check=False)


def test_a_cadres_kernel_uses_the_service_and_holds_no_key_or_database_secret(
    hub: RunningHub, hub_store: Store, hub_bank: Bank, kernel_cadre: tuple[str, str]
) -> None:
    session = new_exam(hub_store, hub_bank, duration_minutes=30)
    login, token = kernel_cadre
    explanations = [hub_bank.question(q).explanation for q in paper_of(hub_bank)]
    # the deployment's folders (project, hub, homes, user venv) and every process's environment
    # and command line; other copies someone leaves on the machine (a bank in /tmp) are not its own
    roots = json.dumps([str(hub.hub_dir.parent)])
    url = make_url(hub.db_url)
    database = {"host": url.host, "port": url.port, "dbname": url.database, "user": url.username}
    code = PROBE.format(
        database=json.dumps(database),
        code=session.code,
        secrets=json.dumps(
            [
                base64.b64encode(t.encode()).decode()
                for t in [hub.db_url.split("?")[0], *explanations]
            ]
        ),
        roots=roots,
    )
    seen = json.loads(run_in_kernel(hub, login, token, code).strip().splitlines()[-1])
    assert seen["backend"] == "ServiceBackend"
    assert seen["login"] == login
    assert seen["attempt_kind"] == "exam"
    assert seen["shown"] == paper_of(hub_bank)
    assert seen["found"] == []
    assert seen["database_opened"] == []  # no way to write a score straight into the database


PROBE = """
import json, os
from pathlib import Path
from quizkit.project import Project
from quizkit.sessions import find_session

encoded = json.loads({secrets!r})  # base64, so this cell's own text holds no secret
backend = Project.open(Path.home()).backend()
me = backend.whoami()
session = find_session(backend, {code!r})
attempt = backend.start_attempt(me["cadre"]["id"], quiz_id=session.quiz_id, session_id=session.id)
shown = backend.paper_questions(attempt.id)
replies = [json.dumps(shown), json.dumps(backend.call("attempt_paper", attempt_id=attempt.id)),
           json.dumps(backend.call("answers_for_attempt", attempt_id=attempt.id)),
           json.dumps(backend.call("get_session_row", session_id=session.id))]
import gc  # the Python namespace: every string held by any container in this kernel
objects = gc.get_objects()
held = []
for obj in objects:
    if obj is held or obj is objects:
        continue
    if isinstance(obj, dict):
        held.extend(v for v in obj.values() if isinstance(v, str) and len(v) > 20)
    elif isinstance(obj, (list, tuple)):
        held.extend(v for v in obj if isinstance(v, str) and len(v) > 20)
namespace = "\\n".join(held)
import base64
secrets = [base64.b64decode(item).decode("utf-8") for item in encoded]
found = []
places = [("environ", dict(os.environ)), ("the kernel's objects", namespace)]
for pid in os.listdir("/proc"):
    if pid.isdigit():
        for part in ("environ", "cmdline"):
            try:
                text = Path(f"/proc/{{pid}}/{{part}}").read_bytes().decode("utf-8", "replace")
                places.append((f"/proc/{{pid}}/{{part}}", text))
            except OSError:
                pass
for root in json.loads({roots!r}):
    for folder, _dirs, files in os.walk(root):
        for name in files:
            try:
                text = Path(folder, name).read_bytes()[:2_000_000].decode("utf-8", "replace")
                places.append((str(Path(folder, name)), text))
            except OSError:
                pass
for where, place in [*(("reply", r) for r in replies), *places]:
    found.extend(f"{{secret[:20]}} in {{where}}" for secret in secrets if secret and secret in str(place))
import psycopg, pwd
database = json.loads({database!r})
me_os = pwd.getpwuid(os.getuid()).pw_name
tries = [dict(database, user=database["user"], password=""),
         dict(database, user="postgres", password=""),
         dict(database, user=me_os, password=""),
         dict(dbname=database["dbname"], user="postgres")]  # the default Unix socket
opened = []
for conninfo in tries:
    try:
        with psycopg.connect(connect_timeout=5, **conninfo) as connection:
            connection.execute("SELECT 1")
            opened.append(conninfo)
    except Exception:
        pass
print(json.dumps({{"backend": type(backend).__name__, "login": me["login"], "database_opened": opened,
                  "shown": [q["question_id"] for q in shown],
                  "attempt_kind": attempt.kind, "found": sorted(set(found))}}))
"""
