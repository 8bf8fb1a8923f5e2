"""The public certificate verify page, as tornado handlers for the grading service (`quizkit serve`).

Mounting (the service owns its app; this module owns the page)::

    from quizkit.certificates.verify_page import store_checker, verify_handlers

    checker = store_checker(store, settings.results_dir)  # the key is read when a code is checked
    app.add_handlers(r".*", verify_handlers(prefix, checker))   # or make_app(extra_handlers=…)

``prefix`` is where the service is served (JUPYTERHUB_SERVICE_PREFIX, e.g. ``/services/quizkit/``);
the ``public_url`` setting must be that address as the public sees it, since certificates print QR codes
to ``<public_url>/verify/<number>/<code>``. The routes:

    GET {prefix}verify                  a form to type a code (?code=… shows the answer)
    GET {prefix}verify/NUMBER/CODE      the answer for a certificate's QR code

The page needs **no login** (whoever holds a certificate checks it) and shows only what
:mod:`quizkit.certificates.public` allows. Store calls run in a worker thread; a failure shows a
Chinese "try again later" page, never a traceback. Responses are not cached and not indexed.
"""

from __future__ import annotations

import functools
import html
from collections.abc import Callable
from pathlib import Path
from typing import Any

from tornado.ioloop import IOLoop
from tornado.web import RequestHandler

from quizkit.certificates.issuing import CertificateStore
from quizkit.certificates.keys import load_key
from quizkit.certificates.links import VERIFY_PATH
from quizkit.certificates.public import PublicCheck, check_public

Checker = Callable[[str, str | None], PublicCheck]
STATUS = {"valid": 200, "unknown": 404, "altered": 409}
_COLOURS = {"valid": "#1a7f37", "unknown": "#9a6700", "altered": "#b8312f"}
_STYLE = (
    "body{font-family:sans-serif;max-width:36em;margin:1.5em auto;padding:0 1em;color:#1d1d1d}"
    "h1{font-size:1.3em}h2{font-size:1.6em}table{border-collapse:collapse;width:100%}"
    "th,td{text-align:left;padding:.4em;border-bottom:1px solid #ddd}th{width:6em;color:#555}"
    "input{font-size:1em;padding:.3em;width:16em}button{font-size:1em;padding:.3em .8em}"
)


def store_checker(store: CertificateStore, key: bytes | Path) -> Checker:
    """The checker the handlers call: ``(code, number or None) -> PublicCheck`` against ``store``.

    ``key``: the signing key, or the results folder to read it from on each check (so the service
    starts before any certificate, and its key, exists; without a key a check fails as 暂时无法核验)."""
    if isinstance(key, bytes):
        return functools.partial(check_public, store, key)
    folder = key

    def check(code: str, number: str | None) -> PublicCheck:
        return check_public(store, load_key(folder, create=False), code, number)

    return check


def render_page(check: PublicCheck | None, form_action: str) -> str:
    """The whole page: the answer (when there is one), then the form to check a code."""
    parts = ["<h1>证书核验</h1>"]
    if check is not None:
        colour = _COLOURS[check.outcome]
        parts.append(
            f'<h2 class="{check.outcome}" style="color:{colour}">{html.escape(check.headline)}</h2>'
        )
        parts.append(f"<p>{html.escape(check.detail)}</p>")
        if check.facts:
            rows = "".join(
                f"<tr><th>{html.escape(label)}</th><td>{html.escape(value)}</td></tr>"
                for label, value in check.facts
            )
            parts.append(f"<table>{rows}</table>")
    parts.append(
        f'<form method="get" action="{html.escape(form_action)}">'
        '<p><label>验证码：<input name="code" autocomplete="off" '
        'placeholder="ABCD-EFGH-JKLM-NPQR"></label> <button type="submit">核验</button></p></form>'
    )
    return (
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>证书核验</title><style>{_STYLE}</style></head><body>{''.join(parts)}</body></html>"
    )


class VerifyPageHandler(RequestHandler):
    """GET only; ``number`` and ``code`` come from the QR link's path, or ``?code=`` from the form."""

    def initialize(self, checker: Checker) -> None:
        self.checker = checker

    @property
    def form_action(self) -> str:
        """The form's own page, wherever the service is mounted: this path without NUMBER/CODE."""
        path = self.request.path
        return path.rsplit("/", 2)[0] if self.path_args else path

    def set_default_headers(self) -> None:
        self.set_header("Content-Type", "text/html; charset=utf-8")
        self.set_header("Cache-Control", "no-store")
        self.set_header("X-Robots-Tag", "noindex")
        self.set_header("Referrer-Policy", "no-referrer")
        self.set_header("X-Content-Type-Options", "nosniff")
        self.set_header(
            "Content-Security-Policy",
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
        )

    async def get(self, number: str | None = None, code: str | None = None) -> None:
        typed = code if code is not None else self.get_query_argument("code", "").strip()
        check = None
        if typed:
            check = await IOLoop.current().run_in_executor(None, self.checker, typed, number)
            self.set_status(STATUS[check.outcome])
        self.finish(render_page(check, self.form_action))

    def write_error(self, status_code: int, **kwargs: Any) -> None:
        notice = PublicCheck("unknown", "暂时无法核验", "核验服务暂时不可用，请稍后再试。")
        if status_code < 500:
            notice = PublicCheck(
                "unknown", "无法打开此页", "请扫描证书上的二维码，或在下面输入验证码。"
            )
        self.finish(render_page(notice, self.form_action))


def verify_handlers(
    prefix: str, checker: Checker
) -> list[tuple[str, type[RequestHandler], dict[str, Any]]]:
    """The two routes under ``prefix`` (e.g. ``/services/quizkit/``), for ``app.add_handlers``."""
    base = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    page = base + VERIFY_PATH
    options = {"checker": checker}
    return [
        (page, VerifyPageHandler, options),
        (page + r"/([^/]+)/([^/]+)", VerifyPageHandler, options),
    ]


__all__ = ["STATUS", "VerifyPageHandler", "render_page", "store_checker", "verify_handlers"]
