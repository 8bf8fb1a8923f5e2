"""One live view per kind in a kernel: running a cell again closes the view it showed before.

Otherwise an invisible exam would keep its clock ticking and an invisible dashboard would keep
reading the store every few seconds (the quizzes do the same, see ``quizkit.widgets.api``).
"""

from __future__ import annotations

from typing import Protocol


class Closable(Protocol):
    def close_view(self) -> None: ...


_SHOWN: dict[str, Closable] = {}


def replace_earlier(key: str, view: Closable) -> None:
    earlier = _SHOWN.get(key)
    if earlier is not None and earlier is not view:
        earlier.close_view()
    _SHOWN[key] = view


__all__ = ["Closable", "replace_earlier"]
