"""The class-results notebook in JupyterLab with the demo class (its "Try it with a made-up class" cell, 30 learners):
the per-question statistics are drawn in the lessons' card at 1400 and 800 px with the side panel open, every table
fits its card, the read button is the filled main action, and axe finds nothing, with the goal tables opened too.
Screenshots: tests/artifacts/class-results-stats-<width>.png. One tab (the shared run of the notebook)."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

NOTEBOOK = "instructor/class_results.ipynb"


def test_question_statistics_in_card_style_at_1400_and_800_px_axe_clean(ran_lesson, artifacts):
    page = ran_lesson(NOTEBOOK)
    size, panel = page.page.viewport_size, page.left_panel_open()
    stats = page.notebook_panel.locator(".class-results .class-results-items", has_text="Questions to look at").first
    try:
        stats.locator("summary").click()  # open the tables of every question by goal, so axe and the eye see them
        assert stats.locator("details").evaluate("e => e.open")
        for width in (1400, 800):
            page.set_width(width, left_panel=True)
            stats.scroll_into_view_if_needed()
            drawn = stats.evaluate(
                """e => {
                  const s = getComputedStyle(e), card = e.getBoundingClientRect();
                  const tables = [...e.querySelectorAll('table')];
                  return {
                    radius: s.borderTopLeftRadius, edge: s.borderTopWidth + ' ' + s.borderTopStyle,
                    padding: parseFloat(s.paddingLeft),
                    tables: tables.length,
                    overflow: tables.filter(t => t.getBoundingClientRect().right > card.right + 1).length,
                  };
                }"""
            )
            assert drawn["radius"] == "6px" and drawn["edge"] == "1px solid", drawn  # the lessons' card
            assert drawn["padding"] > 0 and drawn["tables"] == 6 and drawn["overflow"] == 0, (width, drawn)
            button = stats.evaluate(
                "e => getComputedStyle(e.closest('.class-results').querySelector('.class-results-read'))"
                ".backgroundColor"
            )
            assert button == "rgb(0, 90, 140)"  # the main action, filled (--lessons-primary-solid)
            assert page.axe_violations() == [], width
            # the window as tall as the section, so the whole card is in one picture
            height = stats.evaluate("e => e.getBoundingClientRect().height")
            page.page.set_viewport_size({"width": width, "height": min(int(height) + 300, 6000)})
            stats.evaluate("e => e.scrollIntoView({block: 'start'})")
            page.page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")
            stats.screenshot(path=str(artifacts / f"class-results-stats-{width}.png"))
    finally:
        page.set_width(size["width"], panel, size["height"])
