"""No emoji anywhere a learner (or teacher) sees: many computers have no emoji font and show an empty box
(issue 15 item 4: the urgent verdict's main icon was a box). Icons are inline SVG (widgets/views/icons.py) or
the icon font ipywidgets loads, always with words beside them."""

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

# Characters drawn from an emoji font: the pictograph planes, the miscellaneous symbols and dingbats (warning
# sign, check marks, stars), the technical symbols JupyterLab fonts lack (pause, stopwatch), the emoji-style
# arrows and shapes, and the modifiers that ask for emoji style (variation selector 16, keycap).
EMOJI = re.compile(
    "["
    "\U0001f000-\U0001faff"
    "\u2600-\u27bf"
    "\u231a\u231b\u2328\u23cf\u23e9-\u23f3\u23f8-\u23fa"
    "\u2194-\u2199\u21a9\u21aa\u2934\u2935"
    "\u24c2\u25aa\u25ab\u25b6\u25c0\u25fb-\u25fe"
    "\u2b05-\u2b07\u2b1b\u2b1c\u2b50\u2b55\u3030\u303d\u3297\u3299"
    "\u203c\u2049\u2139"
    "\ufe0f\u20e3"
    "]"
)
SEEN = [
    *sorted((ROOT / "widgets").rglob("*.py")),
    *sorted((ROOT / "widgets" / "content").rglob("*.yaml")),
    *sorted(p for p in (ROOT / "widgets" / "static").rglob("*") if p.is_file()),
    *sorted((ROOT / "lessons").rglob("*.ipynb")),
    *sorted((ROOT / "lessons").rglob("*.md")),
]


def emoji_in(text: str) -> list[str]:
    """Each emoji found, with a little text around it."""
    return [text[max(0, m.start() - 20) : m.end() + 20] for m in EMOJI.finditer(text)]


def test_the_pattern_finds_the_emoji_that_showed_as_boxes_and_spares_plain_symbols():
    for e in ("👉", "🎉", "🚨", "🩺", "⏸", "⏱", "⚠️", "⚠", "✔", "✘", "⬅️", "📘"):
        assert emoji_in(e), e
    assert not emoji_in("Right → left ← · “quoted” — 3 × 2 ≥ 4.5:1, café, Zoë, ↓ order, ⓘ")


@pytest.mark.parametrize("path", SEEN, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_emoji_in_content_views_or_lessons(path):
    found = emoji_in(path.read_text(encoding="utf-8"))
    assert not found, f"{path.relative_to(ROOT)}: {found[:5]}"
