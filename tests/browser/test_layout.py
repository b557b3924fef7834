"""Every lesson fits the window at 1400 px and at 800 px (left side panel open): after Run All, no output scrolls
sideways, no text is cut off by its box or drawn over other text (quiz answers, tables, figure titles, tick
labels, annotations), and every figure follows the window's width. Screenshots of each lesson at both widths
go to tests/artifacts/screenshots/.

The lesson is run once (at the shared tab's width) and then resized: figures drawn before the window changed
must follow it, as a learner's do when they open the side panel.
"""

from __future__ import annotations

import pytest

from .lab import LabPage, lesson_notebooks

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

# (window width in px, JupyterLab's left side panel open)
WIDTHS = ((1400, False), (800, True))
FIT = 2  # px: a figure may be this much narrower than its box


def problems(report: dict, width: int) -> list[str]:
    """The probe's findings as readable lines (empty: the outputs fit)."""
    out = [
        f"{width} px, cell {s['cell']} ({s['widget'] or s['element']}): scrolls sideways, "
        f"{s['scrollWidth']} px of content in {s['clientWidth']} px"
        for s in report["scrollbars"]
    ]
    out += [
        f"{width} px, cell {c['cell']} ({c['widget']}): text cut off by {c['by']}: {c['text']!r}"
        for c in report["cutOff"]
    ]
    out += [
        f"{width} px, cell {o['cell']} ({o['widget']}): {o['a']!r} overlaps {o['b']!r} ({o['overlap']})"
        for o in report["overlaps"]
    ]
    out += [
        f"{width} px, cell {f['cell']} ({f['widget']}): figure drawn {f['drawn']} px wide in a {f['box']} px box"
        for f in report["figures"]
        if abs(f["drawn"] - f["box"]) > FIT
    ]
    return out


@pytest.mark.parametrize("notebook", lesson_notebooks())
def test_outputs_fit_at_1400_and_800_px(notebook, ran_lesson, artifacts):
    page: LabPage = ran_lesson(notebook)
    shots = artifacts / "screenshots"
    shots.mkdir(exist_ok=True)
    stem = notebook.replace("/", "__").removesuffix(".ipynb")
    size, panel = page.page.viewport_size, page.left_panel_open()
    found: list[str] = []
    try:
        for width, left_panel in WIDTHS:
            page.set_width(width, left_panel)
            report = page.layout_report()
            assert "error" not in report, report
            assert report["pieces"] > 0, "the probe found no text at all in the outputs"
            page.screenshot(shots / f"{stem}-{width}.png")
            found += problems(report, width)
    finally:  # the tab is shared with other browser tests: leave it as it was
        page.set_width(size["width"], panel, size["height"])
    assert found == [], "\n".join(found)
