"""A real JupyterHub for tests: `quizkit hub init` output started with `quizkit hub start`.

``running_hub`` (session scope) gives a hub behind configurable-http-proxy on loopback, with the
results store in a throwaway PostgreSQL schema, a copy of the project (question bank, certificate
key), two cadres and a trainer with accounts (initial passwords in ``RunningHub.initial``), and
LocalProcessSpawner making each cadre's OS user on first start (homes under the test folder). The
grading service (`quizkit serve`) is registered when the CLI has it. Everything is removed
afterwards: the hub stopped, the OS users deleted (``userdel -r``), the schema dropped.

Cadres' servers must run with a Python any user can run; this machine's venv may come from a Python
under root's 0700 home, and the checkout may lie below a folder others cannot enter, so the fixture
makes a venv from /usr/bin/python3 holding hard links to the project venv's packages, Jupyter data and
config, and to this checkout's quizkit (a ``.pth`` file puts them on the path).

Needs: root (OS users), jupyterhub, configurable-http-proxy (npm), PostgreSQL, useradd/runuser and
/usr/bin/python3 of the same minor version. Missing parts skip with what to install (fail under CI).
"""

from __future__ import annotations

import importlib.util
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import requests

from quizkit.certificates.keys import load_key
from quizkit.hub.accounts import Person, issue
from quizkit.hub.layout import ACCOUNTS_FILE
from quizkit.hub.osusers import DEFAULT_GROUP, is_ours
from quizkit.project import Project
from quizkit.records import CadreRecord
from tests.conftest import PROJECT, require_system_part
from tests.databases import PgServer

VENV_BIN = Path(sys.executable).parent
SYSTEM_PYTHON = Path("/usr/bin/python3")
READY_SECONDS = 90


