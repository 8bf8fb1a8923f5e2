"""The grading service under test: a real store (SQLite, and PostgreSQL where marked), the small
session bank, the tornado app on a loopback port in a thread, and clients with their own tokens.

Unit tests identify callers with ``StaticCallers`` (a token table) instead of the hub; the hub
tests (tests/service/test_hub.py) use a real JupyterHub.
"""

from __future__ import annotations

import asyncio
import socket
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import requests

from quizkit.bank import Bank
from quizkit.grading import ScoringRules
from quizkit.learner.pending import PendingQueue
from quizkit.service.app import close_app, make_app
from quizkit.service.callers import StaticCallers
from quizkit.service.desk import Caller, Desk
from quizkit.service_client import ServiceBackend
from quizkit.store import Store, open_store
from tests.sessions.factories import add_cadres, session_bank
from tests.store.conftest import db_url, pg_server  # noqa: F401  (fixtures: SQLite + PostgreSQL)

TOKENS = {
    "token-c001": Caller("c001"),
    "token-c002": Caller("c002"),
    "token-trainer": Caller("trainer", trainer=True),
    "token-newbie": Caller("newbie"),
}


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class RunningService:
    """The service in a thread: its URL and desk; ``client(token)`` makes a kernel's backend."""

    url: str
    desk: Desk
    app: Any

    def client(self, token: str) -> ServiceBackend:
        return ServiceBackend(self.url, token)

    def post(self, method: str, token: str | None, args: dict[str, Any]) -> requests.Response:
        headers = {"Authorization": f"token {token}"} if token else {}
        return requests.post(
            f"{self.url}api/v1/{method}", json={"args": args}, headers=headers, timeout=30
        )


class ServiceThread:
    """Runs the app on its own event loop in a daemon thread; ``stop()`` waits for it."""

    def __init__(self, desk: Desk, port: int) -> None:
        self.desk, self.port = desk, port
        self.ready = threading.Event()
        self.loop: asyncio.AbstractEventLoop | None = None
        self.stopped: asyncio.Event | None = None
        self.app: Any = None
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        asyncio.run(self._serve())

    async def _serve(self) -> None:
        self.loop = asyncio.get_running_loop()
        self.stopped = asyncio.Event()
        self.app = make_app(self.desk, StaticCallers(TOKENS), prefix="/services/quizkit/")
        server = self.app.listen(self.port, address="127.0.0.1")
        self.ready.set()
        await self.stopped.wait()
        server.stop()
        await server.close_all_connections()
        close_app(self.app)

    def start(self) -> None:
        self.thread.start()
        if not self.ready.wait(30):
            raise RuntimeError("the service did not start")

    def stop(self) -> None:
        if self.loop is not None and self.stopped is not None:
            self.loop.call_soon_threadsafe(self.stopped.set)
        self.thread.join(30)


@pytest.fixture
def bank(tmp_path: Path) -> Bank:
    return session_bank(tmp_path)


@pytest.fixture
def store(db_url: str) -> Iterator[Store]:  # noqa: F811
    opened = open_store(db_url)
    add_cadres(opened, 2)
    try:
        yield opened
    finally:
        opened.close()


@pytest.fixture(autouse=True)
def fresh_pending_queues() -> Iterator[None]:
    PendingQueue._shared.clear()
    yield
    PendingQueue._shared.clear()


@pytest.fixture
def start_service() -> Iterator[Callable[[Store, Bank], RunningService]]:
    threads: list[ServiceThread] = []

    def start(store: Store, bank: Bank, **desk_options: Any) -> RunningService:
        desk = Desk(store, bank, ScoringRules(), **desk_options)
        thread = ServiceThread(desk, free_port())
        thread.start()
        threads.append(thread)
        return RunningService(f"http://127.0.0.1:{thread.port}/services/quizkit/", desk, thread.app)

    yield start
    for thread in threads:
        thread.stop()


@pytest.fixture
def service(
    start_service: Callable[..., RunningService], store: Store, bank: Bank
) -> RunningService:
    return start_service(store, bank)
