"""Every lesson fits the window at 1400 px (a laptop), 1024 px (a tablet), 800 px and 768 px (a Chromebook), each
with JupyterLab's left side panel open (the file browser, as a learner has it): after Run All, no output scrolls
sideways, no text is cut off by its box or drawn over other text (quiz answers, tables, figure titles, tick labels,
annotations), and every figure follows the window's width. Screenshots of each lesson at each width go to
tests/artifacts/screenshots/.

The lesson is run once (at the shared tab's width) and then resized: figures drawn before the window changed
must follow it, as a learner's do when they open the side panel.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .lab import LabPage, lesson_notebooks

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

# (window width in px, JupyterLab's left side panel open)
WIDTHS = ((1400, True), (1024, True), (800, True), (768, True))
FILL = 8  # px: a figure may be this much narrower than its view (ipywidgets' margins)


def problems(report: dict, width: int) -> list[str]:
    """The probe's findings as readable lines (empty: the outputs fit)."""
    out = [
        f"{width} px, cell {s['cell']} ({s['widget']}, {s['element']}): scrolls sideways, "
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
    for f in report["figures"]:
        where = f"{width} px, cell {f['cell']} ({f['widget']}): figure drawn {f['drawn']} px wide"
        if f["over"] > 1:
            out.append(f"{where}, {f['over']} px past the edge of its {f['room']} px output")
        elif f["space"] - f["drawn"] > FILL:
            out.append(f"{where} in a {f['space']} px place: it did not follow the window")
    return out


@pytest.mark.parametrize("notebook", lesson_notebooks())
def test_outputs_fit_at_1400_1024_800_and_768_px(notebook, ran_lesson, artifacts):
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
            for old in shots.glob(f"{stem}-{width}*.png"):
                old.unlink()
            page.screenshots(shots / f"{stem}-{width}.png")
            found += problems(report, width)
    finally:  # the tab is shared with other browser tests: leave it as it was
        page.set_width(size["width"], panel, size["height"])
    assert found == [], "\n".join(found)


def test_the_probe_sees_a_scrollbar_cut_off_and_overlapping_text(ran_lesson):
    """The layout probe is not blind: text drawn over text, a box that scrolls sideways and text cut off by a box
    that hides its overflow, put into a real output, are each reported (and a visually hidden line is not)."""
    page = ran_lesson("01_what_is_a_twitch.ipynb")
    quiz = page.notebook_panel.locator(".quiz").first
    quiz.evaluate(
        """(q) => {
          const probe = document.createElement('div');
          probe.id = 'layout-probe-test';
          probe.innerHTML = `
            <div style="position:relative;height:40px">
              <span style="position:absolute;left:0;top:0">first probe words</span>
              <span style="position:absolute;left:10px;top:4px">second probe words</span></div>
            <div style="overflow-x:auto;width:120px"><div style="width:400px">wide probe row</div></div>
            <div style="overflow:hidden;width:60px;white-space:nowrap">cut probe text that is long</div>
            <p style="position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)">hidden probe</p>`;
          q.appendChild(probe);
        }"""
    )
    try:
        report = page.layout_report()
    finally:
        page.page.evaluate("() => document.getElementById('layout-probe-test').remove()")
    pairs = {(o["a"], o["b"]) for o in report["overlaps"]}
    assert ("first probe words", "second probe words") in pairs, report["overlaps"]
    assert any(s["scrollWidth"] >= 400 and s["clientWidth"] == 120 for s in report["scrollbars"]), report["scrollbars"]
    assert any(c["text"] == "cut probe text that is long" for c in report["cutOff"]), report["cutOff"]
    found = [o for o in report["overlaps"] if "hidden probe" in (o["a"], o["b"])]
    assert not found and not [c for c in report["cutOff"] if c["text"] == "hidden probe"]


def test_a_figures_text_alternative_follows_the_figure(ran_lesson):
    """The figure's description (visually hidden, read by screen readers) says what it shows now: the motor unit's
    step, in the words of the step line, and the notes drawn on it."""
    page = ran_lesson("01_what_is_a_twitch.ipynb")
    unit = page.notebook_panel.locator(".motor-unit").first
    alt = unit.locator(".figure-view .figure-alt")
    before = alt.text_content()
    assert "step 1 of" in before.lower() and "spinal cord" in before, before
    unit.locator(".motor-unit-next").click()
    expect(alt).to_contain_text("Step 2 of")
    after = alt.text_content()
    step_line = unit.locator(".motor-unit-step").inner_text().strip()
    assert step_line and step_line in after, (step_line, after)
    unit.locator(".motor-unit-back").click()  # the tab is shared: leave the figure at step 1
    expect(alt).to_contain_text("Step 1 of")
