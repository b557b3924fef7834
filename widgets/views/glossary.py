"""The glossary as a widget: terms taught in one lesson, or all of them, as "words to know" and "words doctors use"."""

from __future__ import annotations

import ipywidgets as W

from ..load import load_glossary
from ..model import GLOSSARY_HEADINGS
from . import html


def glossary_html(lesson: str | None = None) -> str:
    """Two definition lists under their headings; a group with no terms is left out."""
    parts = []
    for kind, entries in load_glossary().grouped(lesson).items():
        if not entries:
            continue
        items = "".join(
            f"<dt><b>{html.text(e.term)}</b>{' (say: ' + html.text(e.say_it) + ')' if e.say_it else ''}</dt>"
            f"<dd style='margin:0 0 0.4em 1.5em'>{html.text(e.meaning)}</dd>"
            for e in entries)
        parts.append(f"<h4 class='glossary-{kind}' style='margin:0.5em 0 0.25em 0'>{GLOSSARY_HEADINGS[kind]}</h4>"
                     f"<dl>{items}</dl>")
    return "".join(parts)


def glossary(lesson: str | None = None) -> W.HTML:
    """The glossary terms of `lesson` (or the whole glossary), words to know first, then words doctors use."""
    w = W.HTML(glossary_html(lesson))
    w.add_class("glossary")
    return w
