"""The course tab on a busy machine: every kernel starts 4 s late (tests/browser/slow_kernels.py, a test-only server
setting), as when CI or a class's hub has every core busy. A lesson still runs by itself as soon as its kernel exists,
is never shown as "stopped" while its kernel is only starting, and the next lesson (Next, Back, the file browser)
gets the same kernel handed over instead of waiting for a new one: one kernel all along.
"""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from tests.browser.lab import ERROR_OUTPUT, LabPage, start_course_lab
from widgets.content.load import load_course

pytestmark = pytest.mark.browser

LESSONS = [l.notebook for l in load_course().lessons]
TEXTS = load_course().tab
TABS = ".lm-DockPanel-tabBar .lm-TabBar-tab"
HEADER = ".jp-NotebookPanel:not(.lm-mod-hidden) .lessons-course-header"
DELAY = 4.0

# Counts, in the page, every "stopped" note the course tab ever shows (a kernel still starting is not a stopped one).
_WATCH = """() => {
  const w = window.__lessonsSlow = {stopped: 0};
  new MutationObserver((changes) => {
    for (const c of changes) for (const n of c.addedNodes)
      if (n.nodeType === 1 && n.matches('.lesson-stopped-note, :has(.lesson-stopped-note)')) w.stopped++;
  }).observe(document, {subtree: true, childList: true});
}"""


@pytest.fixture(scope="module")
def lab(browser):
    with start_course_lab(timeout=120, slow_kernels=DELAY) as running:
        yield running


def _started(lab) -> int:
    """How many kernels the server started so far (its log says each)."""
    return lab.log.read_text(encoding="utf-8", errors="replace").count("Kernel started:")


def _kernel(lab, notebook: str) -> str:
    """The id of the one kernel on the server, which is `notebook`'s (its only session)."""
    kernels = lab.kernels()
    sessions = [(s["path"], s["kernel"]["id"]) for s in lab.api("GET", "/api/sessions") if s.get("kernel")]
    assert len(kernels) == 1 and [p for p, _ in sessions] == [notebook], (kernels, sessions)
    assert sessions[0][1] == kernels[0]["id"]
    return str(kernels[0]["id"])


def _ready(page: LabPage, notebook: str) -> LabPage:
    page.page.locator(f"{TABS}.lm-mod-current", has_text=notebook).wait_for(timeout=60_000)
    here = LabPage(page.page, page.lab, notebook)
    here.wait_rendered(60_000)
    assert not here.problems(), here.problems()
    assert here.notebook_panel.locator(f".jp-Cell-outputArea {ERROR_OUTPUT}").count() == 0
    expect(here.page.locator(TABS)).to_have_count(1)
    assert here.page.evaluate("() => window.__lessonsSlow.stopped") == 0, "a starting kernel was shown as stopped"
    return here


def test_with_slow_kernel_starts_a_lesson_runs_once_its_kernel_exists_and_the_next_ones_get_it_handed_over(
    browser, lab
):
    raw = browser.context.new_page()
    raw.set_default_timeout(60_000)
    try:
        raw.add_init_script(f"({_WATCH})()")
        raw.goto(lab.page_url(LESSONS[1]))
        page = _ready(LabPage(raw, lab, LESSONS[1]), LESSONS[1])
        first = _kernel(lab, LESSONS[1])
        assert _started(lab) == 1, "a second kernel was started for a lesson whose first one was still starting"
        # Next (the lesson text's link): the same kernel, now the next lesson's; its widgets drawn, none of the last's
        t = time.monotonic()
        para = page.notebook_panel.locator(".jp-RenderedMarkdown p", has_text="Next:")
        para.last.locator("a").first.click()
        page = _ready(page, LESSONS[2])
        handed = time.monotonic() - t
        assert _kernel(lab, LESSONS[2]) == first
        views = page.notebook_panel.locator(".jp-Cell-outputArea .lesson-view").count()
        assert views == page.page.locator(".lesson-view:not(.lesson-view .lesson-view)").count()
        # Back (the header's button), then a lesson opened from the file browser: still that kernel
        page.page.locator(HEADER).get_by_role("link", name=TEXTS.back).click()
        page = _ready(page, LESSONS[1])
        page.page.locator(".jp-DirListing-item", has_text=LESSONS[3]).dblclick()
        page = _ready(page, LESSONS[3])
        assert _kernel(lab, LESSONS[3]) == first
        assert _started(lab) == 1
        # a kernel stopped from outside (a culler): the new one starts late too, and the lesson runs on it by itself
        lab.shutdown_kernels()
        raw.wait_for_function("() => window.__lessonsSlow.stopped > 0", timeout=30_000)
        raw.evaluate("() => { window.__lessonsSlow.stopped = 0; }")
        raw.wait_for_function(
            "(panel) => !document.querySelector(panel).querySelector('.lesson-stopped')",
            arg=LabPage.NOTEBOOK,
            timeout=60_000,
        )
        page = _ready(page, LESSONS[3])
        assert _kernel(lab, LESSONS[3]) != first
        assert _started(lab) == 2
        print(f"next with a handed-over kernel: {handed:.1f} s (a kernel start alone takes {DELAY} s more here)")
    finally:
        raw.close()
        lab.shutdown_kernels()
