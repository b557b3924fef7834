"""The figures' text, the motor unit's motion and the foot map's labels, measured in JupyterLab in Chromium.

One visible line per figure ("What to notice: …") with the full description in the accessibility tree (Chromium's
own computed description, read over CDP) and out of sight; the lessons' focus ring on a pressed figure button (its
computed outline and the pixels it changes); the motor unit moving (its signal travels, then rests where Python drew
it), pausing and playing the steps without motion when reduced motion is asked for; the foot map's labels at 12 px or
more, apart from each other and off the leg outline at 1400 and 800 px; its related questions are links that bring
up their card in the lesson's quiz. Screenshots in tests/artifacts/figure-text-*.png.
"""

from __future__ import annotations

import itertools
import struct
import zlib

import pytest
from playwright.sync_api import expect

from widgets.content.load import load_figure_texts, load_regions
from widgets.views import foot_map as fm
from widgets.views import motor_unit as mu

from .conftest import ARTIFACTS
from .lab import lesson_showing

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

SHOWN = ".js-plotly-plot.figure-shown"
WIDTHS = (1400, 800)  # with the side panel open, as a learner on a laptop or a small window has it
FIGURES = {"motor_unit": ".motor-unit", "twitch_vs_cramp": ".twitch-cramp", "simulator": ".simulator"}


def drawn_to_width(page, view) -> None:
    """Wait until the figure is drawn at the width its box has now (a resize redraws it; on a busy machine, later)."""
    page.page.wait_for_function(
        """(v) => { const p = v.querySelector('.figure-plot');
             return p && Math.abs(Number(v.getAttribute('data-width')) - Math.floor(p.clientWidth)) <= 1; }""",
        arg=view.element_handle(),
        timeout=20_000,
    )


def lesson_with(one_liner: str) -> str:
    found = lesson_showing(one_liner)
    assert found, f"no lesson notebook shows {one_liner}()"
    return found


def accessible(page, locator) -> dict:
    """Chromium's computed accessible name and description of an element (what a screen reader is given)."""
    cdp = page.context.new_cdp_session(page)
    try:
        locator.evaluate("(e) => e.setAttribute('data-ax-probe', '1')")
        doc = cdp.send("DOM.getDocument", {"depth": -1, "pierce": True})
        node = cdp.send("DOM.querySelector", {"nodeId": doc["root"]["nodeId"], "selector": "[data-ax-probe]"})
        tree = cdp.send("Accessibility.getPartialAXTree", {"nodeId": node["nodeId"], "fetchRelatives": False})
        mine = tree["nodes"][0]
        return {
            "role": mine.get("role", {}).get("value"),
            "name": mine.get("name", {}).get("value", ""),
            "description": mine.get("description", {}).get("value", ""),
        }
    finally:
        locator.evaluate("(e) => e.removeAttribute('data-ax-probe')")
        cdp.detach()


def pixels(png: bytes) -> tuple[int, int, list[bytes]]:
    """A Chromium screenshot (8-bit RGB/RGBA PNG, not interlaced) as width, height and rows of raw pixels."""
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(png):
        size, kind = struct.unpack(">I4s", png[pos : pos + 8])
        body = png[pos + 8 : pos + 8 + size]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), (depth, colour)
            bpp = 4 if colour == 6 else 3
        elif kind == b"IDAT":
            idat += body
        pos += 12 + size
    raw, rows, prev = zlib.decompress(idat), [], bytearray(width * bpp)
    stride = width * bpp + 1
    for y in range(height):
        kind, line = raw[y * stride], bytearray(raw[y * stride + 1 : (y + 1) * stride])
        for i in range(len(line)):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, bpp, rows


def test_every_figure_shows_one_line_and_gives_its_full_description_to_screen_readers(ran_lesson, artifacts):
    texts = load_figure_texts()
    page = ran_lesson(lesson_with("motor_unit"))
    page.set_width(800, left_panel=True)
    for name, css in FIGURES.items():
        entry = getattr(texts, name)
        fig = page.notebook_panel.locator(css).first
        fig.scroll_into_view_if_needed()
        root = fig.locator(".pagefig-layout")
        notice = root.locator(".pagefig-notice")
        expect(notice).to_have_count(1)
        expect(notice).to_have_text(f"{texts.notice_label} {entry.notice}")
        expect(notice).to_be_visible()
        expect(fig.locator(".figure-caption")).to_have_count(0)  # the italic caption under the figure is gone
        # the full description: out of sight (1 px, clipped), but Chromium gives it as the figure's description
        description = root.locator(".pagefig-description")
        expect(description).to_have_text(" ".join(entry.caption.split()))
        box = description.bounding_box()
        assert box and box["width"] <= 1 and box["height"] <= 1, box
        assert not description.evaluate("(e) => !!e.closest('details')")  # never in a closed <details>
        ax = accessible(page.page, root)
        assert ax["role"] == "figure" and ax["name"] == entry.title, ax
        assert ax["description"] == " ".join(entry.caption.split()), ax
        # the words a sighted learner reads under the figure: the line of the state shown, and one line to notice
        seen = root.evaluate(
            """(r) => [...r.querySelectorAll('p, li, b')].filter((e) => e.getBoundingClientRect().height > 2
                 && getComputedStyle(e).fontStyle === 'italic').length"""
        )
        assert seen == 0, f"{name}: an italic description is still shown"
    page.set_width(1400, left_panel=True)


