"""Shared control factories for the views."""

from __future__ import annotations

import ipywidgets as W


def button(**kwargs) -> W.Button:
    """A Button as wide as its label (ipywidgets' fixed default width cuts long labels off)."""
    return W.Button(layout=W.Layout(width="max-content"), **kwargs)
