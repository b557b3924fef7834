"""Small helpers that turn plain text into safe HTML for HTML widgets (content is always escaped).

The look comes from the stylesheet (static/lessons.css) through CSS classes; no HTML here carries a style.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from html import escape

from .icons import icon


def text(s: str) -> str:
    """Escape text for HTML (content files and learner input are never trusted as markup)."""
    return escape(s, quote=True)


def paragraph(s: str, cls: str = "") -> str:
    attr = f' class="{text(cls)}"' if cls else ""
    return f"<p{attr}>{text(s)}</p>"


def verdict(correct: bool) -> str:
    """Right/wrong in words and an icon, never colour alone."""
    if correct:
        return f'<p class="lesson-right"><b>{icon("right")}Right.</b></p>'
    return f'<p class="lesson-wrong"><b>{icon("wrong")}Not quite.</b> Read why, then try again.</p>'


def bullet_list(items: list[str]) -> str:
    if not items:
        return ""
    return "<ul>" + "".join(f"<li>{text(i)}</li>" for i in items) + "</ul>"


def notice(s: str) -> str:
    return f'<p role="status" class="lesson-note"><b>{icon("note")}Note:</b> {text(s)}</p>'


def link(name: str, url: str) -> str:
    """A link named in words (the address is never the text); it opens in a new tab, outside the lesson."""
    return f'<a href="{text(url)}" target="_blank" rel="noopener noreferrer">{text(name)}</a>'


@dataclass(frozen=True)
class Safe:
    """HTML that is already safe (built from escaped parts); a table cell shows it as it is."""

    html: str


Cell = str | int | float | Safe


def cell(value: Cell) -> str:
    """A cell's HTML: a Safe as it is, anything else escaped."""
    return value.html if isinstance(value, Safe) else text(str(value))


def table(caption: str, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    """A table with a caption, a header row (``scope="col"``) and body rows; every cell is escaped unless Safe."""
    head = "".join(f'<th scope="col">{text(h)}</th>' for h in header)
    body = "".join("<tr>" + "".join(f"<td>{cell(c)}</td>" for c in row) + "</tr>" for row in rows)
    return (
        f'<table class="lesson-table"><caption>{text(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )
