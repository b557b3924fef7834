"""The glossary as a widget: terms taught in one lesson, or all of them, as "words to know" and "words doctors use"."""

from __future__ import annotations

import ipywidgets as W

from ..load import load_glossary
from ..model import GLOSSARY_HEADINGS
from ..palette import CSS
from . import html
from .keyboard import KeyboardSafeBox


def glossary_html(lesson: str | None = None) -> str:
    """Two definition lists under their headings; a group with no terms is left out."""
    parts = []
    for kind, entries in load_glossary().grouped(lesson).items():
        if not entries:
            continue
        items = "".join(
            f"<dt><b>{html.text(e.term)}</b>{' (say: ' + html.text(e.say_it) + ')' if e.say_it else ''}</dt>"
            f"<dd>{html.text(e.meaning)}</dd>"
            for e in entries)
        parts.append(f"<h4 class='glossary-{kind}'>{GLOSSARY_HEADINGS[kind]}</h4>"
                     f"<dl>{items}</dl>")
    return "".join(parts)


class Glossary(KeyboardSafeBox):
    """The glossary's definition lists (``terms``, an HTML widget) in a view root."""

    def __init__(self, lesson: str | None = None):
        self.terms = W.HTML(glossary_html(lesson))
        super().__init__([self.terms])
        self.add_class(CSS["glossary"])


def glossary(lesson: str | None = None) -> Glossary:
    """The glossary terms of `lesson` (or the whole glossary), words to know first, then words doctors use."""
    return Glossary(lesson)
