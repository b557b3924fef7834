"""Small helpers that turn plain text into safe HTML for HTML widgets (content is always escaped)."""

from __future__ import annotations

from html import escape

from ..palette import INFO_TEXT, RIGHT_TEXT, WRONG_TEXT


def text(s: str) -> str:
    """Escape text for HTML (content files and learner input are never trusted as markup)."""
    return escape(s, quote=True)


def paragraph(s: str, cls: str = "") -> str:
    return f'<p class="{cls}" style="margin:0.25em 0">{text(s)}</p>'


def verdict(correct: bool) -> str:
    """Right/wrong in words and an icon, never colour alone."""
    if correct:
        return f'<p style="margin:0.25em 0;color:{RIGHT_TEXT}"><b>✔ Right.</b></p>'
    return f'<p style="margin:0.25em 0;color:{WRONG_TEXT}"><b>✘ Not quite.</b> Read why, then try again.</p>'


def bullet_list(items: list[str]) -> str:
    if not items:
        return ""
    return "<ul style='margin:0.25em 0'>" + "".join(f"<li>{text(i)}</li>" for i in items) + "</ul>"


def notice(s: str) -> str:
    return f'<p role="status" style="margin:0.25em 0;color:{INFO_TEXT}"><b>Note:</b> {text(s)}</p>'
