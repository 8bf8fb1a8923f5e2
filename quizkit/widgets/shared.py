"""Layout and style models shared by the widgets that never change them.

Every ipywidget brings its own Layout and Style model unless given one, and the browser builds each
model one by one: a five-question quiz had 148 models, most of them identical defaults. Widgets whose
layout or style is never changed (prompts, option lists, feedback slots, buttons) share one instance
per kernel instead. A widget that is hidden or resized gets its own Layout (``full_width()``).
"""

from __future__ import annotations

from collections.abc import Callable

import ipywidgets as w
from ipywidgets.widgets.widget_bool import CheckboxStyle
from ipywidgets.widgets.widget_description import DescriptionStyle
from ipywidgets.widgets.widget_string import HTMLStyle

_SHARED: dict[str, w.Widget] = {}


def _shared(name: str, factory: Callable[[], w.Widget]) -> w.Widget:
    """The kernel's one model of this kind (made again if something closed it)."""
    model = _SHARED.get(name)
    if model is None or model.comm is None:
        model = _SHARED[name] = factory()
    return model


def fixed_width() -> w.Layout:
    """Full width, never hidden or resized."""
    layout: w.Layout = _shared("layout", lambda: w.Layout(width="100%"))
    return layout


def html_style() -> HTMLStyle:
    style: HTMLStyle = _shared("html", HTMLStyle)
    return style


def button_style() -> w.ButtonStyle:
    style: w.ButtonStyle = _shared("button", w.ButtonStyle)
    return style


def checkbox_style() -> CheckboxStyle:
    style: CheckboxStyle = _shared("checkbox", CheckboxStyle)
    return style


def description_style() -> DescriptionStyle:
    style: DescriptionStyle = _shared("description", DescriptionStyle)
    return style


def is_shared(model: w.Widget) -> bool:
    """Shared models outlive any one quiz: closing a quiz must leave them open."""
    return any(model is shared for shared in _SHARED.values())


__all__ = [
    "button_style",
    "checkbox_style",
    "description_style",
    "fixed_width",
    "html_style",
    "is_shared",
]
