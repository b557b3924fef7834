"""The course as one tab (the JupyterLab extension in labextension/, installed as ``lab_server --install`` does):
Next through every lesson, the end page, and Back again, at 1400 and 800 px, leaves one tab and one kernel, needs no
Run All and shows no error cell. Screenshots: tests/artifacts/course-tab/.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import expect

from tests.browser.lab import ERROR_OUTPUT, LabPage, start_course_lab
from widgets.content.load import load_course

pytestmark = pytest.mark.browser

LESSONS = [l.notebook for l in load_course().lessons]
TEXTS = load_course().tab
HEADER = ".jp-NotebookPanel:not(.lm-mod-hidden) .lessons-course-header"
TABS = ".lm-DockPanel-tabBar .lm-TabBar-tab"


@pytest.fixture(scope="module")
def lab(browser):
    with start_course_lab(timeout=120) as running:
        yield running


def _one_kernel_for(lab, notebook: str, timeout: float = 30) -> None:
    """Within `timeout` s: exactly one kernel, and it is `notebook`'s (the lesson left behind let go of its own)."""
    deadline = time.monotonic() + timeout
    while True:
        kernels = lab.kernels()
        sessions = [s["path"] for s in lab.api("GET", "/api/sessions") if s.get("kernel")]
        if len(kernels) == 1 and sessions == [notebook]:
            return
        if time.monotonic() > deadline:
            raise AssertionError(f"after opening {notebook}: kernels {len(kernels)}, sessions {sessions}")
        time.sleep(0.5)


def _arrive(page: LabPage, notebook: str, shots, name: str) -> LabPage:
    """The tab now shows `notebook`, which ran by itself: every widget drawn, no error cell, one tab, one kernel."""
    page.page.locator(f"{TABS}.lm-mod-current", has_text=notebook).wait_for(timeout=60_000)
    here = LabPage(page.page, page.lab, notebook)
    n = LESSONS.index(notebook)
    place = TEXTS.start if n == 0 else TEXTS.lesson.format(number=n, count=len(LESSONS) - 1)
    expect(here.page.locator(HEADER)).to_contain_text(place, timeout=30_000)
    assert "null" not in here.page.locator(HEADER).inner_text()
    here.wait_rendered(90_000)  # no Run All: the lesson ran its own cells
    assert not here.problems(), here.problems()
    assert here.notebook_panel.locator(f".jp-Cell-outputArea {ERROR_OUTPUT}").count() == 0
    _one_kernel_for(page.lab, notebook)
    tabs = page.page.locator(TABS)
    expect(tabs).to_have_count(1)
    label = tabs.first.locator(".lm-TabBar-tabLabel")
    assert label.inner_text() == notebook
    fits = label.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    assert fits, f"the tab title {notebook!r} is cut off"
    # the header is not drawn over by the notebook (at 800 px it wraps onto two lines): its buttons take the click
    covered = here.page.locator(HEADER).evaluate(
        """(h) => [...h.querySelectorAll('.lessons-course-button')].filter((b) => {
            const r = b.getBoundingClientRect();
            const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
            return !(hit && b.contains(hit));
        }).map((b) => b.textContent)"""
    )
    assert not covered, f"header buttons covered: {covered}"
    page.page.screenshot(path=str(shots / f"{name}.png"))
    return here


def _follow(page: LabPage, which: str) -> None:
    """Click the lesson text's own "Next:" or "Back:" link (the last paragraph that starts so)."""
    para = page.notebook_panel.locator(".jp-RenderedMarkdown p", has_text=re.compile(rf"^{which}:"))
    para.last.locator("a").first.click()


