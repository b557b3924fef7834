"""Keyboard and screen readers in the ipywidgets views: headings in order under the lessons' h2 sections (the
self-check's and the stories', drawn in the page, in tests/page/test_selfcheck_page_node.py), and the page
side (static/keyboard.js, in node over what
ipywidgets draws) that hides icon glyphs from button names, makes each radio group one Tab stop and names groups."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import ipywidgets as W
import pytest

from widgets.store.progress import ProgressStore
from widgets.views.backup import progress_backup
from widgets.views.glossary import glossary
from widgets.views.palette import STATIC
from widgets.views.region import region_chooser

NODE = shutil.which("node") or "/usr/bin/node"
HARNESS = Path(__file__).parents[1] / "js" / "keyboard_guard.mjs"


def html_in_order(widget: W.Widget) -> list[str]:
    """Every HTML value of a view, in the order the page draws them."""
    if isinstance(widget, W.HTML):
        return [widget.value]
    return [v for child in getattr(widget, "children", ()) for v in html_in_order(child)]


def heading_levels(widget: W.Widget) -> list[int]:
    return [int(n) for value in html_in_order(widget) for n in re.findall(r"<h([1-6])\b", value)]


VIEWS = {
    "progress_backup": progress_backup,
    "region_chooser": region_chooser,
    "glossary": lambda store: glossary("04-red-flags"),
}


@pytest.mark.parametrize("name", VIEWS)
def test_headings_a_view_draws_start_at_h3_and_never_skip_a_level(name, tmp_path):
    """A view sits under a lesson's "## section" (h2): its own headings begin at h3 and go down one level at a
    time (lesson 04 went h2 -> h4 at the practice stories and the self-check's steps)."""
    levels = heading_levels(VIEWS[name](ProgressStore(tmp_path)))
    assert all(level >= 3 for level in levels), levels
    for a, b in zip([2, *levels], levels, strict=False):
        assert b <= a + 1, levels


@pytest.mark.slow
def test_keyboard_guard_hides_icons_groups_radios_and_names_groups_in_the_page():
    """static/keyboard.js over ipywidgets' own markup in node: every button icon aria-hidden (also a button drawn
    later, and one whose icon was redrawn), the radios of each group share one name of their own (one Tab stop, arrow
    keys inside), the lesson-group box is role=group named by its label, every control keeps its keys."""
    run = subprocess.run(
        [NODE, "--no-warnings", str(HARNESS), str(STATIC / "keyboard.js")],
        capture_output=True,
        text=True,
        cwd=HARNESS.parent,
        timeout=60,
        check=True,
    )
    got = json.loads(run.stdout)
    assert got["icons"] == ["true", "true"]
    names = got["radioNames"]
    assert len(names) == 3 and all(len(set(group)) == 1 and group[0] for group in names)
    assert len({group[0] for group in names}) == 3  # a group's name is its own: no two groups merge
    assert got["group"] == {
        "role": "group",
        "labelledby": got["group"]["labelId"],
        "labelId": got["group"]["labelId"],
        "label": "Possible triggers",
    }
    assert got["group"]["labelId"]
    assert got["suppressed"]
