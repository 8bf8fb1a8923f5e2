"""The page a kernel serves in app mode (Voilà): which notebook it is and what its link asked for.

App mode (docs/app-mode.md) runs :func:`open_page` before the notebook's own cells. In a preheated
kernel, started and warmed before any cadre asked for the page, it blocks until a request claims the
kernel; so everything the notebook's cells do after it — who is answering, which lesson the page is,
the join code in the link — comes from that request, never from the moment the kernel was warmed. In
a kernel started for the request (no warm kernel left, or JupyterHub) the request is already known and
nothing waits.

The kernel learns the request from the CGI-style variables Voilà sets (``SCRIPT_NAME``,
``QUERY_STRING``); outside app mode they are absent and every function here is a no-op.
"""

from __future__ import annotations

import os
from urllib.parse import parse_qs, unquote

from quizkit.errors import QuizkitError
from quizkit.learner.context import SESSION_VARIABLE, learner_context

RENDER_PATH = "/voila/render/"
PREHEAT_VARIABLE = "VOILA_PREHEAT"


def page_notebook() -> str | None:
    """The notebook of this page, relative to the served folder (``exam/exam.ipynb``), or None."""
    script = os.environ.get("SCRIPT_NAME", "")
    if RENDER_PATH not in script:
        return None
    return unquote(script.split(RENDER_PATH, 1)[1]) or None


def page_query(name: str) -> str | None:
    """One value of the page link's query (``?code=K7Q2`` → ``page_query("code") == "K7Q2"``)."""
    values = parse_qs(os.environ.get("QUERY_STRING", "")).get(name)
    value = values[0].strip() if values else ""
    return value or None


def preheated() -> bool:
    """This kernel was started before its page was asked for (Voilà's kernel pool)."""
    return os.environ.get(PREHEAT_VARIABLE) == "True"


def warm_up() -> None:
    """What every page needs first, done while the kernel waits: the views are imported (this
    module's package), the bank read (on a hub the grading service holds it), the store opened.
    Who answers is not looked at here."""
    context = learner_context()
    try:
        context.store()
        context.catalogue()  # loads and caches the kernel's bank, unless the service holds it
    except (QuizkitError, OSError):
        pass  # the page's own cells say what is wrong, in Chinese, when they run


def wait_for_request() -> None:
    """Block a preheated kernel until a cadre's request claims it; then the request's variables
    (``SCRIPT_NAME``, ``QUERY_STRING``) are in ``os.environ``."""
    if not preheated():
        return
    from voila.utils import wait_for_request as voila_wait  # type: ignore[import-untyped]

    voila_wait()
    os.environ[PREHEAT_VARIABLE] = "False"  # claimed: a second call must not wait again


def open_page() -> None:
    """The first cell of every app-mode page: warm up, wait for the request, then record which
    notebook this is, so quizzes without a named lesson (综合自测) are tied to their lesson."""
    warm_up()
    wait_for_request()
    notebook = page_notebook()
    if notebook:
        os.environ[SESSION_VARIABLE] = notebook


__all__ = [
    "PREHEAT_VARIABLE",
    "RENDER_PATH",
    "open_page",
    "page_notebook",
    "page_query",
    "preheated",
    "wait_for_request",
    "warm_up",
]
