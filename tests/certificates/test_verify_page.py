"""The public verify page served by tornado on loopback, fetched over HTTP as a phone would after
scanning a certificate: known, unknown and altered codes, the form, and no traceback on failure."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest
from tornado.httpclient import AsyncHTTPClient, HTTPResponse
from tornado.httpserver import HTTPServer
from tornado.netutil import bind_sockets
from tornado.web import Application

from quizkit.certificates.issuing import Certificate, issue_certificates
from quizkit.certificates.keys import load_key
from quizkit.certificates.links import with_verify_links
from quizkit.certificates.public import PublicCheck
from quizkit.certificates.verify_page import Checker, store_checker, verify_handlers
from quizkit.service.app import close_app, make_app
from tests.event_loop import run_coroutine
from tests.export.conftest import Project

PREFIX = "/services/quizkit/"


def fetch(checker: Checker, *paths: str) -> list[HTTPResponse]:
    """GET each path from a real server on 127.0.0.1 that mounts only the verify handlers."""
    return fetch_from(Application(verify_handlers(PREFIX, checker)), *paths)


def fetch_from(app: Application, *paths: str) -> list[HTTPResponse]:
    """GET each path from ``app`` served on 127.0.0.1 (a free port)."""

    async def run() -> list[HTTPResponse]:
        sockets = bind_sockets(0, "127.0.0.1")
        server = HTTPServer(app)
        server.add_sockets(sockets)
        port = sockets[0].getsockname()[1]
        client = AsyncHTTPClient()
        try:
            return [
                await client.fetch(f"http://127.0.0.1:{port}{path}", raise_error=False)
                for path in paths
            ]
        finally:
            server.stop()
            await server.close_all_connections()

    return run_coroutine(run())


def body(response: HTTPResponse) -> str:
    assert response.headers["Content-Type"] == "text/html; charset=utf-8"
    assert response.headers["Cache-Control"] == "no-store"
    return response.body.decode("utf-8")


@pytest.fixture
def issued(project: Project) -> Iterator[tuple[Checker, list[Certificate]]]:
    key = load_key(project.settings.results_dir)
    certs = issue_certificates(project.store, project.reports(), key)  # type: ignore[arg-type]
    yield store_checker(project.store, key), with_verify_links(certs, "http://h" + PREFIX)


def path_of(cert: Certificate) -> str:
    assert cert.verify_url is not None
    return cert.verify_url.removeprefix("http://h")


def test_a_scanned_genuine_certificate(issued: tuple[Checker, list[Certificate]]) -> None:
    checker, certs = issued
    cert = next(c for c in certs if c.cadre_id == "c01")
    (response,) = fetch(checker, path_of(cert))
    page = body(response)
    assert response.code == 200
    assert "证书有效" in page and 'lang="zh-CN"' in page
    for shown in (cert.number, "张伟", "城关镇", cert.course, "优秀", "发证日期"):
        assert shown in page, shown
    for hidden in (cert.cadre_id, cert.position, "95", cert.issuing_body):
        assert hidden not in page, hidden


def test_unknown_and_altered_codes_are_said_plainly(
    issued: tuple[Checker, list[Certificate]],
) -> None:
    checker, certs = issued
    cert = next(c for c in certs if c.cadre_id == "c02")
    changed = cert.code[:-1] + ("A" if cert.code[-1] != "A" else "B")
    altered, unknown, malformed, typed = fetch(
        checker,
        f"{PREFIX}verify/{cert.number}/{changed}",
        f"{PREFIX}verify?code={changed}",
        f"{PREFIX}verify/{cert.number}/%3Cscript%3E",
        f"{PREFIX}verify?code={cert.code.lower()}",
    )
    assert altered.code == 409 and "验证码被改动" in body(altered)
    assert "二维码或验证码被改动或抄错" in body(altered) and cert.name not in body(altered)
    assert unknown.code == 404 and "查无此证" in body(unknown)
    assert malformed.code == 404 and "<script>" not in body(malformed)
    assert "&lt;script&gt;" in body(malformed)
    assert typed.code == 200 and cert.name in body(typed)


def test_an_altered_record_is_said_plainly(
    project: Project, issued: tuple[Checker, list[Certificate]]
) -> None:
    checker, certs = issued
    cert = next(c for c in certs if c.cadre_id == "c06")
    with sqlite3.connect(project.root / "results" / "quizkit.db") as conn:
        (payload,) = conn.execute(
            "SELECT payload FROM certificates WHERE number = ?", (cert.number,)
        ).fetchone()
        forged = {**json.loads(payload), "course": "另一门课程"}
        conn.execute(
            "UPDATE certificates SET payload = ? WHERE number = ?",
            (json.dumps(forged, ensure_ascii=False), cert.number),
        )
    (response,) = fetch(checker, path_of(cert))
    assert response.code == 409
    assert "证书记录已被改动" in body(response) and "另一门课程" not in body(response)


def test_the_form_and_a_failing_store(issued: tuple[Checker, list[Certificate]]) -> None:
    checker, _ = issued

    def broken(code: str, number: str | None) -> PublicCheck:
        raise RuntimeError("the database is down")

    (form,) = fetch(checker, f"{PREFIX}verify")
    assert form.code == 200 and f'action="{PREFIX}verify"' in body(form)
    assert "证书有效" not in body(form)
    (failed,) = fetch(broken, f"{PREFIX}verify?code=ABCD-EFGH-JKLM-NPQR")
    assert failed.code == 500
    assert "暂时无法核验" in body(failed) and "Traceback" not in body(failed)
    assert "database is down" not in body(failed)


def test_routes_sit_under_the_prefix() -> None:
    def never(*_: Any) -> PublicCheck:
        raise AssertionError("not called")

    routes = [pattern for pattern, *_ in verify_handlers("services/quizkit", never)]
    assert routes == [f"{PREFIX}verify", f"{PREFIX}verify" + r"/([^/]+)/([^/]+)"]
    assert next(pattern for pattern, *_ in verify_handlers("", never)) == "/verify"


def test_mounted_in_the_grading_service_under_its_prefix(
    project: Project, tmp_path: Path, issued: tuple[Checker, list[Certificate]]
) -> None:
    """As `quizkit serve` mounts it: the service's app, the key read from the results folder on use."""
    _, certs = issued
    cert = next(c for c in certs if c.cadre_id == "c01")
    checker = store_checker(project.store, project.settings.results_dir)
    keyless = store_checker(project.store, tmp_path)  # a service started before any key existed

    def app(chosen: Checker) -> Application:
        # the API's desk and callers are not reached by the verify page: stand-ins for them
        desk: Any = SimpleNamespace(store=project.store)
        callers: Any = object()
        return make_app(desk, callers, prefix=PREFIX, extra_handlers=verify_handlers("", chosen))

    served, served_keyless = app(checker), app(keyless)
    try:
        scanned, form = fetch_from(served, path_of(cert), f"{PREFIX}verify")
        (failed,) = fetch_from(served_keyless, path_of(cert))
    finally:
        close_app(served)
        close_app(served_keyless)
    assert scanned.code == 200 and "证书有效" in body(scanned)
    assert f'action="{PREFIX}verify"' in body(scanned) and f'action="{PREFIX}verify"' in body(form)
    assert failed.code == 500 and "暂时无法核验" in body(failed)
