"""Keep keystrokes inside our widgets: JupyterLab's command-mode shortcuts must not fire on them.

With a notebook in command mode, JupyterLab acts on single keys even while a widget control has the
focus: "b" inserts a cell, "x" cuts one, "d d" deletes one, the arrow keys move to another cell. A
keyboard user answering a quiz could change the notebook by accident, and a Dropdown's list could not
be walked with the arrow keys. Lumino skips its shortcuts for a focused element that carries
``data-lm-suppress-shortcuts`` (the attribute must be on the focused element itself). ``KeyboardGuard``
is an invisible widget that puts the attribute on every control of the output it sits in, also on
controls drawn later. ``KeyboardSafeBox`` is a VBox that carries one.
"""

from __future__ import annotations

from pathlib import Path

import anywidget
import ipywidgets as W

_ESM = Path(__file__).parent.parent / "static" / "keyboard.js"


class KeyboardGuard(anywidget.AnyWidget):
    """Invisible: marks every control of its output area so JupyterLab's shortcuts leave it alone."""

    _esm = _ESM


class KeyboardSafeBox(W.VBox):
    """A VBox whose controls keep their keystrokes (a KeyboardGuard is added as its last child)."""

    def __init__(self, children=(), **kwargs):
        super().__init__([*children, KeyboardGuard()], **kwargs)
