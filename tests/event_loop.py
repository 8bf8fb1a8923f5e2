"""Run a coroutine to completion from a test, whatever loop the test's thread already runs.

The session's sync Playwright (tests/conftest.py) keeps an asyncio loop running in the main thread once a
browser test has started it, and ``asyncio.run`` refuses to start a second loop there. A fresh thread has no
loop, so the coroutine gets its own.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_coroutine(coroutine: Coroutine[Any, Any, T]) -> T:
    """``asyncio.run(coroutine)`` in a thread of its own; returns its result or raises its error."""
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(asyncio.run, coroutine).result()
