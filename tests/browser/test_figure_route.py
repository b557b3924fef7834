"""Figures are drawn in place by the page's own plotly.js (marker ``data-route="react"``), else the old way."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .lab import LabPage

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]

FIGURE_NOTEBOOKS = [  # (notebook, figures it shows at least)
    ("01_what_is_a_twitch.ipynb", 3),
    ("02_lifestyle_triggers.ipynb", 1),
    ("03_local_foot_causes.ipynb", 1),
    ("instructor/class_results.ipynb", 1),
]

# Every FigureView canvas: its route marker, whether it holds a drawn plotly graph, and whether its holder
# also shows an old-route (mimebundle) figure; hidden holders (class results before any file) left out.
_ROUTES = """(panel) => [...document.querySelector(panel).querySelectorAll('.figure-view')]
  .filter((v) => v.parentElement.offsetParent).map((v) => ({
  route: v.getAttribute('data-route'),
  drawn: !!v.querySelector('.js-plotly-plot .main-svg .scatterlayer, .js-plotly-plot .main-svg .barlayer'),
  old: !!v.parentElement.querySelector('.jp-RenderedPlotly'),
  alt: (v.querySelector('.figure-alt') || {}).textContent || '',
}))"""

# Hide plotly from the page: no window.Plotly, and jupyterlab-plotly's container answers only JupyterLab's
# own first request (at start-up) for its module, so a FigureView's lookup fails as on a front end without it.
HIDE_PLOTLY = """
Object.defineProperty(window, 'Plotly', {get() { return undefined; }, set(v) {}, configurable: false});
window._JUPYTERLAB = new Proxy({}, {set(target, key, value) {
  if (key === 'jupyterlab-plotly') {
    const real = value; let asked = 0;
    value = {init: (...a) => real.init(...a),
             get: (m) => (asked++ ? Promise.reject(new Error('hidden by the test')) : real.get(m))};
  }
  target[key] = value; return true;
}});
"""


@pytest.mark.parametrize("notebook,least", FIGURE_NOTEBOOKS)
def test_every_figure_is_drawn_in_place_by_the_pages_plotly(notebook, least, ran_lesson, artifacts):
    page = ran_lesson(notebook)
    views = page.page.evaluate(_ROUTES, page.NOTEBOOK)
    assert len(views) >= least, views
    for v in views:
        assert v["route"] == "react", f"{notebook}: a figure fell back ({views})"
        assert v["drawn"] and not v["old"] and v["alt"].strip(), views
    page.notebook_panel.locator(".figure-view >> visible=true").first.screenshot(
        path=str(artifacts / f"figure-route-{notebook.replace('/', '-')}.png")
    )


def test_a_choice_redraws_in_the_same_view_and_going_back_switches_to_the_kept_drawing(ran_lesson):
    page = ran_lesson("01_what_is_a_twitch.ipynb")
    sim = page.notebook_panel.locator(".simulator").first
    view = sim.locator(".figure-view")
    plot = view.locator(".js-plotly-plot.figure-shown")
    plot.scroll_into_view_if_needed()
    # on the screen and idle, the view draws every choice one click away (3 controls: 5 other options, and the next
    # recording) beside the one shown
    expect(view.locator(".js-plotly-plot")).to_have_count(7, timeout=20_000)
    first, kept_view = plot.element_handle(), view.element_handle()
    draws = int(view.get_attribute("data-draws"))
    before = plot.locator(".scatterlayer .js-line").first.get_attribute("d")
    current = sim.locator(".simulator-caffeine button.mod-active").inner_text()
    other = "a lot" if current != "a lot" else "none"
    sim.locator(".simulator-caffeine").get_by_role("button", name=other, exact=True).click()
    expect(view).to_have_attribute("data-draws", str(draws + 1))
    assert plot.locator(".scatterlayer .js-line").first.get_attribute("d") != before
    assert view.locator(".js-plotly-plot.figure-shown").count() == 1
    assert first.evaluate("(gd) => gd.isConnected && getComputedStyle(gd).visibility === 'hidden'")
    # back to the first choice: the view shows its kept drawing again, the same element, as it was
    sim.locator(".simulator-caffeine").get_by_role("button", name=current, exact=True).click()
    expect(view).to_have_attribute("data-draws", str(draws + 2))
    assert first.evaluate(
        "(gd) => gd.classList.contains('figure-shown') && getComputedStyle(gd).visibility === 'visible'"
    )
    assert plot.locator(".scatterlayer .js-line").first.get_attribute("d") == before
    assert kept_view.evaluate("(v) => v.isConnected && v.querySelectorAll('.figure-shown').length === 1")
    assert (
        page.page.evaluate("(v) => document.querySelectorAll('.simulator .figure-view').length", None)
        == page.notebook_panel.locator(".simulator .figure-view").count()
    )


def test_without_plotly_in_the_page_the_figure_falls_back_and_still_draws(lab, browser, artifacts):
    seen = len(browser.requests)
    lab.shutdown_kernels(["02_lifestyle_triggers.ipynb"])
    tab = browser.context.new_page()
    try:
        tab.add_init_script(HIDE_PLOTLY)
        tab.set_default_timeout(60_000)
        tab.goto(lab.page_url("02_lifestyle_triggers.ipynb"))
        page = LabPage(tab, lab, "02_lifestyle_triggers.ipynb")
        page.wait_kernel_idle()
        page.run_all()
        views = tab.evaluate(_ROUTES, page.NOTEBOOK)
        assert views and all(v["route"] == "fallback" for v in views), views
        assert all(v["old"] for v in views), views  # the mimebundle route drew it
        holder = page.notebook_panel.locator(".simulator-figure").first
        expect(holder.locator(".jp-RenderedPlotly.js-plotly-plot .main-svg").first).to_be_attached()
        holder.screenshot(path=str(artifacts / "figure-fallback.png"))
        sim = page.notebook_panel.locator(".simulator").first
        line = holder.locator(".jp-RenderedPlotly .scatterlayer .js-line").first
        before = line.get_attribute("d")
        current = sim.locator(".simulator-caffeine button.mod-active").inner_text()
        other = "a lot" if current != "a lot" else "none"
        sim.locator(".simulator-caffeine").get_by_role("button", name=other, exact=True).click()
        sim.locator(".simulator-stress").get_by_role("button", name="high", exact=True).click()
        # the page still runs its controls and words; the kernel draws each choice the old way
        expect(sim.locator(".simulator-stress button.mod-active")).to_have_text("high")
        expect(holder.locator(".jp-RenderedPlotly .scatterlayer .js-line").first).not_to_have_attribute("d", before)
        expect(holder.locator(".jp-RenderedPlotly")).to_have_count(1)  # replaced, not added
        assert tab.evaluate("() => window.Plotly") is None
    finally:
        tab.close()
        lab.shutdown_kernels(["02_lifestyle_triggers.ipynb"])
    assert not browser.foreign_requests(lab, since=seen)


def test_without_plotly_the_motor_unit_still_steps_in_the_page_and_the_kernel_draws_each_step(lab, browser, artifacts):
    """The page's own controls need no plotly: Back, Next and the mode still answer, and the kernel, told the
    choice, draws that step the old way (one mimebundle figure, replaced each time)."""
    import nbformat

    from widgets.views import motor_unit as mu

    notebook = "fallback_motor_unit.ipynb"
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("from widgets import motor_unit\nmotor_unit()")])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(nb, lab.root / notebook)
    seen = len(browser.requests)
    tab = browser.context.new_page()
    try:
        tab.add_init_script(HIDE_PLOTLY)
        tab.set_default_timeout(60_000)
        tab.goto(lab.page_url(notebook))
        page = LabPage(tab, lab, notebook)
        page.wait_kernel_idle()
        page.menu("Run", "Run All Cells")
        unit = page.notebook_panel.locator(".motor-unit").first
        expect(unit.locator(".figure-view")).to_have_attribute("data-route", "fallback")
        old = unit.locator(".motor-unit-figure .jp-RenderedPlotly")
        m = mu.motor_unit()

        def drawn_by_the_kernel() -> None:
            expect(unit.locator(".motor-unit-step")).to_have_text(f"{m.texts['head']} {m.texts['text']}")
            expect(old.locator(".gtitle")).to_have_text(m.figure["layout"]["title"]["text"], timeout=15_000)
            expect(old).to_have_count(1)  # replaced, not added

        drawn_by_the_kernel()
        for act, press in ((m.next, ".motor-unit-next"), (m.next, ".motor-unit-next"), (m.back, ".motor-unit-back")):
            unit.locator(press).click()
            act()
            drawn_by_the_kernel()
        unit.locator(".motor-unit-mode").get_by_role("button", name="misfire (twitch)", exact=True).click()
        m.set_mode("misfire")
        drawn_by_the_kernel()
        expect(unit.locator(".motor-unit-back")).to_be_disabled()
        unit.screenshot(path=str(artifacts / "motor-unit-fallback.png"))
        assert tab.evaluate("() => window.Plotly") is None
    finally:
        tab.close()
        lab.shutdown_kernels([notebook])
        (lab.root / notebook).unlink()
    assert not browser.foreign_requests(lab, since=seen)


# Plotly's own drawing calls, counted on every drawing of a view: a switch to a kept drawing must make none.
_COUNT_PLOTLY = """(view) => {
  window.__plotlyCalls = 0;
  for (const gd of view.querySelectorAll('.js-plotly-plot')) {
    gd.setAttribute('data-test-kept', '');  // each drawing there before the clicks
    gd.on('plotly_afterplot', () => window.__plotlyCalls++);
  }
}"""


def test_the_foot_map_draws_every_part_ahead_and_a_choice_only_switches(ran_lesson):
    page = ran_lesson("03_local_foot_causes.ipynb")
    fmap = page.notebook_panel.locator(".foot-map").first
    view = fmap.locator(".figure-view")
    view.scroll_into_view_if_needed()
    regions = fmap.locator(".foot-map-region-list button")
    # every part's drawing (and the one with no part chosen) is made while the page is idle, one is shown
    expect(view.locator(".js-plotly-plot")).to_have_count(regions.count() + 1, timeout=20_000)
    expect(view.locator(".js-plotly-plot.figure-shown")).to_have_count(1)
    view.evaluate(_COUNT_PLOTLY)
    for i in range(regions.count()):
        draws = int(view.get_attribute("data-draws"))
        regions.nth(i).click()
        expect(view).to_have_attribute("data-draws", str(draws + 1))
        shown = view.locator(".js-plotly-plot.figure-shown")
        expect(shown.locator(".annotation-text", has_text=regions.nth(i).inner_text())).to_have_count(1)
        assert shown.get_attribute("data-test-kept") == ""  # one of the drawings made ahead
    assert page.page.evaluate("window.__plotlyCalls") == 0  # switching drew nothing
