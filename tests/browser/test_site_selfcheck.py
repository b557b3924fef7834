"""Lesson 04's practice stories and self-check on the static site (file://, no kernel, no network) in Chromium, on a
768 x 768 screen: a story checked, the region picked and kept over a reload, the personal check walked step by step
(each step, with its buttons, fits the screen) to a verdict in that region's words, explore mode past the questions
in one press, axe clean. Screenshots go to tests/artifacts/site-selfcheck-*.png.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tools import site
from widgets.content.load import load_triage_rules
from widgets.engine.cases import load_cases

from .test_site import Offline

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]
PAGE = site.page_name("04_red_flags.ipynb")
SCREEN = {"width": 768, "height": 768}


@pytest.fixture
def offline(browser, built_site):
    o = Offline(browser, built_site.out, viewport=SCREEN)
    yield o
    o.context.close()
    assert not o.foreign(), f"requests that were not file://: {o.foreign()[:5]}"
    assert not o.errors, f"console errors: {o.errors[:5]}"


def axe(page, selectors: list[str]) -> list[str]:
    from axe_playwright_python.sync_playwright import Axe

    # preload off: axe would read the stylesheets with XMLHttpRequest, which a file:// page may not (a console error)
    response = Axe().run(page, context={"include": [[s] for s in selectors]}, options={"preload": False}).response
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {n['target']}"
        for v in response["violations"]
        if v["impact"] in ("serious", "critical")
        for n in v["nodes"]
    ]


def test_the_stories_and_the_self_check_work_on_the_site_with_no_kernel(offline, artifacts):
    page = offline.open(PAGE)
    offline.wait_rendered(page)
    uk, rules = load_triage_rules(region="uk"), load_triage_rules()

    # a practice story: choose, Check, the feedback and why; on to the next story
    stories = page.locator(".case-page").first
    first = load_cases().stories[0]
    stories.get_by_role("radio", name=rules.outcome("book_visit").choice, exact=True).check()
    stories.locator(".case-check").click()
    expect(stories.locator(".case-feedback")).to_contain_text(first.reason)
    expect(stories.locator(".case-tally")).to_contain_text("Stories checked: 1 of")
    stories.locator(".case-feedback").screenshot(path=str(artifacts / "site-selfcheck-story-feedback.png"))
    stories.locator(".case-next").click()
    expect(stories.locator(".case-heading")).to_have_text(load_cases().stories[1].title)

    # the region, picked on the page and kept over a reload
    form = page.locator(".selfcheck-page").first
    form.locator(".lesson-region select").select_option("uk")
    page.reload()
    offline.wait_rendered(page)
    form = page.locator(".selfcheck-page").first
    expect(form.locator(".lesson-region select")).to_have_value("uk")
    expect(page.locator(".case-page .lesson-region select").first).to_have_value("uk")  # the stories follow

    # the personal check, step by step; each step with its buttons fits the 768 px screen
    form.locator(".selfcheck-mode").get_by_role("radio", name=uk.form.mode_own, exact=True).check()
    submit = form.locator(".selfcheck-submit")
    heights = {}
    for step in ("sudden", "today"):
        card = form.locator(f".selfcheck-step-{step}")
        expect(card).to_be_visible()
        card.evaluate("e => e.scrollIntoView({block: 'start'})")
        top, bottom = card.bounding_box()["y"], submit.bounding_box()
        heights[step] = bottom["y"] + bottom["height"] - top
        page.screenshot(path=str(artifacts / f"site-selfcheck-step-{step}-768.png"))
        for select in card.locator("select").all():
            select.select_option("no")
        if step == "today":
            card.get_by_role("combobox", name=uk.item("injury_cannot_walk").label, exact=True).select_option(
                label=next(o.text for o in uk.step("today").options if o.id == "yes")
            )
        submit.click()
    assert all(h <= SCREEN["height"] for h in heights.values()), heights
    verdict = form.locator(".selfcheck-result .selfcheck-urgent_care")
    expect(verdict.locator("h4")).to_contain_text(uk.outcome("urgent_care").title)
    expect(verdict).to_contain_text("A&E, an urgent treatment centre or a minor injuries unit")
    assert page.evaluate("() => document.activeElement.classList.contains('lesson-verdict')")
    form.locator(".selfcheck-result").screenshot(path=str(artifacts / "site-selfcheck-verdict-768.png"))
    assert axe(page, [".selfcheck-page", ".case-page"]) == []

    # exploring: the example is one press past the mode choice
    form.locator(".selfcheck-mode").get_by_role("radio", name=uk.form.mode_own, exact=True).focus()
    page.keyboard.press("ArrowDown")  # the arrow keys move inside the group (one Tab stop)
    expect(form.locator(".selfcheck-mode input[value='explore']")).to_be_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.classList.contains('selfcheck-skip')")
    page.keyboard.press("Enter")
    expect(form.locator(".selfcheck-example")).to_contain_text(uk.example.label)
    expect(form.locator(".selfcheck-verdict")).to_have_count(0)
