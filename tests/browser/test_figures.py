"""The figures in the browser: a simulator choice redraws the recording; the foot map explains a chosen part."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from widgets import anatomy, simulation
from .lab import lesson_showing
from widgets.load import load_regions
from widgets.views.simulator import noticed_level

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]


def lesson_with(one_liner: str) -> str:
    found = lesson_showing(one_liner)
    assert found, f"no lesson notebook shows {one_liner}()"
    return found


def test_simulator_choice_redraws_the_figure(ran_lesson, artifacts):
    notebook = lesson_with("simulator")
    calm = noticed_level(simulation.muscle_signal(dict(simulation.CALM), seed=0))
    chosen = {"caffeine": "a lot", "stress": "high"}
    excited = noticed_level(simulation.muscle_signal(dict(simulation.CALM, **chosen), seed=0))
    assert calm != excited
    page = ran_lesson(notebook)
    sim = page.notebook_panel.locator(".simulator").first
    plot = sim.locator(".simulator-figure .js-plotly-plot")
    expect(plot.locator(".annotation-text")).to_contain_text(f"twitching you would notice: {calm}")
    before = plot.locator(".scatterlayer .js-line").first.get_attribute("d")

    for name, value in chosen.items():
        sim.locator(f".simulator-{name}").get_by_role("button", name=value, exact=True).click()
    expect(plot.locator(".annotation-text")).to_contain_text(f"twitching you would notice: {excited}")
    expect(sim.locator(".simulator-count")).to_contain_text(f"Twitching you would notice: {excited}")
    assert plot.locator(".scatterlayer .js-line").first.get_attribute("d") != before
    expect(sim.locator(".figure-caption")).to_have_css("font-style", "italic")     # styled by lessons.css
    sim.screenshot(path=str(artifacts / "simulator.png"))


def _point_only_in(region_id: str) -> tuple[float, float]:
    """A point of the drawing inside `region_id` and inside no other region (near the middle of those)."""
    others = [r.id for r in load_regions().regions if r.id != region_id]
    xs, ys = anatomy.region_xy(region_id)
    xs = [x for x in xs if x is not None]
    ys = [y for y in ys if y is not None]
    pts = [(min(xs) + (max(xs) - min(xs)) * i / 40, min(ys) + (max(ys) - min(ys)) * j / 40)
           for i in range(41) for j in range(41)]
    inside = [(x, y) for x, y in pts if anatomy.contains(region_id, x, y)
              and not any(anatomy.contains(o, x, y) for o in others)]
    assert inside, region_id
    cx, cy = sum(x for x, _ in inside) / len(inside), sum(y for _, y in inside) / len(inside)
    return min(inside, key=lambda p: (p[0] - cx) ** 2 + (p[1] - cy) ** 2)


def test_foot_map_explains_a_region_chosen_from_the_list_and_by_a_click(ran_lesson, artifacts):
    regions = load_regions()
    listed, clicked = regions.region("tarsal-tunnel"), regions.region("peroneal-muscles")
    page = ran_lesson(lesson_with("foot_map"))
    fmap = page.notebook_panel.locator(".foot-map").first
    explanation = fmap.locator(".foot-map-explanation")

    fmap.locator(".foot-map-region-list").get_by_role("button", name=listed.name, exact=True).click()
    expect(explanation).to_contain_text(listed.name)
    expect(explanation).to_contain_text(listed.explanation)
    expect(fmap.locator(".foot-map-questions")).to_contain_text("quiz")

    # a click on the drawing, at a point inside that region only
    x, y = _point_only_in(clicked.id)
    plot = fmap.locator(".foot-map-figure .js-plotly-plot")
    plot.scroll_into_view_if_needed()
    expect(plot.locator(".annotation-text", has_text=listed.name)).to_have_count(1)
    px, py = plot.evaluate(
        """(gd, [x, y]) => { const fl = gd._fullLayout, r = gd.getBoundingClientRect();
             return [r.left + fl.xaxis._offset + fl.xaxis.l2p(x), r.top + fl.yaxis._offset + fl.yaxis.l2p(y)]; }""",
        [x, y])
    page.page.mouse.click(px, py)
    expect(explanation).to_contain_text(clicked.explanation)
    expect(fmap.locator(".foot-map-region-list").get_by_role("button", name=clicked.name, exact=True)
           ).to_have_class(re.compile(r"\bmod-active\b"))
    expect(fmap.locator(".foot-map-figure .annotation-text", has_text=re.compile(re.escape(clicked.name)))
           ).to_have_count(1)
    fmap.screenshot(path=str(artifacts / "foot-map.png"))
