"""The lessons' one stylesheet (``static/lessons.css``), brought into the page by an invisible anywidget.

anywidget puts a widget class's ``_css`` into the page's head once, however many of its widgets are shown,
and keeps it there; every view root carries the kernel's one ``Stylesheet`` (``shared_stylesheet()``, used by
views/keyboard.py ``KeyboardSafeBox``): one widget model, so a saved lesson (and each page of the static site) holds
lessons.css once, not once per view.
A lesson whose kernel stopped, and the "Next" links, are the course extension's (widgets/jupyter/course.py).
"""

from __future__ import annotations

import anywidget

from .palette import CSS, STATIC, STYLESHEET


class Stylesheet(anywidget.AnyWidget):
    """Invisible: loads the lessons' stylesheet into the page."""

    _esm = STATIC / "bundles" / "stylesheet.js"
    _css = STYLESHEET

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.add_class(CSS["stylesheet"])


_shared: Stylesheet | None = None


def shared_stylesheet() -> Stylesheet:
    """The kernel's one Stylesheet, made on first use and again if it was closed (ipywidgets sets ``comm`` to None)."""
    global _shared
    if _shared is None or _shared.comm is None:
        _shared = Stylesheet()
    return _shared
