"""The figures in the browser. The simulator, twitch-vs-cramp, the foot map and the motor unit are computed in
the page: a choice redraws the same plotly element at once, also while the kernel is busy, and every line, the
text alternative included, is what Python computes for that choice."""

from __future__ import annotations

import ast
import contextlib
import json
import re
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.helpers import muscle_signal
from widgets.content.load import load_figure_texts, load_regions
from widgets.engine import anatomy, simulation
from widgets.views import foot_map as fm
from widgets.views import motor_unit as mu
from widgets.views import simulator as sv
from widgets.views import twitch_cramp as tc

from .lab import lesson_showing

pytestmark = [pytest.mark.browser, pytest.mark.timing, pytest.mark.timeout(240)]


def lesson_with(one_liner: str) -> str:
    found = lesson_showing(one_liner)
    assert found, f"no lesson notebook shows {one_liner}()"
    return found


@contextlib.contextmanager
def second_client(lab, notebook: str):
    """A second client of the notebook's kernel, beside the page's (its replies never reach the page)."""
    from jupyter_client import BlockingKernelClient

    (kernel,) = [s["kernel"]["id"] for s in lab.api("GET", "/api/sessions") if s["path"] == notebook]
    client = BlockingKernelClient(connection_file=str(Path(lab.root).parent / "runtime" / f"kernel-{kernel}.json"))
    client.load_connection_file()
    client.start_channels()
    try:
        yield client
    finally:
        client.stop_channels()


def in_kernel(lab, notebook: str, code: str, value: str = "None"):
    """Run `code` quietly in the notebook's kernel and return the JSON value of the expression `value` there."""
    with second_client(lab, notebook) as client:
        msg = client.execute(code, silent=True, user_expressions={"v": f"__import__('json').dumps({value})"})
        while (reply := client.get_shell_msg(timeout=60))["parent_header"].get("msg_id") != msg:
            pass
    got = reply["content"]["user_expressions"]["v"]
    assert got["status"] == "ok", got
    return json.loads(ast.literal_eval(got["data"]["text/plain"]))


# The kernel sleeps in small steps until the test drops a flag file (or, as a last resort, for BUSY_AT_MOST
# seconds), and tells whether the flag ended it: busy for as long as the block takes, however loaded the machine.
BUSY_AT_MOST = 120
_BUSY = """import os as _os, time as _time
_t = _time.monotonic()
while not _os.path.exists({flag!r}) and _time.monotonic() - _t < {most}:
    _time.sleep(0.05)
_busy_kernel_released = _os.path.exists({flag!r})"""


@contextlib.contextmanager
def busy_kernel(lab, notebook: str, tmp: Path):
    """Keep the notebook's kernel busy (a second client runs a sleep loop) for the whole block, then release it.

    Fails if the kernel stopped being busy before the block ended: then the block proved nothing."""
    flag = tmp / f"release-{time.monotonic_ns()}"
    with second_client(lab, notebook) as client:
        msg = client.execute(
            _BUSY.format(flag=str(flag), most=BUSY_AT_MOST), user_expressions={"r": "_busy_kernel_released"}
        )
        deadline = time.monotonic() + 10
        while True:  # the kernel says it is busy with our request before the block starts
            m = client.get_iopub_msg(timeout=10)
            if m["parent_header"].get("msg_id") == msg and m["content"].get("execution_state") == "busy":
                break
            assert time.monotonic() < deadline, "the kernel never got busy"
        try:
            yield
        finally:
            flag.touch()
        while (reply := client.get_shell_msg(timeout=BUSY_AT_MOST + 30))["parent_header"].get("msg_id") != msg:
            pass
        released = reply["content"]["user_expressions"]["r"]
        assert released["data"]["text/plain"] == "True", "the kernel was idle before the block ended: it proves nothing"


SHOWN = ".js-plotly-plot.figure-shown"  # the drawing a figure view shows (it keeps others, hidden, per state)


def draws_of(view) -> int:
    return int(view.get_attribute("data-draws") or 0)


