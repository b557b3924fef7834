"""Shared control factories for the views."""

from __future__ import annotations

import ipywidgets as W


def button(**kwargs) -> W.Button:
    """A Button as wide as its label (ipywidgets' fixed default width cuts long labels off)."""
    return W.Button(layout=W.Layout(width="max-content"), **kwargs)


def name_field(learner: str) -> W.Text:
    """The "Your name or a nickname" box of a results file or a hand-in; the learner code is its default."""
    return W.Text(
        value=learner,
        description="Your name or a nickname",
        placeholder=learner,
        style={"description_width": "initial"},
        layout=W.Layout(width="28em"),
    )
