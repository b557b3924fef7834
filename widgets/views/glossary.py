"""The glossary as a widget: terms taught in one lesson, or all of them, as "words to know" and "words doctors use".

Compact: each group is a two-column table (term, meaning) that folds open and shut (``<details>``); "words to
know" starts open, "words doctors use" starts folded. The whole-course glossary (many words) has a search box
that keeps only the rows whose term or meaning contains the typed letters.
"""

from __future__ import annotations

import ipywidgets as W

from ..content.load import load_glossary
from ..content.model import GLOSSARY_HEADINGS, GlossaryEntry
from . import html
from .keyboard import KeyboardSafeBox
from .palette import CSS

SEARCH_FROM = 20  # a glossary with more terms than this gets a search box
OPEN_AT_START = ("know",)  # groups shown unfolded before any search


def whole_words(s: str) -> str:
    """`s` escaped, each space-separated part kept on one line: a "say it" like "dy-ag-NO-sis" never splits at
    its hyphens ("dy-ag- / NO-sis")."""
    return " ".join(f'<span class="glossary-nowrap">{html.text(w)}</span>' for w in s.split())


def _row(e: GlossaryEntry) -> str:
    say = f'<span class="glossary-say">say: {whole_words(e.say_it)}</span>' if e.say_it else ""
    return (
        f'<tr><th scope="row" class="glossary-term">{html.text(e.term)}{say}</th><td>{html.text(e.meaning)}</td></tr>'
    )


def matches(e: GlossaryEntry, query: str) -> bool:
    """Does the term, its meaning or its "say it" contain `query` (any case, spaces trimmed)?"""
    q = query.strip().lower()
    return not q or any(q in s.lower() for s in (e.term, e.meaning, e.say_it or ""))


def glossary_html(lesson: str | None = None, query: str = "") -> str:
    """One folding table per group, under its heading and count; a group with no (matching) terms is left out.
    While searching, every group with a match is unfolded."""
    parts = []
    for kind, entries in load_glossary().grouped(lesson).items():
        shown = [e for e in entries if matches(e, query)]
        if not shown:
            continue
        opened = " open" if query.strip() or kind in OPEN_AT_START else ""
        heading = GLOSSARY_HEADINGS[kind]
        parts.append(
            f"<details class='glossary-group glossary-{kind}'{opened}><summary>{heading} ({len(shown)})</summary>"
            '<table class="glossary-table">'
            f"<tbody>{''.join(_row(e) for e in shown)}</tbody></table></details>"
        )
    return "".join(parts)


class Glossary(KeyboardSafeBox):
    """The glossary's tables (``terms``, an HTML widget) in a view root; ``search`` (a Text box, or None) and
    ``count`` (a status line) when there are many terms. Tests: ``g = Glossary(); g.find("nerve")``."""

    def __init__(self, lesson: str | None = None):
        self.lesson = lesson
        self.total = sum(len(v) for v in load_glossary().grouped(lesson).values())
        self.terms = W.HTML(glossary_html(lesson))
        self.terms.add_class(CSS["glossary_terms"])
        self.search: W.Text | None = None
        self.count = W.HTML("")
        self.count.add_class(CSS["glossary_count"])
        rows: list[W.Widget] = [self.terms]
        if self.total > SEARCH_FROM:
            self.search = W.Text(
                value="",
                description="Find a word",
                placeholder="type a few letters, e.g. nerve",
                continuous_update=True,
                style={"description_width": "initial"},
                layout=W.Layout(width="24em", max_width="100%"),
            )
            self.search.add_class(CSS["glossary_search"])
            self.search.observe(lambda c: self.find(c["new"]), names="value")
            rows = [self.search, self.count, self.terms]
            self._say(self.total, "")
        super().__init__(rows)
        self.add_class(CSS["glossary"])

    def find(self, query: str) -> int:
        """Keep only the terms that contain `query`; returns how many are shown."""
        if self.search is not None and self.search.value != query:
            self.search.value = query  # comes back here through the observer
            return self._shown(query)
        self.terms.value = glossary_html(self.lesson, query)
        n = self._shown(query)
        self._say(n, query)
        return n

    def _shown(self, query: str) -> int:
        return sum(matches(e, query) for v in load_glossary().grouped(self.lesson).values() for e in v)

    def _say(self, n: int, query: str) -> None:
        if not query.strip():
            text = f"{n} words. Type in the box to find one."
        elif n:
            text = f"{n} of {self.total} words contain “{query.strip()}”."
        else:
            text = f"No word contains “{query.strip()}”. Try fewer letters."
        self.count.value = f'<p role="status" class="lesson-progress">{html.text(text)}</p>'


def glossary(lesson: str | None = None) -> Glossary:
    """The glossary terms of `lesson` (or the whole glossary), words to know first, then words doctors use."""
    return Glossary(lesson)