def test_simulator_choice_redraws_in_the_page_with_pythons_words(ran_lesson, artifacts):
    notebook = lesson_with("simulator")
    words = load_figure_texts().simulator.words
    chosen = {"caffeine": "a lot", "stress": "high"}
    settings = dict(simulation.CALM, **chosen)
    want = sv.describe(muscle_signal(settings, seed=0), settings, words)
    assert want["level"] != sv.expected_level(dict(simulation.CALM), words)
    page = ran_lesson(notebook)
    sim = page.notebook_panel.locator(".simulator").first
    view = sim.locator(".figure-view")
    plot = view.locator(SHOWN)
    expect(sim.locator(".simulator-expected")).to_contain_text(sv.expected_level(dict(simulation.CALM), words))
    before = plot.locator(".scatterlayer .js-line").first.get_attribute("d")
    for name, value in chosen.items():
        sim.locator(f".simulator-{name}").get_by_role("button", name=value, exact=True).click()
    expect(sim.locator(".simulator-expected")).to_have_text(f"{words.headline} {want['level']}")
    expect(sim.locator(".simulator-gauge-on")).to_have_text(want["level"])
    expect(sim.locator(".simulator-count")).to_have_text(want["sample"])
    expect(sim.locator(".simulator-nerve")).to_have_text(want["nerve"])
    expect(view.locator(".figure-alt")).to_have_text(want["alt"])  # the text alternative follows the choice
    assert plot.locator(".scatterlayer .js-line").first.get_attribute("d") != before
    pressed = sim.locator(".simulator-caffeine").get_by_role("button", name="a lot", exact=True)
    expect(pressed).to_have_attribute("aria-pressed", "true")
    for control in sim.locator(".pagefig-button").all():  # JupyterLab's shortcuts stay off every control
        assert control.get_attribute("data-lm-suppress-shortcuts") == "true"
    # what a screen reader gets (Chromium's accessibility tree): named groups, pressed buttons, live lines
    tree = sim.locator(".pagefig-controls").aria_snapshot()
    assert '- group "Caffeine"' in tree and '- button "a lot" [pressed]' in tree, tree
    assert f'- button "{words.new_recording}"' in tree, tree
    assert sim.locator(".simulator-count").get_attribute("aria-live") == "polite"
    assert sim.locator(".simulator-headline").get_attribute("role") == "status"
    # one line of text under the figure; the full description is out of sight (tests/browser/test_figure_text.py)
    expect(sim.locator(".pagefig-notice")).to_have_count(1)
    expect(sim.locator(".figure-caption")).to_have_count(0)
    sim.screenshot(path=str(artifacts / "simulator.png"))


def test_page_figures_redraw_in_place_while_the_kernel_is_busy(lab, ran_lesson, artifacts, tmp_path):
    """No kernel round trip: with the kernel asleep, each choice still redraws the same element at once."""
    notebook = lesson_with("simulator")
    page = ran_lesson(notebook)
    sim = page.notebook_panel.locator(".simulator").first
    tvc = page.notebook_panel.locator(".twitch-cramp").first
    sim_view, tvc_view = sim.locator(".figure-view"), tvc.locator(".figure-view")
    handle = sim_view.element_handle()
    with busy_kernel(lab, notebook, tmp_path):
        expect(page.page.locator(".jp-StatusBar-Widget", has_text="Busy").first).to_be_visible()
        for value in ("moving", "at rest"):
            n = draws_of(sim_view)
            t0 = time.monotonic()
            sim.locator(".simulator-activity").get_by_role("button", name=value, exact=True).click()
            expect(sim_view).to_have_attribute("data-draws", str(n + 1), timeout=3000)
            assert time.monotonic() - t0 < 3
        assert handle.evaluate("(v) => v.isConnected && v.querySelectorAll('.figure-shown').length === 1")
        before = int(tvc_view.get_attribute("data-draws"))
        tvc.get_by_role("button", name="Replay the cramp").click()
        expect(tvc.locator(".twitch-cramp-status")).to_contain_text("The cramp")
        expect(tvc_view).to_have_attribute("data-replayed", re.compile(r"^cramp#"), timeout=8000)
        assert int(tvc_view.get_attribute("data-draws")) > before + 3  # drawn step by step, not in one go
    assert sim_view.locator(SHOWN).count() == 1


