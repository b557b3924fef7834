"""The glossary as a widget: terms taught in one lesson, or all of them, as "words to know" and "words doctors use".

Compact: each group is a two-column table (term, meaning) that folds open and shut (``<details>``); "words to
know" starts open, "words doctors use" starts folded. The whole-course glossary (many words) has a search box
that keeps only the rows whose term or meaning contains the typed letters.

Drawn and searched in the page (``GlossaryPage``, page side static/glossary.js, bundled by tools/bundle.mjs): the
terms go to the page once, so the search works at once, also on the static site with no kernel; where a kernel is
live it mirrors the query. ``glossary_html`` is what the page draws for a query (the page's node test compares).
"""

from __future__ import annotations

from typing import Any

import anywidget
import traitlets

from ..content.load import load_glossary
from ..content.model import GLOSSARY_HEADINGS, GlossaryEntry
from . import html
from .keyboard import KeyboardSafeBox
from .palette import CSS, STATIC

SEARCH_FROM = 20  # a glossary with more terms than this gets a search box
OPEN_AT_START = ("know",)  # groups shown unfolded before any search
# Every word the page shows besides the terms (content/glossary.yaml) and the groups' headings.
LABELS = {
    "find": "Find a word",
    "placeholder": "type a few letters, e.g. nerve",
    "say": "say:",
    "count_all": "{n} words. Type in the box to find one.",
    "count_some": "{n} of {total} words contain “{query}”.",
    "count_none": "No word contains “{query}”. Try fewer letters.",
}


def whole_words(s: str) -> str:
    """`s` escaped, each space-separated part kept on one line: a "say it" like "dy-ag-NO-sis" never splits at
    its hyphens ("dy-ag- / NO-sis")."""
    return " ".join(f'<span class="glossary-nowrap">{html.text(w)}</span>' for w in s.split())


def _row(e: GlossaryEntry) -> str:
    say = f'<span class="glossary-say">{LABELS["say"]} {whole_words(e.say_it)}</span>' if e.say_it else ""
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


class GlossaryPage(anywidget.AnyWidget):
    """The page side: the groups' terms (sent once) and the query typed in the search box."""

    _esm = STATIC / "bundles" / "glossary.js"
    data = traitlets.Dict(help="groups, labels, search").tag(sync=True)
    state = traitlets.Dict(help="{query}").tag(sync=True)


def page_data(lesson: str | None) -> dict[str, Any]:
    """The groups as the page draws them (a group with no terms left out), the labels, and whether to search."""
    grouped = load_glossary().grouped(lesson)
    groups = [
        {
            "kind": kind,
            "heading": GLOSSARY_HEADINGS[kind],
            "open": kind in OPEN_AT_START,
            "entries": [{"term": e.term, "meaning": e.meaning, "say": e.say_it or ""} for e in entries],
        }
        for kind, entries in grouped.items()
        if entries
    ]
    total = sum(len(entries) for entries in grouped.values())
    return {"groups": groups, "labels": LABELS, "search": total > SEARCH_FROM}


class Glossary(KeyboardSafeBox):
    """The glossary drawn in the page (``page``); ``search`` says whether it has a search box. Tests:
    ``g = Glossary(); g.find("nerve"); g.html(); g.said()`` (what the page shows for the query)."""

    def __init__(self, lesson: str | None = None):
        self.lesson = lesson
        data = page_data(lesson)
        self.total = sum(len(v) for v in load_glossary().grouped(lesson).values())
        self.search = bool(data["search"])
        self.page = GlossaryPage(data=data, state={"query": ""})
        super().__init__([self.page])
        self.add_class(CSS["glossary"])

    @property
    def query(self) -> str:
        return str(self.page.state.get("query", ""))

    def find(self, query: str) -> int:
        """Type `query` in the search box (as the page does): returns how many terms are shown."""
        if not self.search:
            raise ValueError("this glossary is short and has no search box")
        self.page.state = {"query": query}
        return self.shown()

    def shown(self) -> int:
        return sum(matches(e, self.query) for v in load_glossary().grouped(self.lesson).values() for e in v)

    def html(self) -> str:
        """The tables the page shows for the query typed."""
        return glossary_html(self.lesson, self.query)

    def said(self) -> str:
        """The status line under the search box."""
        q, n = self.query.strip(), self.shown()
        if not q:
            return LABELS["count_all"].format(n=n)
        if n:
            return LABELS["count_some"].format(n=n, total=self.total, query=q)
        return LABELS["count_none"].format(query=q)


def glossary(lesson: str | None = None) -> Glossary:
    """The glossary terms of `lesson` (or the whole glossary), words to know first, then words doctors use."""
    return Glossary(lesson)
