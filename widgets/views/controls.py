"""Shared control factories for the views."""

from __future__ import annotations

import ipywidgets as W


def button(**kwargs) -> W.Button:
    """A Button as wide as its label (ipywidgets' fixed default width cuts long labels off)."""
    return W.Button(layout=W.Layout(width="max-content"), **kwargs)


def name_field() -> W.Text:
    """The "Your name or a nickname" box of a results file or a hand-in: empty, with an example as its placeholder
    (left empty, the file carries only the learner code; content/start.yaml holds the words)."""
    from ..content.load import load_start_texts

    words = load_start_texts().name_box
    return W.Text(
        value="",
        description=words.label,
        placeholder=words.placeholder,
        style={"description_width": "initial"},
        layout=W.Layout(width="28em"),
    )