def _focus_ring(page, button) -> dict:
    """The pressed button with a keyboard focus and without: its computed outline and the pixels around it."""
    button.scroll_into_view_if_needed()
    button.evaluate("(b) => b.focus()")  # then a key, so Chromium counts the focus as a keyboard one
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    assert button.evaluate("(b) => document.activeElement === b && b.matches(':focus-visible')")
    style = button.evaluate(
        """(b) => { const s = getComputedStyle(b);
             return {width: s.outlineWidth, offset: s.outlineOffset, style: s.outlineStyle,
                     colour: s.outlineColor}; }"""
    )
    box = button.bounding_box()  # where the focus left it (a key may scroll the notebook)
    clip = {"x": box["x"] - 6, "y": box["y"] - 6, "width": box["width"] + 12, "height": box["height"] + 12}
    after = page.screenshot(clip=clip)
    button.evaluate("(b) => b.blur()")
    assert button.bounding_box() == box
    before = page.screenshot(clip=clip)
    (ARTIFACTS / "figure-text-focus-ring-before.png").write_bytes(before)
    (ARTIFACTS / "figure-text-focus-ring-after.png").write_bytes(after)
    w, bpp, one = pixels(before)
    _, _, two = pixels(after)
    # pixels the ring changed: its blue line and the white band inside it, drawn within the button's edge
    ring = 0
    for r1, r2 in zip(one, two, strict=True):
        for x in range(w):
            p1, p2 = r1[x * bpp : x * bpp + 3], r2[x * bpp : x * bpp + 3]
            if p1 != p2 and ((p2[2] > 150 and p2[0] < 60) or min(p2) > 230):
                ring += 1
    return {**style, "ring_pixels": ring, "perimeter": 2 * (box["width"] + box["height"])}


def test_the_lessons_focus_ring_wins_on_a_pressed_figure_button(ran_lesson):
    page = ran_lesson(lesson_with("motor_unit"))
    unit = page.notebook_panel.locator(".motor-unit").first
    pressed = unit.locator(".motor-unit-mode .pagefig-button[aria-pressed='true']")
    expect(pressed).to_have_count(1)
    got = _focus_ring(page.page, pressed)
    # JupyterLab's own rule (.jp-ThemedContainer button:focus-visible) would give 1 px at -1 px, inside the button;
    # the lessons' ring (lessons.css, keyboard section: --lessons-focus-ring-strong) is 3 px, drawn inside the edge
    # with a white band (ipywidgets' boxes cut off anything drawn outside them)
    assert got["width"] == "3px" and got["offset"] == "-3px" and got["style"] == "solid", got
    assert got["colour"] in ("rgb(0, 114, 178)",), got
    assert got["ring_pixels"] >= got["perimeter"], got  # a whole ring (blue line, white band) round the button


_SIGNAL = """(gd) => { const out = {};
  for (const g of gd.querySelectorAll('.scatterlayer .trace')) {
    const t = g.__data__ && g.__data__[0] && g.__data__[0].trace;
    if (!t) continue;
    const point = g.querySelector('.point'), text = g.querySelector('.textpoint text');
    const r = (e) => { if (!e) return null; const b = e.getBoundingClientRect();
      return [b.left, b.top, b.right, b.bottom]; };
    out[t.name] = {transform: g.getAttribute('transform'), box: r(g.querySelector('.points') || g),
      lines: r(g.querySelector('.js-line')), text: text && text.textContent ? r(text) : null,
      fill: point ? point.style.fill : null, shape: point ? point.getAttribute('d') : null};
  }
  return out; }"""


