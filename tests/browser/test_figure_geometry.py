"""Twitch-vs-cramp and the simulator as drawn in JupyterLab at 1400, 1024, 800 and 768 px (the side panel open below
1400): the positions read from the drawing itself, not from the layout Python sent. The twitch's close-up sits under
the "move the foot" line; the two panel titles never collide; the simulator's marks never hide one another and are as
many as its sentence says; its expected level is a reading, not buttons; controls and graph fit one screen. A
screenshot of each figure at each width goes to tests/artifacts/figure-geometry/.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from widgets.content.load import load_figure_texts
from widgets.views import twitch_cramp as tc

from .lab import LabPage, lesson_showing

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

# (window width in px, JupyterLab's left side panel open): a desktop, a tablet or Chromebook, and the two narrow ones
WIDTHS = ((1400, False), (1024, True), (800, True), (768, True))
SHOWN = ".js-plotly-plot.figure-shown"


@pytest.fixture(scope="module")
def own_lesson(lab, browser, _ran_pages):
    """``own_lesson(notebook)`` → a tab of these tests' own, opened and run once for the module: they resize the
    window and leave drawings behind that the tests of the shared tabs do not expect. The shared tab of the same
    notebook is closed first (its tabs share one kernel); at the end these tabs close and their kernels stop."""
    pages: dict[str, LabPage] = {}

    def _get(notebook: str) -> LabPage:
        if notebook not in pages:
            shared = _ran_pages.pop(notebook, None)
            if shared is not None:
                shared.close()
            lab.shutdown_kernels([notebook])
            pages[notebook] = LabPage.open(browser.context, lab, notebook)
            pages[notebook].run_all()
        return pages[notebook]

    yield _get
    for page in pages.values():
        page.close()
    lab.shutdown_kernels(list(pages))


def lesson_with(one_liner: str) -> str:
    found = lesson_showing(one_liner)
    assert found, f"no lesson notebook shows {one_liner}()"
    return found


def shots(artifacts):
    folder = artifacts / "figure-geometry"
    folder.mkdir(exist_ok=True)
    return folder


def settled(page: LabPage) -> None:
    """Two frames: a redraw asked for in the last one is on the screen."""
    page.page.evaluate("() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))")


# The twitch-vs-cramp drawing as drawn, in screen px: the dashed line of the twitch panel, the close-up's frame (its
# axis lines), the close-up trace and label, both panel titles, and where each panel is.
_TWITCH_GEOMETRY = """(view) => {
  const gd = view.querySelector('.figure-shown');
  const box = (el) => { const r = el.getBoundingClientRect(); return {l: r.left, t: r.top, r: r.right, b: r.bottom}; };
  const trace = (i) => [...gd.querySelectorAll('.scatterlayer .trace')].find((g) => g.__data__[0].trace.index === i);
  const union = (els) => els.map(box).reduce((a, b) => ({l: Math.min(a.l, b.l), t: Math.min(a.t, b.t),
    r: Math.max(a.r, b.r), b: Math.max(a.b, b.b)}));
  const note = (i) => box(gd.querySelector(`.annotation[data-index="${i}"] .annotation-text`));
  const fl = gd._fullLayout, svg = gd.querySelector('.main-svg').getBoundingClientRect();
  const panel = (x, y) => ({l: svg.left + fl[x]._offset, r: svg.left + fl[x]._offset + fl[x]._length,
    t: svg.top + fl[y]._offset, b: svg.top + fl[y]._offset + fl[y]._length});
  return {
    line: box(trace(1).querySelector('path.js-line')),
    frame: union([...gd.querySelectorAll('.subplot.x3y3 .xlines-above, .subplot.x3y3 .ylines-above')]),
    closeUp: box(trace(4).querySelector('path.js-line')),
    closeUpLabel: note(2), lineLabel: note(0), twitchTitle: note(3), crampTitle: note(4),
    timeTitle: box(gd.querySelector('.g-xtitle text')),
    twitch: panel('xaxis', 'yaxis'), cramp: panel('xaxis2', 'yaxis2'),
  };
}"""


def apart(a: dict, b: dict, gap: float = 4) -> bool:
    """Two screen boxes at least `gap` px apart, side by side or one above the other."""
    return a["r"] + gap <= b["l"] or b["r"] + gap <= a["l"] or a["b"] + gap <= b["t"] or b["b"] + gap <= a["t"]


def test_twitch_close_up_is_under_the_line_and_the_titles_never_collide(own_lesson, artifacts):
    page = own_lesson(lesson_with("twitch_vs_cramp"))
    tvc = page.notebook_panel.locator(".twitch-cramp").first
    view = tvc.locator(".figure-view")
    size, panel = page.page.viewport_size, page.left_panel_open()
    found, stacked = [], {}
    try:
        for width, left_panel in WIDTHS:
            page.set_width(width, left_panel, height=1300)  # tall enough for the whole figure in its screenshot
            tvc.scroll_into_view_if_needed()
            settled(page)
            g = view.evaluate(_TWITCH_GEOMETRY)
            where = f"{width} px"
            line_y = g["line"]["t"]  # a horizontal dashed line: its box is one stroke high
            for part in ("frame", "closeUp", "closeUpLabel"):
                if g[part]["t"] < line_y + 1:  # screen y grows downwards: under the line is a larger y
                    found.append(
                        f"{where}: the close-up's {part} reaches {line_y - g[part]['t']:.1f} px above the line"
                    )
            if not g["frame"]["b"] <= g["twitch"]["b"] + 1 or not g["frame"]["l"] >= g["twitch"]["l"] - 1:
                found.append(f"{where}: the close-up box leaves the twitch panel: {g['frame']} vs {g['twitch']}")
            if not apart(g["twitchTitle"], g["crampTitle"]):
                found.append(f"{where}: the titles collide: {g['twitchTitle']} and {g['crampTitle']}")
            if not apart(
                g["timeTitle"], g["crampTitle"]
            ):  # stacked: the upper panel's axis title and the lower's title
                found.append(f"{where}: the twitch's time axis title runs into the cramp's title")
            if not apart(g["closeUpLabel"], g["lineLabel"], 1):
                found.append(f"{where}: the close-up's label runs into the line's")
            for title, p in (("twitchTitle", "twitch"), ("crampTitle", "cramp")):  # each title over its own panel
                if g[title]["l"] < g[p]["l"] - 1 or g[title]["r"] > g[p]["r"] + 1 or g[title]["b"] > g[p]["t"] + 1:
                    found.append(f"{where}: {title} is not over its panel: {g[title]} vs {g[p]}")
            stacked[width] = g["cramp"]["t"] > g["twitch"]["b"]
            report = page.layout_report()
            found += [
                f"{where}: {o['a']!r} overlaps {o['b']!r}" for o in report["overlaps"] if o["widget"] == "twitch-cramp"
            ]
            tvc.screenshot(path=str(shots(artifacts) / f"twitch-cramp-{width}.png"))
    finally:  # later tests in this module use the tab: leave it as it was
        page.set_width(size["width"], panel, size["height"])
    assert found == [], "\n".join(found)
    # side by side where there is room, stacked on the narrow pages (where the titles would not fit their panels)
    assert stacked == {1400: False, 1024: False, 800: True, 768: True}, stacked


def test_after_replaying_the_cramp_the_text_alternative_still_describes_both_graphs(own_lesson):
    page = own_lesson(lesson_with("twitch_vs_cramp"))
    tvc = page.notebook_panel.locator(".twitch-cramp").first
    view = tvc.locator(".figure-view")
    v = tc.twitch_vs_cramp()
    tvc.get_by_role("button", name=v.words.replay_cramp).click()
    expect(view).to_have_attribute("data-replayed", re.compile(r"^cramp#"), timeout=10_000)
    v.replay("cramp")
    alt = view.locator(".figure-alt")
    expect(alt).to_have_text(v.texts["alt"])
    said = alt.text_content()
    twitch = v.words.twitch.format(start=f"{v.twitch.start:.1f}")
    cramp = v.words.cramp.format(start=f"{v.cramp.start:.1f}")
    assert twitch in said and cramp in said and f"{tc.ZOOM} times taller" in said, said
    expect(tvc.locator(".twitch-cramp-status")).to_have_text(cramp)  # the live line: what was replayed


# Every recording the page holds, in turn (the "Record another" button, as a learner presses it, until back at the
# first): after each redraw (two frames), every twitch mark drawn (filled: noticed, open: hidden by movement) as screen
# boxes, and the sentence under the graph. One run in the page: no round trip per recording.
_MARKS = """async (view) => {
  const sim = view.closest('.simulator'), frames = () => new Promise((r) => requestAnimationFrame(() =>
    requestAnimationFrame(r)));
  const out = [];
  for (let n = 0; n < 5; n++) {
    const draws = view.getAttribute('data-draws');
    sim.querySelector('.simulator-new').click();
    const t0 = performance.now();
    while (view.getAttribute('data-draws') === draws && performance.now() - t0 < 10000) await frames();
    await frames();
    const marks = {noticed: [], hidden: []};
    for (const g of view.querySelectorAll('.figure-shown .scatterlayer .trace')) {
      const kind = {1: 'noticed', 2: 'hidden'}[g.__data__[0].trace.index];
      if (!kind) continue;
      for (const p of g.querySelectorAll('path.point')) {
        const r = p.getBoundingClientRect();
        if (r.width > 0) marks[kind].push({l: r.left, t: r.top, r: r.right, b: r.bottom});
      }
    }
    out.push({marks, sentence: sim.querySelector('.simulator-count').textContent,
              redrawn: view.getAttribute('data-draws') !== draws});
  }
  return out;
}"""


def counted(sentence: str) -> tuple[int, int]:
    """The twitches the simulator's sentence says you would notice, and those it says the movement hid."""
    words = load_figure_texts().simulator.words
    said = [0 if m == words.twitches.zero else int(re.match(r"\d+", m).group()) for m in _counts(sentence, words)]
    return said[0], (said[1] if len(said) > 1 else 0)