# Sample, in the page, how much of the replayed trace is uncovered on each animation frame until it is whole: the
# right edge of its clip, in pixels of its axis (the whole axis length once the clip is gone).
_REPLAY_FRAMES = """async (el) => {
  const gd = el.querySelector('.figure-shown');
  const g = [...gd.querySelectorAll('.scatterlayer .trace')].find((t) => t.__data__[0].trace.index === 0);
  const full = gd._fullLayout.xaxis._length, seen = [];
  el.closest('.twitch-cramp').querySelector('.twitch-cramp-replay').click();
  const t0 = performance.now();
  while (performance.now() - t0 < 8000) {
    const clip = g.getAttribute('clip-path');
    const rect = clip && gd.querySelector(`[id="${clip.slice(5, -1)}"] rect`);
    const n = rect ? Math.min(full, Math.round(Number(rect.getAttribute('width')) - 100000)) : full;
    if (seen[seen.length - 1] !== n) seen.push(n);
    if (n === full && seen.length > 1) break;
    await new Promise((r) => requestAnimationFrame(r));
  }
  return {full, seen, ms: performance.now() - t0};
}"""


def test_twitch_replay_is_animated_and_the_twitch_is_visible_up_close(ran_lesson, artifacts):
    page = ran_lesson(lesson_with("twitch_vs_cramp"))
    tvc = page.notebook_panel.locator(".twitch-cramp").first
    view = tvc.locator(".figure-view")
    tvc.scroll_into_view_if_needed()
    got = view.evaluate(_REPLAY_FRAMES)
    seen, full = got["seen"], got["full"]
    # grew frame by frame to the whole trace (a loaded machine drops frames: one part-way frame is enough)
    assert seen[-1] == full and len(seen) >= 2, got
    assert seen == sorted(seen) and seen[0] < full / 2, got
    assert got["ms"] > 1000, got  # takes about as long as the recording, not an instant redraw
    v = tc.twitch_vs_cramp()
    v.replay("twitch")
    expect(tvc.locator(".twitch-cramp-status")).to_have_text(v.texts["status"])
    expect(view.locator(".figure-alt")).to_have_text(v.texts["alt"])
    # the close-up: the twitch fills a good part of its own box, while on the shared axis it is a sliver
    heights = view.evaluate(
        """(el) => { const gd = el.querySelector('.figure-shown'), fl = gd._fullLayout;
             const y = gd.data[0].y, peak = Math.max(...y);
             return [fl.yaxis.l2p(0) - fl.yaxis.l2p(peak), fl.yaxis3.l2p(0) - fl.yaxis3.l2p(peak)]; }"""
    )
    assert heights[0] < 3 and heights[1] > 15, heights
    assert heights[1] == pytest.approx(tc.ZOOM * heights[0], rel=0.02), heights  # "12 times taller" is what is drawn
    tvc.screenshot(path=str(artifacts / "twitch-vs-cramp.png"))


def _point_only_in(region_id: str) -> tuple[float, float]:
    """A point of the drawing inside `region_id` and inside no other region (near the middle of those)."""
    others = [r.id for r in load_regions().regions if r.id != region_id]
    xs, ys = anatomy.region_xy(region_id)
    xs = [x for x in xs if x is not None]
    ys = [y for y in ys if y is not None]
    pts = [
        (min(xs) + (max(xs) - min(xs)) * i / 40, min(ys) + (max(ys) - min(ys)) * j / 40)
        for i in range(41)
        for j in range(41)
    ]
    inside = [
        (x, y)
        for x, y in pts
        if anatomy.contains(region_id, x, y) and not any(anatomy.contains(o, x, y) for o in others)
    ]
    assert inside, region_id
    cx, cy = sum(x for x, _ in inside) / len(inside), sum(y for _, y in inside) / len(inside)
    return min(inside, key=lambda p: (p[0] - cx) ** 2 + (p[1] - cy) ** 2)


