"""The glossary as a widget: terms taught in one lesson, or all of them."""

from __future__ import annotations

import ipywidgets as W

from ..load import load_glossary
from . import html


def glossary_html(lesson: str | None = None) -> str:
    entries = [e for e in load_glossary().entries if lesson is None or lesson in e.lessons]
    items = "".join(
        f"<dt><b>{html.text(e.term)}</b>{' (say: ' + html.text(e.say_it) + ')' if e.say_it else ''}</dt>"
        f"<dd style='margin:0 0 0.4em 1.5em'>{html.text(e.meaning)}</dd>"
        for e in sorted(entries, key=lambda e: e.term.lower()))
    return f"<dl>{items}</dl>"


def glossary(lesson: str | None = None) -> W.HTML:
    """The glossary terms of `lesson` (or the whole glossary) as a definition list."""
    w = W.HTML(glossary_html(lesson))
    w.add_class("glossary")
    return w