def _counts(sentence: str, words) -> list[str]:
    many = re.escape(words.twitches.many).replace(r"\{n\}", r"\d+")
    pattern = "|".join([many, re.escape(words.twitches.one), re.escape(words.twitches.zero)])
    return re.findall(pattern, sentence)


def overlapping(boxes: list[dict]) -> list[tuple[dict, dict]]:
    return [
        (a, b)
        for i, a in enumerate(boxes)
        for b in boxes[i + 1 :]
        if min(a["r"], b["r"]) - max(a["l"], b["l"]) > 0.5 and min(a["b"], b["b"]) - max(a["t"], b["t"]) > 0.5
    ]


# choices that fire often (close marks), moving and at rest (hidden marks too): per lesson, the controls it shows
BUSY = {"caffeine": "a lot", "stress": "high", "magnesium": "low", "potassium": "low", "hydration": "too little"}


def press(sim, name: str, value: str) -> None:
    group = sim.locator(f".simulator-{name}")
    if group.count():
        group.get_by_role("button", name=value, exact=True).click()


@pytest.mark.parametrize("lesson", ["01_what_is_a_twitch.ipynb", "02_lifestyle_triggers.ipynb"])
def test_simulator_marks_never_overlap_and_match_the_sentence(lesson, own_lesson, artifacts):
    page = own_lesson(lesson)
    sim = page.notebook_panel.locator(".simulator").first
    view = sim.locator(".figure-view")
    size, panel = page.page.viewport_size, page.left_panel_open()
    calm = {
        n: sim.locator(f".simulator-{n} button.mod-active").inner_text()
        for n in (*BUSY, "activity")
        if sim.locator(f".simulator-{n}").count()
    }
    found, checked, most = [], 0, 0
    try:
        for name, value in BUSY.items():
            press(sim, name, value)
        for width, left_panel in WIDTHS:
            page.set_width(width, left_panel)
            sim.scroll_into_view_if_needed()
            for activity in ("moving", "at rest"):
                draws = view.get_attribute("data-draws")
                press(sim, "activity", activity)
                expect(view).not_to_have_attribute("data-draws", draws)  # drawn before the recordings are read
                for seen in view.evaluate(_MARKS):
                    marks, sentence = seen["marks"], seen["sentence"]
                    assert seen["redrawn"], f"{width} px: the next recording was not drawn"
                    noticed, hidden = counted(sentence)
                    if (len(marks["noticed"]), len(marks["hidden"])) != (noticed, hidden):
                        found.append(
                            f"{width} px: {sentence!r} over {len(marks['noticed'])} noticed and "
                            f"{len(marks['hidden'])} hidden marks"
                        )
                    for a, b in overlapping(marks["noticed"] + marks["hidden"]):
                        found.append(f"{width} px, {activity}: marks overlap: {a} and {b} ({sentence!r})")
                    checked += 1
                    most = max(most, noticed + hidden)
            sim.screenshot(path=str(shots(artifacts) / f"simulator-{lesson[:2]}-{width}.png"))
    finally:  # later tests in this module use the tab: calm choices, the window as it was
        for name, value in calm.items():
            press(sim, name, value)
        page.set_width(size["width"], panel, size["height"])
    assert found == [], "\n".join(found[:20])
    # busy recordings, not only empty ones (lesson 01 shows two triggers, lesson 02 all of them)
    assert checked == 40 and most >= {"01": 4, "02": 8}[lesson[:2]], (checked, most)


