"""The lessons' one stylesheet (``static/lessons.css``), brought into the page by an invisible anywidget.

anywidget puts a widget class's ``_css`` into the page's head once, however many of its widgets are shown,
and keeps it there; every view root carries one ``Stylesheet`` (views/keyboard.py ``KeyboardSafeBox``).
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