def test_foot_map_explains_a_region_chosen_from_the_list_and_by_a_click(lab, ran_lesson, artifacts, tmp_path):
    regions = load_regions()
    words = load_figure_texts().foot_map.words
    listed, clicked = regions.region("tarsal-tunnel"), regions.region("peroneal-muscles")
    notebook = lesson_with("foot_map")
    page = ran_lesson(notebook)
    fmap = page.notebook_panel.locator(".foot-map").first
    view = fmap.locator(".figure-view")
    explanation = fmap.locator(".foot-map-explanation")
    want = fm.describe(listed.id, words)

    with busy_kernel(lab, notebook, tmp_path):
        fmap.locator(".foot-map-region-list").get_by_role("button", name=listed.name, exact=True).click()
        expect(explanation).to_have_text(f"{want['name']} {want['text']}", timeout=3000)
        expect(fmap.locator(".foot-map-questions li")).to_have_text(want["questions"])
        expect(view.locator(".figure-alt")).to_have_text(want["alt"])

    # a click on the drawing, at a point inside that region only
    x, y = _point_only_in(clicked.id)
    plot = fmap.locator(".foot-map-figure " + SHOWN)
    plot.scroll_into_view_if_needed()
    expect(plot.locator(".annotation-text", has_text=listed.name)).to_have_count(1)
    px, py = plot.evaluate(
        """(gd, [x, y]) => { const fl = gd._fullLayout, r = gd.getBoundingClientRect();
             return [r.left + fl.xaxis._offset + fl.xaxis.l2p(x), r.top + fl.yaxis._offset + fl.yaxis.l2p(y)]; }""",
        [x, y],
    )
    page.page.mouse.click(px, py)
    expect(explanation).to_contain_text(clicked.explanation)
    expect(
        fmap.locator(".foot-map-region-list").get_by_role("button", name=clicked.name, exact=True)
    ).to_have_attribute("aria-pressed", "true")
    expect(
        fmap.locator(f".foot-map-figure {SHOWN} .annotation-text", has_text=re.compile(re.escape(clicked.name)))
    ).to_have_count(1)
    # what the page drew is Python's figure for that choice
    drawn = plot.evaluate("(gd) => JSON.stringify(gd.data.map((t) => [t.name, !!t.fillpattern, t.opacity]))")
    f = fm.foot_map()
    f.choose_region(clicked.id)
    assert json.loads(drawn) == [[t["name"], "fillpattern" in t, t.get("opacity")] for t in f.figure["data"]]
    fmap.screenshot(path=str(artifacts / "foot-map.png"))


# The motor unit the lesson's cell shows, in its kernel (the cell's value, kept in IPython's Out).
_KERNEL_UNIT = "[o for _, o in sorted(Out.items()) if type(o).__name__ == 'MotorUnit'][-1]"