def test_simulator_expected_level_is_a_reading_not_buttons(own_lesson):
    page = own_lesson("02_lifestyle_triggers.ipynb")
    sim = page.notebook_panel.locator(".simulator").first
    words = load_figure_texts().simulator.words
    gauge = sim.locator(".simulator-gauge")
    expect(gauge).to_have_attribute("role", "meter")
    level = sim.locator(".simulator-expected b").inner_text()
    expect(gauge).to_have_attribute("aria-valuetext", level)
    assert gauge.get_attribute("aria-valuenow") == str(words.levels.index(level) + 1)
    look = gauge.evaluate(
        """(g) => [g, ...g.querySelectorAll('*')].map((e) => {
          const cs = getComputedStyle(e);
          return {tag: e.tagName, tab: e.tabIndex, cursor: cs.cursor, border: parseFloat(cs.borderTopWidth) +
            parseFloat(cs.borderLeftWidth), bg: cs.backgroundColor, text: e.children.length ? '' : e.textContent};
        })"""
    )
    assert not [e for e in look if e["tag"] in ("BUTTON", "INPUT") or e["tab"] >= 0], look  # nothing to focus
    assert not [e for e in look if e["cursor"] == "pointer" or e["border"] > 0], look  # nothing looks pressable
    worded = [e for e in look if e["text"] in words.levels]
    assert len(worded) == 4 and all(e["bg"] == "rgba(0, 0, 0, 0)" for e in worded), worded  # plain words, no tiles
    assert gauge.locator("xpath=ancestor::*[contains(@class,'pagefig-controls')]").count() == 0
    tree = sim.aria_snapshot()
    assert "- meter" in tree and 'button "hardly any"' not in tree, tree
    # the gauge follows the choices
    press(sim, "caffeine", "a lot")
    press(sim, "stress", "high")
    try:
        level = sim.locator(".simulator-expected b").inner_text()
        expect(gauge).to_have_attribute("aria-valuetext", level)
        expect(sim.locator(".simulator-gauge-on")).to_have_text(level)
        expect(sim.locator(".simulator-gauge-filled")).to_have_count(words.levels.index(level) + 1)
    finally:
        press(sim, "caffeine", "none")
        press(sim, "stress", "low")


