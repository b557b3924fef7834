"""Lesson 04's practice stories and glossary in the browser: one story at a time, moved with the keyboard,
the next story's heading focused and read out; the glossary's folding tables; no text is 13 px beside 14 px
prose. Screenshots at 1400 and 800 px go to tests/artifacts/."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from widgets.engine.cases import load_cases

from .lab import lesson_showing, widget_cells
from .test_selfcheck import axe_on, focused_inside, shoot

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


def test_stories_one_at_a_time_with_the_keyboard(ran_lesson, artifacts):
    notebook = lesson_showing("case_stories")
    assert notebook, "no lesson notebook shows case_stories()"
    stories = load_cases().stories
    lab_page = ran_lesson(notebook)
    page = lab_page.page
    view = lab_page.notebook_panel.locator(".case-stories").first
    expect(view.locator(".case-story")).to_have_count(1)
    expect(view.locator(".case-progress")).to_contain_text(f"Story 1 of {len(stories)}")
    expect(view.locator(".case-back button, button.case-back")).to_be_disabled()

    # answer story 1 with the keyboard only
    view.locator(".case-story").get_by_role("radio").first.focus()
    page.keyboard.press("Space")
    view.get_by_role("button", name="Check").focus()
    page.keyboard.press("Enter")
    expect(view.locator(".case-feedback")).to_contain_text("Why:")
    expect(view.locator(".lesson-announcer [role=status]")).to_contain_text("Why:")
    shoot(page, view, artifacts / "stories-checked-{width}.png")

    view.get_by_role("button", name="Next story").focus()
    page.keyboard.press("Enter")
    expect(view.locator(".case-progress")).to_contain_text(f"Story 2 of {len(stories)}")
    expect(view.locator(".case-story .case-heading")).to_contain_text(stories[1].title)
    expect(view.locator(".lesson-announcer [role=status]")).to_have_text(
        f"Story 2 of {len(stories)}: {stories[1].title}"
    )
    page.wait_for_function("() => !!document.activeElement && !!document.activeElement.closest('.case-heading')")
    assert focused_inside(page, ".case-stories .case-story .case-heading")
    snapshot = view.aria_snapshot()
    assert re.search(r'button "[^"]?\s*Previous story"', snapshot) and re.search(
        r'button "[^"]?\s*Next story"', snapshot
    ), snapshot
    assert 'radiogroup "What should they do?"' in snapshot, snapshot
    view.get_by_role("button", name="Previous story").click()
    expect(view.locator(".case-story .case-heading")).to_contain_text(stories[0].title)
    expect(view.locator(".case-feedback")).to_contain_text("Why:")  # the answer was kept
    shoot(page, view, artifacts / "stories-{width}.png")
    assert axe_on(page, [".case-stories"]) == []


def test_glossary_is_compact_and_terms_keep_whole_words(ran_lesson, artifacts):
    notebook = lesson_showing("case_stories")  # already run by the test above; it shows its glossary too
    assert notebook and "glossary" in widget_cells(notebook)
    lab_page = ran_lesson(notebook)
    page = lab_page.page
    view = lab_page.notebook_panel.locator(".glossary").first
    groups = view.locator("details.glossary-group")
    expect(groups.first).to_have_attribute("open", "")
    if groups.count() > 1:
        assert groups.nth(1).get_attribute("open") is None  # words doctors use: folded until asked
        groups.nth(1).locator("summary").click()
        expect(groups.nth(1)).to_have_attribute("open", "")
    terms = view.locator(".glossary-term")
    assert terms.count() >= 1
    size = page.viewport_size
    try:
        for width in (1400, 800):
            page.set_viewport_size({"width": width, "height": 900})
            page.wait_for_timeout(300)
            # a term's first word is never split over two lines ("SIN- / drome")
            broken = terms.evaluate_all(
                """(cells) => cells.filter((c) => {
                    const word = c.firstChild.textContent.split(' ').reduce((a, b) => (a.length > b.length ? a : b));
                    const probe = document.createElement('span');
                    probe.textContent = word; probe.style.whiteSpace = 'nowrap';
                    c.appendChild(probe); const w = probe.getBoundingClientRect().width; probe.remove();
                    return w > c.clientWidth;
                }).map((c) => c.textContent)"""
            )
            assert not broken, (width, broken)
            split = view.locator(".glossary-nowrap").evaluate_all(
                "(parts) => parts.filter((p) => p.getClientRects().length > 1).map((p) => p.textContent)"
            )
            assert not split, (width, split)  # "dy-ag- / NO-sis"
            font = view.locator(".glossary-table td").first.evaluate("e => getComputedStyle(e).fontSize")
            prose = lab_page.notebook_panel.locator(".jp-RenderedMarkdown p").first.evaluate(
                "e => getComputedStyle(e).fontSize"
            )
            assert font == prose, (font, prose)
            shoot(page, view, artifacts / "glossary-{width}.png", widths=(width,))
    finally:
        page.set_viewport_size(size)
    assert axe_on(page, [".glossary"]) == []