@pytest.mark.parametrize("width", [1400, 800])
def test_next_through_the_course_and_back_keeps_one_tab_one_kernel_and_needs_no_run_all(browser, lab, artifacts, width):
    shots = artifacts / "course-tab"
    shots.mkdir(exist_ok=True)
    context = browser.browser.new_context(viewport={"width": width, "height": 900})
    try:
        raw = context.new_page()
        raw.set_default_timeout(60_000)
        raw.goto(lab.page_url(LESSONS[0]))
        page = _arrive(LabPage(raw, lab, LESSONS[0]), LESSONS[0], shots, f"{width}-00-start")
        # forward: the lessons' own Next links
        for n, notebook in enumerate(LESSONS[1:], start=1):
            _follow(page, "Next")
            page = _arrive(page, notebook, shots, f"{width}-{n:02d}-next")
        # the last lesson's header leads to the end page, in the same tab
        header = page.page.locator(HEADER)
        header.get_by_role("button", name=TEXTS.finish).click()
        end = raw.locator(".lessons-course-end")
        expect(end.get_by_role("heading", level=1)).to_have_text(load_course().end.title)
        expect(end.locator("h1")).to_be_focused()
        for text in (*load_course().end.learned, *load_course().end.next_steps, load_course().end.care):
            expect(end).to_contain_text(text)
        expect(raw.locator(TABS)).to_have_count(1, timeout=30_000)  # the last lesson's tab closed behind it
        deadline = time.monotonic() + 30
        while lab.kernels() and time.monotonic() < deadline:  # the last lesson let go of its kernel
            time.sleep(0.5)
        assert lab.kernels() == [], "a kernel is left behind the end page"
        raw.screenshot(path=str(shots / f"{width}-end.png"))
        end.get_by_role("button", name=load_course().end.back).click()
        page = _arrive(LabPage(raw, lab, LESSONS[-1]), LESSONS[-1], shots, f"{width}-05-again")
        # back: the header's Back button, then the lessons' own Back links
        page.page.locator(HEADER).get_by_role("link", name=TEXTS.back).click()
        page = _arrive(page, LESSONS[-2], shots, f"{width}-04-back")
        for n in range(len(LESSONS) - 3, -1, -1):
            _follow(page, "Back")
            page = _arrive(page, LESSONS[n], shots, f"{width}-{n:02d}-back")
    finally:
        context.close()
        lab.shutdown_kernels()


def test_a_lesson_opened_from_the_file_browser_replaces_the_open_one(browser, lab):
    page = LabPage.open(browser.context, lab, LESSONS[1])
    try:
        page.wait_rendered(90_000)
        page.page.locator(".jp-DirListing-item", has_text=LESSONS[3]).dblclick()
        page.page.locator(f"{TABS}.lm-mod-current", has_text=LESSONS[3]).wait_for()
        _one_kernel_for(lab, LESSONS[3])
        expect(page.page.locator(TABS)).to_have_count(1)
    finally:
        page.close()
        lab.shutdown_kernels()


def test_the_keyboard_path_into_the_activities_and_focus_after_run_all(browser, lab):
    notebook = LESSONS[1]
    page = LabPage.open(browser.context, lab, notebook)
    try:
        page.wait_rendered(90_000)
        first = page.notebook_panel.locator(".jp-RenderedMarkdown").first
        expect(first).to_contain_text("Alt + A")  # the "To start" box names the way in
        page.notebook_panel.locator(".jp-Cell").last.click()  # the learner is somewhere in the lesson
        page.page.keyboard.press("Escape")
        page.page.keyboard.press("Alt+a")
        focused = page.page.evaluate(
            "() => !!document.activeElement.closest('.jp-Cell-outputArea .lesson-view')"
            " && document.activeElement.matches('button, input, select, textarea, a[href], [tabindex]')"
        )
        assert focused, page.page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)")
        # the skip link says the same, and is the first stop of the header
        skip = page.page.locator(HEADER).get_by_role("link", name=TEXTS.skip)
        assert TEXTS.skip_hint == skip.get_attribute("title")
        # after Run All the focus is at the top of the lesson (the skip link), not on its last cell
        page.run_all()
        page.page.wait_for_function(
            "() => document.activeElement && document.activeElement.classList.contains('lessons-course-skip')",
            timeout=10_000,
        )
        assert page.page.evaluate("() => document.activeElement.getBoundingClientRect().width") > 1  # shown
        page.page.keyboard.press("Enter")
        assert page.page.evaluate("() => !!document.activeElement.closest('.lesson-view')")
    finally:
        page.close()
        lab.shutdown_kernels()