def test_simulator_controls_and_graph_fit_one_screen_and_record_never_wraps(own_lesson, artifacts):
    found, heights = [], {}
    for lesson in ("01_what_is_a_twitch.ipynb", "02_lifestyle_triggers.ipynb"):
        page = own_lesson(lesson)
        sim = page.notebook_panel.locator(".simulator").first
        size, panel = page.page.viewport_size, page.left_panel_open()
        try:
            for width, left_panel in WIDTHS:
                page.set_width(width, left_panel)
                sim.scroll_into_view_if_needed()
                settled(page)
                fit = sim.evaluate(
                    """(s) => {
                      const top = s.querySelector('.pagefig-layout').getBoundingClientRect().top;
                      const graph = s.querySelector('.figure-shown .main-svg').getBoundingClientRect();
                      const scroller = s.closest('.jp-WindowedPanel-outer');
                      const words = s.querySelector('.simulator-new span');
                      return {tall: graph.bottom - top, screen: scroller.clientHeight,
                              lines: words.getClientRects().length, height: words.getBoundingClientRect().height,
                              line: parseFloat(getComputedStyle(words).lineHeight) || 20};
                    }"""
                )
                heights[f"{lesson[:2]}@{width}"] = round(fit["tall"])
                if fit["tall"] > fit["screen"]:
                    found.append(
                        f"{lesson} at {width} px: controls and graph {fit['tall']:.0f} px, screen {fit['screen']} px"
                    )
                if fit["lines"] != 1 or fit["height"] > 1.5 * fit["line"]:
                    found.append(f"{lesson} at {width} px: 'Record another 10 seconds' wraps ({fit})")
                if width in (800, 768):
                    page.page.screenshot(path=str(shots(artifacts) / f"simulator-screen-{lesson[:2]}-{width}.png"))
        finally:
            page.set_width(size["width"], panel, size["height"])
    print("controls + graph, px:", heights)
    assert found == [], "\n".join(found)