def _overlap(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


@pytest.mark.timing  # samples the motion against the clock: run alone, as the other timing tests (make test)
def test_the_motor_unit_moves_pauses_and_shows_its_steps_without_motion_when_asked(ran_lesson, artifacts):
    page = ran_lesson(lesson_with("motor_unit"))
    unit = page.notebook_panel.locator(".motor-unit").first
    view = unit.locator(".figure-view")
    line = unit.locator(".motor-unit-step")
    modes = unit.locator(".motor-unit-mode")
    play, forward = unit.locator(".motor-unit-play"), unit.locator(".motor-unit-next")
    steps = load_figure_texts().motor_unit_steps
    timing = mu.TIMING
    unit.scroll_into_view_if_needed()
    try:
        page.page.emulate_media(reduced_motion="no-preference")
        modes.get_by_role("button", name="normal signal", exact=True).click()
        expect(line).to_contain_text("Step 1 of 4")
        # Next: the signal travels from the cell body down the nerve fibre, then rests where Python drew it
        forward.click()
        expect(line).to_contain_text("Step 2 of 4")
        seen = []
        for _ in range(12):
            seen.append(view.locator(SHOWN).evaluate(_SIGNAL)["signal"]["transform"])
            page.page.wait_for_timeout(timing["move_ms"] // 12)
        moving = [t for t in seen if t]
        assert len(set(moving)) >= 3, seen  # it moved, through several places
        expect(view).to_have_attribute("data-motion", "still", timeout=3000)
        assert view.locator(SHOWN).evaluate(_SIGNAL)["signal"]["transform"] is None  # at rest: Python's drawing
        # the word "signal" is never on the fibre lines, at any step of any mode
        for mode, label in [(m, k) for k, m in mu.MODE_LABELS]:
            modes.get_by_role("button", name=label, exact=True).click()
            for n in range(len(steps[mode])):
                expect(line).to_contain_text(f"Step {n + 1} of {len(steps[mode])}")
                expect(view).to_have_attribute("data-motion", "still", timeout=3000)
                drawn = view.locator(SHOWN).evaluate(_SIGNAL)
                fibres = [drawn[k]["lines"] for k in ("muscle fibres", "other muscle fibres") if drawn[k]["lines"]]
                for name, trace in drawn.items():
                    if name.startswith("signal") and trace["text"]:
                        assert not any(_overlap(trace["text"], f) for f in fibres), (mode, n, name)
                if n == 1:  # the signal has just started: a misfire looks unlike an ordered signal
                    shape = (drawn["signal"]["fill"], drawn["signal"]["shape"])
                    if mode == "normal":
                        normal = shape
                    else:
                        assert shape[0] != normal[0] and shape[1] != normal[1], (mode, shape, normal)
                if n < len(steps[mode]) - 1:
                    forward.click()
        unit.screenshot(path=str(artifacts / "figure-text-motor-unit-cramp.png"))
        # Play: the steps come one after another; Pause stops them where they are
        modes.get_by_role("button", name="misfire (twitch)", exact=True).click()
        play.click()
        expect(view).to_have_attribute("data-playing", "true")
        expect(play).to_have_text(mu.LABELS["pause"])
        expect(line).to_contain_text("Step 2 of 4", timeout=timing["move_ms"] + timing["hold_ms"] + 3000)
        play.click()  # Pause
        expect(view).to_have_attribute("data-playing", "false")
        expect(play).to_have_text(mu.LABELS["play"])
        page.page.wait_for_timeout(timing["move_ms"] + timing["hold_ms"] + 800)
        expect(line).to_contain_text("Step 2 of 4")  # paused: it stayed
        # reduced motion: the same steps, with nothing moving
        page.page.emulate_media(reduced_motion="reduce")
        forward.click()
        expect(line).to_contain_text("Step 3 of 4")
        for _ in range(8):
            assert view.locator(SHOWN).evaluate(_SIGNAL)["signal"]["transform"] is None
            page.page.wait_for_timeout(100)
        unit.locator(".motor-unit-replay").click()
        expect(line).to_contain_text("Step 1 of 4")
        expect(line).to_contain_text("Step 2 of 4", timeout=timing["hold_ms"] + 3000)  # played, without motion
        assert view.locator(SHOWN).evaluate(_SIGNAL)["signal"]["transform"] is None
        play.click()
        expect(view).to_have_attribute("data-playing", "false")
        for width in WIDTHS:
            page.set_width(width, left_panel=True)
            unit.scroll_into_view_if_needed()
            drawn_to_width(page, view)
            unit.screenshot(path=str(artifacts / f"figure-text-motor-unit-{width}.png"))
    finally:
        page.page.emulate_media(reduced_motion="no-preference")
        page.set_width(1400, left_panel=True)
        if play.get_attribute("data-playing") == "true":
            play.click()
        modes.get_by_role("button", name="normal signal", exact=True).click()


_LABELS = """(gd) => {
  const fl = gd._fullLayout, r = gd.getBoundingClientRect();
  const px = (x) => r.left + fl.xaxis._offset + fl.xaxis.l2p(x), py = (y) => r.top + fl.yaxis._offset + fl.yaxis.l2p(y);
  const outlines = gd.data.filter((t) => / outline$/.test(t.name)).map((t) => t.x.map((x, i) => [px(x), py(t.y[i])]));
  const labels = [...gd.querySelectorAll('.annotation-text')].map((t) => {
    const b = t.getBoundingClientRect();
    const size = parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a;  // as drawn on the screen
    return {text: t.textContent, size, box: [b.left, b.top, b.right, b.bottom]};
  });
  return {outlines, labels};
}"""


def _inside(point, polygon) -> bool:
    x, y, inside = point[0], point[1], False
    for (x1, y1), (x2, y2) in zip(polygon, polygon[1:] + polygon[:1], strict=True):
        if (y1 > y) != (y2 > y) and x < x1 + (y - y1) * (x2 - x1) / (y2 - y1):
            inside = not inside
    return inside


def _crosses(box, polygon) -> bool:
    """Whether a rectangle touches a polygon's line or lies inside it."""
    left, top, right, bottom = box
    corners = [(left, top), (right, top), (right, bottom), (left, bottom)]
    if any(_inside(c, polygon) for c in corners) or any(left <= x <= right and top <= y <= bottom for x, y in polygon):
        return True

    def cut(p1, p2, q1, q2) -> bool:
        d = lambda a, b, c: (b[0] - a[0]) * (c[1] - a[1]) - (b[1] - a[1]) * (c[0] - a[0])  # noqa: E731
        return d(p1, p2, q1) * d(p1, p2, q2) < 0 and d(q1, q2, p1) * d(q1, q2, p2) < 0

    edges = list(zip(corners, corners[1:] + corners[:1], strict=True))
    return any(cut(a, b, c, e) for a, b in edges for c, e in itertools.pairwise(polygon))


def test_foot_map_labels_are_readable_apart_and_off_the_outline_and_its_questions_are_links(ran_lesson, artifacts):
    regions = load_regions()
    words = load_figure_texts().foot_map.words
    page = ran_lesson(lesson_with("foot_map"))
    fmap = page.notebook_panel.locator(".foot-map").first
    view = fmap.locator(".figure-view")
    listing = fmap.locator(".foot-map-region-list")
    try:
        for width in WIDTHS:
            page.set_width(width, left_panel=True)
            fmap.scroll_into_view_if_needed()
            drawn_to_width(page, view)
            for chosen in (None, "peroneal-muscles"):
                if chosen:
                    listing.get_by_role("button", name=regions.region(chosen).name, exact=True).click()
                    page.page.wait_for_function(  # the chosen part's drawing (hatched), with its labels, is shown
                        """(v) => { const gd = v.querySelector('.figure-shown');
                             return gd && gd._fullData && gd._fullData.some((t) =>
                               t.name === 'Peroneal (fibularis) muscles'
                               && t.fillpattern && t.fillpattern.shape === '/')
                               && gd.querySelectorAll('.annotation-text').length === 7; }""",
                        arg=view.element_handle(),
                    )
                got = view.locator(SHOWN).evaluate(_LABELS)
                sizes = {g["text"]: round(g["size"], 1) for g in got["labels"]}
                assert len(got["labels"]) == 7 and min(sizes.values()) >= 12, (width, sizes)
                for i, a in enumerate(got["labels"]):
                    for b in got["labels"][i + 1 :]:
                        assert not _overlap(a["box"], b["box"]), (width, a["text"], b["text"])
                    for outline in got["outlines"]:
                        assert not _crosses(a["box"], outline), (width, chosen, a["text"], "over the leg outline")
            fmap.screenshot(path=str(artifacts / f"figure-text-foot-map-{width}.png"))
        # the muscles panel says where the lesson puts them: the outer side of the lower leg
        muscles = regions.region("peroneal-muscles")
        expect(fmap.locator(".foot-map-explanation")).to_contain_text(f"({muscles.where}).")
        assert muscles.where == "outer side of the lower leg"
        # its quiz question is a link that brings up that question's card in the lesson's quiz
        want = fm.describe("peroneal-muscles", words)
        link = fmap.locator(".foot-map-questions a").first
        expect(link).to_have_text(want["questions"][0])
        anchor = want["anchors"][0]
        expect(link).to_have_attribute("href", "#" + anchor)
        card = page.notebook_panel.locator(f"#{anchor}")
        expect(card).to_have_count(1)
        expect(card).to_be_hidden()  # the quiz shows its first card
        link.click()
        expect(card).to_be_visible()
        assert card.evaluate("(c) => c.contains(document.activeElement)")  # focus on the question, to read on
        ax = accessible(page.page, link)
        assert ax["role"] == "link" and ax["name"] == want["questions"][0], ax
    finally:
        page.set_width(1400, left_panel=True)
        listing.get_by_role("button", name=regions.region("peroneal-muscles").name, exact=True).click()
