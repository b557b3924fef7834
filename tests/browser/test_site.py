"""The static site (`make site`, tools/site.py) in a real Chromium, opened from file:// with no kernel and no
network: every page loads only its own files, every widget renders, figures are drawn in place, a quiz grades
and keeps its answer over a reload, and the simulator answers its controls.

The site is built once (module fixture) into a temporary folder. Each test gets its own browser context (its
own localStorage) that records every request and refuses any that is not file://, so a test fails on a
request that would have left the machine instead of making it.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tools import site
from widgets.content.load import load_bank, load_course
from widgets.views import motor_unit as mu

from .lab import lesson_showing, widget_cells

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

LESSONS = [lesson.notebook for lesson in load_course().lessons]
FIGURE_WIDGETS = {"motor_unit", "twitch_vs_cramp", "simulator", "foot_map"}  # one-liners that show a FigureView
LOCAL = ("file", "data", "blob")  # a page's own files, inline data and objects it made itself: no network

# Every FigureView: its route marker and whether it holds a drawn plotly graph.
_FIGURES = """() => [...document.querySelectorAll('.figure-view')].map((v) => ({
  route: v.getAttribute('data-route'),
  draws: Number(v.getAttribute('data-draws') || 0),
  drawn: !!v.querySelector('.js-plotly-plot .main-svg .scatterlayer, .js-plotly-plot .main-svg .barlayer'),
}))"""


# Per cell with widgets: does it hold an ipywidgets control (a click there only tells Python), and does it carry
# the site's note that this part needs Python? Found from what the page drew, not from the builder's rule.
_NEEDS_PYTHON = """() => [...document.querySelectorAll('.jp-Cell')].filter((c) => c.querySelector('.lesson-view'))
  .map((c) => ({
    controls: !!c.querySelector('.widget-button, .widget-toggle-buttons, .widget-radio, .widget-checkbox, '
      + '.widget-dropdown, .widget-text, .widget-upload, .widget-slider'),
    note: !!c.querySelector('.site-needs-python'),
  }))"""


@pytest.fixture(scope="module")
def built(built_site):
    """The site built once for the run (tests/conftest.py), shared with tests/integration/test_site.py; read here,
    never changed."""
    site.report(built_site.pages, built_site.seconds, built_site.out)
    return built_site.out


class Offline:
    """A fresh browser context over the site: requests recorded (anything not local refused), console errors kept."""

    def __init__(self, browser, out, viewport: dict | None = None):
        self.out = out
        self.context = browser.browser.new_context(viewport=viewport or {"width": 1280, "height": 900})
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.context.route(re.compile(r"^(?!file:|data:|blob:)"), lambda route: route.abort())

    def open(self, page_name: str):
        page = self.context.new_page()
        page.set_default_timeout(30_000)
        page.on("console", lambda m: m.type == "error" and self.errors.append(f"{page_name}: {m.text}"))
        page.on("pageerror", lambda e: self.errors.append(f"{page_name}: {e}"))
        page.goto((self.out / page_name).as_uri())
        return page

    def wait_rendered(self, page) -> None:
        """Every widget output of the page rendered (the renderer puts each view after its state script)."""
        expected = page.locator('script[type="application/vnd.jupyter.widget-view+json"]').count()
        page.wait_for_function(
            "(n) => document.querySelectorAll('.jupyter-widgets.lesson-view').length >= n", arg=expected
        )

    def foreign(self) -> list[str]:
        return [u for u in self.requests if u.split(":", 1)[0] not in LOCAL]


@pytest.fixture
def offline(browser, built):
    o = Offline(browser, built)
    yield o
    o.context.close()
    assert not o.foreign(), f"requests that were not file://: {o.foreign()[:5]}"
    assert not o.errors, f"console errors: {o.errors[:5]}"


@pytest.mark.parametrize("notebook", LESSONS)
def test_each_lesson_page_works_from_file_with_no_network(offline, notebook, artifacts):
    page = offline.open(site.page_name(notebook))
    offline.wait_rendered(page)
    figure_cells = sum(1 for name in widget_cells(notebook) if name in FIGURE_WIDGETS)
    if figure_cells:
        page.wait_for_function("(n) => document.querySelectorAll('.figure-view[data-draws]').length >= n", arg=1)
    figures = page.evaluate(_FIGURES)
    assert len(figures) >= figure_cells, figures
    for f in figures:
        assert f["route"] == "react" and f["draws"] >= 1 and f["drawn"], f"{notebook}: {figures}"
    marks = page.evaluate(_NEEDS_PYTHON)
    assert all(m["note"] == m["controls"] for m in marks), f"{notebook}: {marks}"
    body = page.inner_text("body")
    for broken in ("Error displaying widget", "Loading widget", "model not found", "Traceback"):
        assert broken not in body, f"{notebook}: {broken!r}"
    assert offline.requests[0] == page.url  # the recorder saw the page itself (the fixture checks the rest)
    page.screenshot(path=str(artifacts / f"site-{site.page_name(notebook)}.png"))


def test_the_index_leads_to_the_first_lesson_and_its_next_link_to_the_second(offline):
    page = offline.open("index.html")
    hrefs = [a.get_attribute("href") for a in page.locator("main a").all()]
    assert hrefs == [site.page_name(n) for n in LESSONS]
    page.locator("main a").first.click()
    page.wait_for_url(re.compile(re.escape(site.page_name(LESSONS[0])) + "$"))
    page.locator(f'a[href="{site.page_name(LESSONS[1])}"]').last.click()
    page.wait_for_url(re.compile(re.escape(site.page_name(LESSONS[1])) + "$"))
    expect(page.locator(".site-nav a")).to_have_attribute("href", "index.html")


def _shown_question(page):
    """The quiz card on screen (the quiz shows one question at a time)."""
    question = page.locator(".quiz").first.locator(".quiz-question:not([hidden])")
    question.scroll_into_view_if_needed()
    return question


def test_a_quiz_grades_in_the_page_and_its_answer_survives_a_reload(offline):
    question = load_bank("01-physiology").question("s1")  # the lesson's first quiz: quiz("01-physiology", ["s1"])
    right = next(o.text for o in question.options if o.id == question.answer)
    wrong = next(o.text for o in question.options if o.id != question.answer)
    page = offline.open(site.page_name("01_what_is_a_twitch.ipynb"))
    offline.wait_rendered(page)
    expect(page.locator(".quiz-page").first).to_have_attribute("data-kernel", "static")  # it knows: no kernel
    card = _shown_question(page)
    feedback = card.locator(".quiz-feedback")
    card.get_by_role("radio", name=wrong, exact=True).check()
    card.locator(".quiz-check").click()
    expect(feedback).to_have_attribute("data-stage", "hint", timeout=3_000)  # graded: wrong, a hint first
    card.get_by_role("radio", name=right, exact=True).check()
    card.locator(".quiz-check").click()
    expect(feedback).to_have_attribute("data-stage", "right", timeout=3_000)
    shown = feedback.text_content()
    kept = page.evaluate("() => Object.keys(localStorage).sort()")  # per site folder and learner code
    folder = f"foot-twitch-lessons:site:{offline.out.as_uri()}/"
    assert len(kept) == 2 and kept[0] == f"{folder}learner" and kept[1].startswith(f"{folder}progress:learner-")
    page.reload()
    offline.wait_rendered(page)
    card = _shown_question(page)
    expect(card.locator(".quiz-feedback")).to_have_attribute("data-stage", "right", timeout=5_000)
    expect(card.locator(".quiz-feedback")).to_have_text(shown)
    expect(card.get_by_role("radio", name=right, exact=True)).to_be_checked()


def test_the_simulator_redraws_in_place_when_a_control_changes(offline):
    page = offline.open(site.page_name("02_lifestyle_triggers.ipynb"))
    offline.wait_rendered(page)
    sim = page.locator(".simulator").first
    view = sim.locator(".figure-view")
    view.scroll_into_view_if_needed()
    expect(view).to_have_attribute("data-draws", re.compile(r"^[1-9]"))
    draws = int(view.get_attribute("data-draws"))
    line = view.locator(".figure-shown .scatterlayer .js-line").first  # the drawing shown (others are kept)
    before = line.get_attribute("d")
    sim.locator(".simulator-caffeine").get_by_role("button", name="a lot", exact=True).click()
    expect(view).to_have_attribute("data-draws", str(draws + 1), timeout=3_000)
    assert line.get_attribute("d") != before


def test_the_motor_unit_steps_in_the_page_with_no_kernel(offline):
    notebook = lesson_showing("motor_unit")
    assert notebook, "no lesson shows motor_unit()"
    page = offline.open(site.page_name(notebook))
    offline.wait_rendered(page)
    unit = page.locator(".motor-unit").first
    view = unit.locator(".figure-view")
    view.scroll_into_view_if_needed()
    expect(view).to_have_attribute("data-draws", re.compile(r"^[1-9]"))
    m = mu.motor_unit()
    # the site keeps the figure's full description for screen readers, out of sight, and shows one line
    root = unit.locator(".pagefig-layout")
    described = root.get_attribute("aria-describedby")
    assert described and root.get_attribute("role") == "figure"
    description = page.locator(f"[id='{described}']")
    expect(description).to_have_text(" ".join(m.figure_text["description"].split()))
    assert (description.bounding_box() or {}).get("width", 0) <= 1
    expect(unit.locator(".pagefig-notice")).to_have_text(f"{m.figure_text['label']} {m.figure_text['notice']}")
    for press, act in ((".motor-unit-next", m.next), (".motor-unit-next", m.next), (".motor-unit-back", m.back)):
        draws = int(view.get_attribute("data-draws"))
        unit.locator(press).click()
        act()
        expect(view).to_have_attribute("data-draws", str(draws + 1), timeout=3_000)
        expect(unit.locator(".motor-unit-step")).to_have_text(f"{m.texts['head']} {m.texts['text']}")
        expect(view.locator(".figure-alt")).to_have_text(m.texts["alt"])


class Served:
    """The built site served by ``python -m http.server`` on 127.0.0.1 (a school web space, as a browser sees it:
    a secure context, so the service worker runs); `stop()` takes the server away (the network gone)."""

    def __init__(self, out):
        import socket
        import subprocess
        import sys
        import time
        import urllib.request

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = s.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}/"
        self.process = subprocess.Popen(
            [sys.executable, "-m", "http.server", str(self.port), "--bind", "127.0.0.1", "--directory", str(out)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 20
        while True:
            try:
                urllib.request.urlopen(self.url, timeout=2).close()
                break
            except OSError:
                assert time.monotonic() < deadline and self.process.poll() is None, "http.server did not start"
                time.sleep(0.1)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


def test_served_over_http_the_site_keeps_working_offline_after_the_first_visit(browser, built, artifacts):
    """Opened from a local web server: the service worker installs and keeps the whole build; with the server
    stopped, a lesson page (not yet visited) still loads from it, its widgets render and a quiz grades; no request
    leaves 127.0.0.1."""
    served = Served(built)
    context = browser.browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="allow")
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    context.route(re.compile(rf"^(?!{re.escape(served.url)}|data:|blob:)"), lambda route: route.abort())
    try:
        page = context.new_page()
        page.set_default_timeout(60_000)
        page.goto(served.url + "index.html")
        expect(page.locator("footer.site-footer")).to_contain_text("next check due")
        cache = page.evaluate(
            """async () => { const r = await navigator.serviceWorker.ready;
                 await new Promise((ok) => { const w = r.active; if (w.state === 'activated') ok();
                   else w.addEventListener('statechange', () => w.state === 'activated' && ok()); });
                 const keys = await caches.keys(); const c = await caches.open(keys[0]);
                 return { keys, n: (await c.keys()).length }; }"""
        )
        files = sum(1 for p in built.rglob("*") if p.is_file() and p.name != "sw.js")
        assert len(cache["keys"]) == 1 and cache["keys"][0].startswith("foot-lessons-")
        assert cache["n"] >= files, (cache, files)
        served.stop()
        lesson = site.page_name("01_what_is_a_twitch.ipynb")
        page.goto(served.url + lesson)  # never visited before, and the server is gone
        page.wait_for_function(
            "(n) => document.querySelectorAll('.jupyter-widgets.lesson-view').length >= n",
            arg=page.locator('script[type="application/vnd.jupyter.widget-view+json"]').count(),
        )
        question = load_bank("01-physiology").question("s1")
        right = next(o.text for o in question.options if o.id == question.answer)
        card = _shown_question(page)
        card.get_by_role("radio", name=right, exact=True).check()
        card.locator(".quiz-check").click()
        expect(card.locator(".quiz-feedback")).to_have_attribute("data-stage", "right", timeout=5_000)
        page.screenshot(path=str(artifacts / "site-offline-from-service-worker.png"))
    finally:
        served.stop()
        context.close()
    assert all(u.startswith((served.url, "data:", "blob:")) for u in requests), [
        u for u in requests if not u.startswith(served.url)
    ][:5]
