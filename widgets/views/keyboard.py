"""Keep keystrokes inside our widgets: JupyterLab's command-mode shortcuts must not fire on them.

With a notebook in command mode, JupyterLab acts on single keys even while a widget control has the
focus: "b" inserts a cell, "x" cuts one, "d d" deletes one, the arrow keys move to another cell. A
keyboard user answering a quiz could change the notebook by accident, and a Dropdown's list could not
be walked with the arrow keys. Lumino skips its shortcuts for a focused element that carries
``data-lm-suppress-shortcuts`` (the attribute must be on the focused element itself). ``KeyboardGuard``
is an invisible widget that puts the attribute on every control of the output it sits in, also on
controls drawn later. ``KeyboardSafeBox``, the root box of every view, carries one, and the lessons'
stylesheet (views/stylesheet.py).
"""

from __future__ import annotations

import anywidget
import ipywidgets as W

from .palette import CSS, STATIC
from .stylesheet import shared_stylesheet


class KeyboardGuard(anywidget.AnyWidget):
    """Invisible: marks every control of its output area so JupyterLab's shortcuts leave it alone."""

    _esm = STATIC / "keyboard.js"


class KeyboardSafeBox(W.VBox):
    """The root of every view: a VBox (CSS class ``lesson-view``) whose controls keep their keystrokes and
    that carries the stylesheet (a KeyboardGuard and a Stylesheet are its last two children)."""

    def __init__(self, children=(), **kwargs):
        super().__init__([*children, KeyboardGuard(), shared_stylesheet()], **kwargs)
        self.add_class(CSS["view"])
