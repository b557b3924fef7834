"""The lessons' icons: small inline SVGs from ``static/icons.svg``, drawn in the colour of the text beside them.

An icon is decoration next to words (``aria-hidden``), never the only sign of a meaning. Emoji are not used:
on a computer without an emoji font they show as empty boxes.
"""

from __future__ import annotations

import re
from functools import cache

from .palette import STATIC

ICONS_FILE = STATIC / "icons.svg"


@cache
def symbols() -> dict[str, str]:
    """Icon name -> the inner SVG of its ``<symbol>`` (read once from static/icons.svg)."""
    text = re.sub(r"<!--.*?-->", "", ICONS_FILE.read_text(encoding="utf-8"), flags=re.S)
    found = re.findall(r'<symbol id="([a-z_]+)" viewBox="0 0 24 24">(.*?)</symbol>', text, flags=re.S)
    return {name: " ".join(body.split()) for name, body in found}


def icon(name: str) -> str:
    """The inline SVG of icon `name` (class ``lesson-icon``), hidden from screen readers: its words say it."""
    body = symbols()[name]
    return (
        f'<svg class="lesson-icon lesson-icon-{name}" viewBox="0 0 24 24" aria-hidden="true" focusable="false" '
        f'fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round">'
        f"{body}</svg>"
    )