@dataclass
class RunningHub:
    url: str
    hub_dir: Path
    project: Path
    home_root: Path
    db_url: str
    cadres: tuple[str, ...]
    trainer: str
    waiting: str  # a cadre who never changes the initial password
    initial: dict[str, str]
    log: Path
    with_service: bool
    names: dict[str, str] = field(default_factory=dict)
    changed: dict[str, str] = field(default_factory=dict)  # passwords changed by a test, by login

    def password(self, login: str) -> str:
        """The person's password now: the one a test changed it to, else the printed one."""
        return self.changed.get(login, self.initial[login])

    def api(self, method: str, path: str, token: str | None = None, **kw: Any) -> Any:
        headers = {"Authorization": f"token {token}"} if token else {}
        return requests.request(method, self.url + path, headers=headers, timeout=60, **kw)

    def token(self, login: str, password: str) -> str:
        """A hub API token, asked for with the login and password (as a script would)."""
        answer = self.api(
            "POST",
            f"/hub/api/users/{login}/tokens",
            json={"auth": {"username": login, "password": password}, "expires_in": 3600},
        )
        assert answer.status_code in (200, 201), (answer.status_code, answer.text)
        return str(answer.json()["token"])

    def log_tail(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")[-4000:]


def _free_ports(count: int) -> list[int]:
    sockets = []
    for _ in range(count):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        sockets.append(s)
    ports = [s.getsockname()[1] for s in sockets]
    for s in sockets:
        s.close()
    return ports


def require_hub_parts() -> None:
    require_system_part(
        importlib.util.find_spec("jupyterhub") is not None, "JupyterHub", "jupyterhub (pip)"
    )
    require_system_part(
        shutil.which("configurable-http-proxy") is not None,
        "configurable-http-proxy",
        "it with npm: npm install -g configurable-http-proxy@5.3.0",
    )
    require_system_part(
        hasattr(os, "geteuid") and os.geteuid() == 0,
        "root (the hub creates one OS user per cadre)",
        "nothing: run the hub tests as root",
    )
    require_system_part(
        all(shutil.which(t, path="/usr/sbin:/usr/bin:/sbin:/bin") for t in ("useradd", "runuser")),
        "useradd and runuser",
        "passwd and util-linux (apt)",
    )
    require_system_part(SYSTEM_PYTHON.exists(), str(SYSTEM_PYTHON), "python3 python3-venv (apt)")


def _link_or_copy(source: str, target: str) -> None:
    try:
        os.link(source, target)
    except OSError:  # another file system
        shutil.copy2(source, target)


def user_python(base: Path) -> Path:
    """A venv from /usr/bin/python3 that every user can run, holding this venv's packages and this
    checkout's quizkit as hard links under ``base`` (the checkout itself may sit below a folder
    other users cannot enter, such as root's home)."""
    minor = subprocess.run(
        [str(SYSTEM_PYTHON), "-c", "import sys; print(sys.version_info[:2])"],
        capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    require_system_part(
        minor == str(sys.version_info[:2]),
        f"{SYSTEM_PYTHON} of Python {sys.version_info[0]}.{sys.version_info[1]}",
        "the same Python minor version as the project venv",
    )
    venv = base / "user-venv"
    subprocess.run([str(SYSTEM_PYTHON), "-m", "venv", "--without-pip", str(venv)], check=True)
    packages, source = base / "packages", base / "source"
    editable = shutil.ignore_patterns("__editable__*")  # it points into the checkout
    shutil.copytree(
        sysconfig.get_paths()["purelib"], packages, copy_function=_link_or_copy, ignore=editable
    )
    shutil.copytree(PROJECT / "quizkit", source / "quizkit", copy_function=_link_or_copy)
    found = next((venv / "lib").glob("python3*/site-packages"))
    (found / "quizkit-test-venv.pth").write_text(
        f"import sys; sys.path.insert(0, {str(source)!r})\n"
        f"import site; site.addsitedir({str(packages)!r})\n",
        encoding="utf-8",
    )
    for part in ("share/jupyter", "etc/jupyter"):
        if (Path(sys.prefix) / part).exists():
            shutil.copytree(Path(sys.prefix) / part, venv / part, copy_function=_link_or_copy)
    return venv / "bin" / "python3"


def _project(base: Path, db_url: str, logins: dict[str, tuple[str, str]]) -> Path:
    project = base / "project"
    project.mkdir()
    (project / "pyproject.toml").write_text(
        '[tool.quizkit]\nbank = "question_bank"\nresults = "results"\n', encoding="utf-8"
    )
    shutil.copytree(PROJECT / "question_bank", project / "question_bank")
    courses = shutil.copytree(PROJECT / "courses", project / "courses")  # linked into each home
    for part in [courses, *courses.rglob("*")]:
        part.chmod(part.stat().st_mode & ~0o022)  # shared: nobody but root may change it
    load_key(project / "results")
    store = Project.open(project, db_url=db_url).store()
    try:
        for number, (login, (name, unit)) in enumerate(logins.items(), start=1):
            store.upsert_cadre(CadreRecord(id=f"T{number:03d}", name=name, unit=unit, login=login))
    finally:
        store.close()
    return project


def _quizkit(*args: str, cwd: Path, env: dict[str, str] | None = None) -> str:
    done = subprocess.run(
        [str(VENV_BIN / "quizkit"), *args], cwd=cwd, capture_output=True, text=True,
        timeout=120, check=False, env=env,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    return done.stdout


def _wait_ready(hub: RunningHub, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the hub exited ({process.returncode}):\n{hub.log_tail()}")
        try:
            if requests.get(hub.url + "/hub/api/", timeout=5).status_code == 200:
                return
        except requests.ConnectionError:
            pass
        time.sleep(0.5)
    pytest.fail(f"the hub did not answer within {READY_SECONDS} s:\n{hub.log_tail()}")


def _remove_users(logins: list[str]) -> None:
    for login in logins:
        if is_ours(login, DEFAULT_GROUP):
            subprocess.run(["userdel", "-r", login], capture_output=True, check=False)


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait(timeout=10)


@contextmanager
def started_hub() -> Iterator[RunningHub]:
    """A hub as described above, stopped and cleaned up when the block ends (benchmarks use it too)."""
    require_hub_parts()
    try:
        server = PgServer.start()
    except RuntimeError as error:
        require_system_part(False, f"PostgreSQL ({error})", "postgresql (apt)")
        raise
    schema, db_url = server.fresh_schema()
    base = Path(tempfile.mkdtemp(prefix="quizkit-hub-"))
    # the cadres' venv (hard links to ~900 MB of packages) apart from the hub's files, so a test that
    # searches everything a cadre can read below the hub's folder does not wade through libraries
    software = Path(tempfile.mkdtemp(prefix="quizkit-hub-venv-"))
    software.chmod(0o755)
    base.chmod(0o755)  # cadres must reach their homes and the user venv below it
    tag = secrets.token_hex(2)
    people = {
        f"qk{tag}a": ("张三", "城关镇"),
        f"qk{tag}b": ("李四", "河口乡"),
        f"qk{tag}w": ("王五", "河口乡"),
    }
    trainer = f"qk{tag}t"
    everyone = [*people, trainer]
    process: subprocess.Popen[bytes] | None = None
    try:
        project = _project(base, db_url, people)
        python = user_python(software)
        hub_dir = base / "hub"
        port, hub_port, api_port, service_port = _free_ports(4)
        with_service = importlib.util.find_spec("quizkit.cli.serve_commands") is not None
        _quizkit(
            "--db-url", db_url, "hub", "init", str(hub_dir),
            "--bind-url", f"http://127.0.0.1:{port}", "--hub-port", str(hub_port),
            "--proxy-api-port", str(api_port), "--service-port", str(service_port),
            "--user-python", str(python), "--home-root", str(base / "home"),
            *([] if with_service else ["--no-service"]),
            cwd=project,
        )  # fmt: skip
        accounts = hub_dir / ACCOUNTS_FILE
        issued = issue(accounts, [Person(login, *who) for login, who in people.items()])
        issued += issue(accounts, [Person(trainer, "赵老师", "县司法局", "trainer")])
        hub = RunningHub(
            url=f"http://127.0.0.1:{port}",
            hub_dir=hub_dir,
            project=project,
            home_root=base / "home",
            db_url=db_url,
            cadres=tuple(list(people)[:2]),
            trainer=trainer,
            waiting=list(people)[2],
            initial={i.person.login: i.password for i in issued},
            log=base / "hub.log",
            with_service=with_service,
            names={login: who[0] for login, who in people.items()},
        )
        env = {k: v for k, v in os.environ.items() if k != "QUIZKIT_TEST_PG_URL"}
        hub.log.touch(mode=0o600)  # the hub's log is not for cadres
        with hub.log.open("wb") as log:
            process = subprocess.Popen(
                [str(VENV_BIN / "quizkit"), "hub", "start", str(hub_dir)],
                stdout=log, stderr=subprocess.STDOUT, env=env, start_new_session=True,
            )  # fmt: skip
        _wait_ready(hub, process)
        yield hub
    finally:
        if process is not None:
            _stop(process)
        _remove_users(everyone)
        shutil.rmtree(base, ignore_errors=True)
        shutil.rmtree(software, ignore_errors=True)
        server.drop_schema(schema)
        server.stop()


_SHARED: dict[str, Any] = {}


@contextmanager
def shared_hub() -> Iterator[RunningHub]:
    """One hub per test run however many modules ask for it: a module that imports the
    ``running_hub`` fixture gets a fixture of its own (pytest keys fixtures by where they are
    defined), so the hub is counted and stopped when its last user is done."""
    if not _SHARED:
        stack = ExitStack()
        _SHARED.update(hub=stack.enter_context(started_hub()), stack=stack, users=0)
    _SHARED["users"] += 1
    try:
        yield _SHARED["hub"]
    finally:
        _SHARED["users"] -= 1
        if _SHARED["users"] == 0:
            stack = _SHARED["stack"]
            _SHARED.clear()
            stack.close()


@pytest.fixture(scope="session")
def running_hub() -> Iterator[RunningHub]:
    with shared_hub() as hub:
        yield hub


@pytest.fixture(scope="session")
def hub_browser(playwright: Any) -> Iterator[Any]:
    """Debian's Chromium, headless, on the run's one Playwright (tests/conftest.py)."""
    from tests.widgets.jupyter_harness import launch_chromium

    browser = launch_chromium(playwright)
    try:
        yield browser
    finally:
        browser.close()


@dataclass
class SignIn:
    """What one person saw signing in for the first time through the login page."""

    login: str
    password: str  # the new one
    after_login: str  # URL the login form led to
    refused_change: str  # the message when the two new passwords differed
    final: str  # URL after the change (the person's own server)


def first_sign_in(browser: Any, hub: RunningHub, login: str) -> SignIn:
    """Log in with the printed password, try a mismatched change, then change it properly."""
    context = browser.new_context(locale="zh-CN")
    try:
        page = context.new_page()
        page.goto(hub.url + "/hub/login")
        page.fill("#username_input", login)
        page.fill("#password_input", hub.initial[login])
        page.click("#login_submit")
        page.wait_for_url("**/hub/change-password", timeout=30_000)
        after_login = page.url
        new = "新密码-" + secrets.token_hex(4)
        page.fill("#current_password", hub.initial[login])
        page.fill("#new_password", new)
        page.fill("#confirm_password", new + "x")
        page.click("#change_password_submit")
        refused = page.locator("#quizkit-password-error").inner_text(timeout=30_000)
        page.fill("#current_password", hub.initial[login])
        page.fill("#new_password", new)
        page.fill("#confirm_password", new)
        page.click("#change_password_submit")
        page.wait_for_url(f"**/user/{login}/**", timeout=180_000, wait_until="commit")
        hub.changed[login] = new
        return SignIn(login, new, after_login, refused, page.url)
    finally:
        context.close()


@pytest.fixture(scope="session")
def signed_in(running_hub: RunningHub, hub_browser: Any) -> dict[str, SignIn]:
    """Both cadres and the trainer signed in once through the browser (their servers now run)."""
    people = [*running_hub.cadres, running_hub.trainer]
    return {login: first_sign_in(hub_browser, running_hub, login) for login in people}


def run_in_kernel(hub: RunningHub, login: str, token: str, code: str) -> str:
    """Start a kernel on the person's server, run ``code`` there, return what it printed."""
    import json
    import uuid

    import websocket  # websocket-client

    started = hub.api("POST", f"/user/{login}/api/kernels", token, json={"name": "python3"})
    assert started.status_code in (200, 201), (started.status_code, started.text)
    kernel = started.json()["id"]
    url = hub.url.replace("http://", "ws://") + f"/user/{login}/api/kernels/{kernel}/channels"
    connection = websocket.create_connection(
        url, header=[f"Authorization: token {token}"], timeout=120
    )
    msg_id = uuid.uuid4().hex
    request = {
        "header": {"msg_id": msg_id, "username": login, "session": uuid.uuid4().hex,
                   "msg_type": "execute_request", "version": "5.3"},
        "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
        "content": {"code": code, "silent": False, "store_history": False,
                    "user_expressions": {}, "allow_stdin": False, "stop_on_error": True},
    }  # fmt: skip
    printed: list[str] = []
    try:
        connection.send(json.dumps(request))
        while True:
            message = json.loads(connection.recv())
            if message.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = message["msg_type"], message["content"]
            if kind == "stream":
                printed.append(content["text"])
            elif kind == "error":
                raise AssertionError("\n".join(content["traceback"]))
            elif kind == "status" and content["execution_state"] == "idle":
                break
    finally:
        connection.close()
        hub.api("DELETE", f"/user/{login}/api/kernels/{kernel}", token)
    return "".join(printed)