def test_motor_unit_steps_in_the_page_while_the_kernel_is_busy_and_the_kernel_follows(
    lab, ran_lesson, artifacts, tmp_path
):
    notebook = lesson_with("motor_unit")
    page = ran_lesson(notebook)
    unit = page.notebook_panel.locator(".motor-unit").first
    view = unit.locator(".figure-view")
    line, alt = unit.locator(".motor-unit-step"), view.locator(".figure-alt")
    back, forward, modes = (
        unit.locator(".motor-unit-back"),
        unit.locator(".motor-unit-next"),
        unit.locator(".motor-unit-mode"),
    )
    expect(view).to_have_attribute("data-route", "react")
    unit.scroll_into_view_if_needed()
    m = mu.motor_unit()  # Python's twin: what the page must show after each click

    def shows_pythons_step() -> None:
        expect(line).to_have_text(f"{m.texts['head']} {m.texts['text']}")
        expect(alt).to_have_text(m.texts["alt"])  # the text alternative follows
        expect(forward).to_have_text(m.texts["next"])
        if m.texts["back"]:
            expect(back).to_be_enabled()
        else:
            expect(back).to_be_disabled()  # at the first step, as Python says
        name = {v: k for k, v in mu.MODE_LABELS}[m.mode]
        expect(modes.get_by_role("button", name=name, exact=True)).to_have_attribute("aria-pressed", "true")
        drawn = view.locator(SHOWN).evaluate("(gd) => gd.layout.title.text.replace(/<br>/g, ' ')")
        assert drawn == m.figure["layout"]["title"]["text"], drawn  # the drawing is Python's for this step

    try:
        n = draws_of(view)
        modes.get_by_role("button", name="normal signal", exact=True).click()  # step 1, whatever ran before
        expect(view).to_have_attribute("data-draws", str(n + 1))
        shows_pythons_step()
        # every step of both modes is drawn ahead while the page is idle; a click then only switches drawings
        steps = sum(len(frames) for frames in m.frames.values())
        expect(view.locator(".js-plotly-plot")).to_have_count(steps, timeout=20_000)
        view.evaluate("(v) => v.querySelectorAll('.js-plotly-plot').forEach((gd) => gd.setAttribute('data-ahead', ''))")
        handle = view.element_handle()
        with busy_kernel(lab, notebook, tmp_path):
            expect(page.page.locator(".jp-StatusBar-Widget", has_text="Busy").first).to_be_visible()
            for press, act in [(forward, m.next)] * 3 + [(back, m.back), (forward, m.next)]:
                n = draws_of(view)
                press.click()
                act()
                expect(view).to_have_attribute("data-draws", str(n + 1), timeout=3000)  # drawn again at once
                shows_pythons_step()
                assert view.locator(SHOWN).get_attribute("data-ahead") == ""  # one of the drawings made ahead
            assert m.texts["next"] == "Start again"
            n = draws_of(view)
            modes.get_by_role("button", name="misfire (twitch)", exact=True).click()
            m.set_mode("misfire")
            expect(view).to_have_attribute("data-draws", str(n + 1), timeout=3000)
            shows_pythons_step()
        assert handle.evaluate("(v) => v.isConnected && v.querySelectorAll('.figure-shown').length === 1")
        assert view.locator(".js-plotly-plot").count() == steps  # switched among them, none added
        # the kernel, free again, followed the page's clicks (the widget manager holds back a model's updates while
        # the kernel is busy and sends the last one once it is idle: it may arrive after our first question)
        want, deadline = {"mode": "misfire", "step": 0}, time.monotonic() + 15
        while (got := in_kernel(lab, notebook, "", f"{_KERNEL_UNIT}.output.canvas.choice")) != want:
            assert time.monotonic() < deadline, got
            time.sleep(0.25)
        # and a choice made in the kernel shows in the page
        n = draws_of(view)
        assert in_kernel(lab, notebook, f"{_KERNEL_UNIT}.next()", f"{_KERNEL_UNIT}.step") == 1
        m.next()
        expect(view).to_have_attribute("data-draws", str(n + 1))
        shows_pythons_step()
        for control in unit.locator(".pagefig-button").all():  # JupyterLab's shortcuts stay off every control
            assert control.get_attribute("data-lm-suppress-shortcuts") == "true"
        tree = unit.locator(".pagefig-controls").aria_snapshot()  # what a screen reader gets
        assert '- group "Show"' in tree and '- button "misfire (twitch)" [pressed]' in tree, tree
        assert line.get_attribute("aria-live") == "polite" and line.get_attribute("role") == "status"
        unit.screenshot(path=str(artifacts / "motor-unit.png"))
    finally:  # the tab is shared: leave the walk-through at its first step
        modes.get_by_role("button", name="normal signal", exact=True).click()
