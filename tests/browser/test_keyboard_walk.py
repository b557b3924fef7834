"""Each lesson walked with the keyboard only, after Run All, in Chromium: Tab through every stop of the lesson, the arrow
keys inside each radio group, Enter on the buttons that give feedback; the accessibility tree read (CDP) at every stop.

A walk fails on: a name that begins with an icon-font glyph (a private-use character); a radio group that takes more
than one Tab stop, or whose arrow keys do not move its choice; a stop with no visible focus ring (measured by pixels:
the element focused against the same element blurred, a ring of at least 2 px whose colour differs 3:1 from what it
covers); headings out of order; a group of choices with no name; feedback that appears with no live region to read it.
"""

from __future__ import annotations

import re
import struct
import zlib
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pytest

from .lab import LabPage, lesson_notebooks

pytestmark = [pytest.mark.browser, pytest.mark.timeout(600)]

LESSONS = [nb for nb in lesson_notebooks() if not nb.startswith("instructor/")]
MAX_STOPS = 400
RINGS = Path(__file__).resolve().parents[1] / "artifacts" / "keyboard-walk"
OUTPUT = ".jp-OutputArea-output"
# buttons the walk presses (Enter) once per view: each must bring feedback into a live region
FEEDBACK_BUTTONS = re.compile(r"^(Check|Next story|Next step|Show my next step|Show the example)\b")
PRIVATE_USE = re.compile("^[\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd]")

# The focused element, tagged so CDP can find it: where it is, what it is, and the radio group it belongs to.
_FOCUSED = """(n) => {
  document.querySelectorAll('[data-walk-focus]').forEach((e) => e.removeAttribute('data-walk-focus'));
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  if (!e.dataset.walkId) e.dataset.walkId = String(n);
  e.setAttribute('data-walk-focus', '');
  const panel = e.closest('.jp-NotebookPanel');
  const output = e.closest('.jp-OutputArea-output');
  const view = e.closest('.lesson-view, .quiz-page, .pagefig, .figure-view') || output;
  const radio = e.matches('input[type=radio]');
  let group = null;
  if (radio) {
    const box = e.closest('[role=radiogroup], .widget-radio-box, .jupyter-widget-radio-box, fieldset');
    const key = box || e;
    if (!key.dataset.walkGroup) key.dataset.walkGroup = 'g' + n;
    group = key.dataset.walkGroup + (e.name ? ':' + e.name : ':' + e.dataset.walkId);
  }
  const r = e.getBoundingClientRect();
  return {
    id: e.dataset.walkId, tag: e.tagName.toLowerCase(), type: e.type || '', radio, group,
    checked: !!e.checked, inPanel: !!panel && !panel.classList.contains('lm-mod-hidden'), inOutput: !!output,
    view: view ? (view.className || '').toString().slice(0, 80) : '',
    html: e.outerHTML.slice(0, 160), box: {x: r.x, y: r.y, width: r.width, height: r.height},
  };
}"""

# Headings the learner can see in the notebook, in page order: level and words.
_HEADINGS = """(panel) => {
  const nb = document.querySelector(panel);
  const out = [];
  for (const h of nb.querySelectorAll('h1, h2, h3, h4, h5, h6, [role=heading]')) {
    if (!h.getClientRects().length || h.closest('[aria-hidden=true], .jp-InputArea-editor, .lesson-sr-only')) continue;
    const level = h.getAttribute('aria-level') || h.tagName.slice(1);
    out.push([Number(level), h.textContent.trim().slice(0, 60)]);
  }
  return out;
}"""

# Groups of choices in the lesson's widgets: every radio button and every tick box that has a sibling tick box must be
# inside a group (role=radiogroup / group, or fieldset) that has a name; the text of that name.
_GROUPS = """(panel) => {
  const nb = document.querySelector(panel);
  const nameOf = (g) => {
    if (g.getAttribute('aria-label')) return g.getAttribute('aria-label').trim();
    const ids = (g.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(Boolean);
    const by = ids.map((id) => (document.getElementById(id) || {}).textContent || '').join(' ').trim();
    if (by) return by;
    const legend = g.tagName === 'FIELDSET' && g.querySelector(':scope > legend');
    return legend ? legend.textContent.trim() : '';
  };
  const out = [];
  for (const i of nb.querySelectorAll('.jp-OutputArea-output input[type=radio], .jp-OutputArea-output input[type=checkbox]')) {
    if (!i.getClientRects().length) continue;
    if (i.type === 'checkbox') {
      const holder = i.closest('.widget-checkbox, .jupyter-widget-checkbox, label') || i;
      const box = holder.parentElement;
      const siblings = box ? [...box.querySelectorAll('input[type=checkbox]')].filter((c) => c.getClientRects().length) : [];
      if (siblings.length < 2) continue;
    }
    const g = i.closest('[role=radiogroup], [role=group], fieldset');
    out.push({control: (i.closest('label') || i).textContent.trim().slice(0, 50), type: i.type,
              group: g ? nameOf(g) : null});
  }
  return out;
}"""

# Live regions of the view the focus is in: their text (to see feedback arrive in one).
_LIVE = """() => {
  const e = document.activeElement;
  const root = (e && e.closest('.jp-OutputArea-output')) || document.body;
  return [...root.querySelectorAll('[aria-live]:not([aria-live=off]), [role=status], [role=alert], [role=log]')]
    .map((r) => r.textContent.trim());
}"""


@dataclass
class Walk:
    """What the walk met: one line per problem, the stops, and what the radio groups did."""

    notebook: str
    problems: list[str] = field(default_factory=list)
    stops: list[dict] = field(default_factory=list)
    radio_stops: dict[str, list[str]] = field(default_factory=dict)

    def add(self, kind: str, text: str) -> None:
        self.problems.append(f"{kind}: {text}")


def png_pixels(data: bytes) -> np.ndarray:
    """A PNG (as Chromium's screenshots are: 8-bit RGB or RGBA, not interlaced) as an H x W x 3 array."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    height = colour = 0
    while pos < len(data):
        (length,), kind = struct.unpack(">I", data[pos : pos + 4]), data[pos + 4 : pos + 8]
        body = data[pos + 8 : pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6) and body[12] == 0, "8-bit RGB(A), not interlaced"
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    bpp = 4 if colour == 6 else 3
    raw = np.frombuffer(zlib.decompress(idat), dtype=np.uint8).reshape(height, 1 + width * bpp)
    out = np.zeros((height, width * bpp), dtype=np.int32)
    prev = np.zeros(width * bpp, dtype=np.int32)
    for y in range(height):
        f, line = raw[y, 0], raw[y, 1:].astype(np.int32)
        if f == 0:
            row = line
        elif f == 2:
            row = (line + prev) & 255
        else:  # Sub, Average, Paeth depend on the pixel to the left: byte by byte
            row = np.zeros_like(line)
            for x in range(len(line)):
                a = row[x - bpp] if x >= bpp else 0
                b = prev[x]
                c = prev[x - bpp] if x >= bpp else 0
                if f == 1:
                    p = a
                elif f == 3:
                    p = (a + b) // 2
                else:
                    pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
                    p = a if pa <= pb and pa <= pc else b if pb <= pc else c
                row[x] = (line[x] + p) & 255
        out[y], prev = row, row
    return out.reshape(height, width, bpp)[:, :, :3]


def luminance(rgb: np.ndarray) -> np.ndarray:
    c = rgb / 255.0
    c = np.where(c <= 0.04045, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return 0.2126 * c[..., 0] + 0.7152 * c[..., 1] + 0.0722 * c[..., 2]


def ring_pixels(focused: np.ndarray, blurred: np.ndarray) -> int:
    """How many pixels changed with the focus by a contrast of at least 3:1 (a focus ring, not a faint tint)."""
    a, b = luminance(focused), luminance(blurred)
    ratio = (np.maximum(a, b) + 0.05) / (np.minimum(a, b) + 0.05)
    return int((ratio >= 3).sum())


def focus_ring_problem(page, stop: dict) -> str | None:
    """Screenshot the focused element with 8 px around it, blur it, screenshot again, focus it again: a visible
    focus indicator changes, by 3:1 or more, at least as many pixels as a 2 px line around the element has
    (for elements bigger than the window: the part in view)."""
    box = stop["box"]
    view = page.viewport_size
    x0, y0 = max(0, box["x"] - 8), max(0, box["y"] - 8)
    x1, y1 = min(view["width"], box["x"] + box["width"] + 8), min(view["height"], box["y"] + box["height"] + 8)
    if x1 - x0 < 2 or y1 - y0 < 2:
        return f"not in view to be seen: {stop['html']}"
    clip = {"x": x0, "y": y0, "width": x1 - x0, "height": y1 - y0}
    focused_png = page.screenshot(clip=clip, animations="disabled", caret="hide")
    page.evaluate("() => document.activeElement.blur()")
    blurred_png = page.screenshot(clip=clip, animations="disabled", caret="hide")
    focused, blurred = png_pixels(focused_png), png_pixels(blurred_png)
    page.evaluate("(id) => document.querySelector(`[data-walk-id='${id}']`).focus({preventScroll: true})", stop["id"])
    changed = ring_pixels(focused, blurred)
    need = 3 * (min(box["width"], x1 - x0) + min(box["height"], y1 - y0))  # a 1.5 px line around the element itself
    if changed < need:
        RINGS.mkdir(parents=True, exist_ok=True)
        (RINGS / f"FAILED-{stop['id']}-focused.png").write_bytes(focused_png)
        (RINGS / f"FAILED-{stop['id']}-blurred.png").write_bytes(blurred_png)
        return f"{changed} px changed by 3:1 on focus, a 2 px ring needs {need:.0f}: {stop['html']}"
    return None


def ax_name(cdp, stop: dict) -> tuple[str, str]:
    """The focused element's role and accessible name, as Chromium's accessibility tree has them."""
    doc = cdp.send("DOM.getDocument", {"depth": 0})
    node = cdp.send("DOM.querySelector", {"nodeId": doc["root"]["nodeId"], "selector": "[data-walk-focus]"})
    backend = cdp.send("DOM.describeNode", {"nodeId": node["nodeId"]})["node"]["backendNodeId"]
    tree = cdp.send("Accessibility.getPartialAXTree", {"backendNodeId": backend, "fetchRelatives": False})
    for n in tree["nodes"]:
        if n.get("backendDOMNodeId") == backend:
            return n.get("role", {}).get("value", ""), n.get("name", {}).get("value", "")
    return "", ""


def walk_lesson(lab_page: LabPage, cdp, start_selector: str | None = None) -> Walk:
    """Tab from the notebook's first cell to the end of the notebook, checking every stop."""
    page = lab_page.page
    walk = Walk(lab_page.notebook)
    keys = page.keyboard
    panel = lab_page.notebook_panel
    page.keyboard.press("Escape")  # command mode: nothing is being edited
    (panel.locator(start_selector) if start_selector else panel.locator(".jp-Cell").first).first.focus()
    pressed: set[tuple[str, str]] = set()  # (view, button name) already pressed once
    seen: set[str] = set()
    for n in range(MAX_STOPS):
        keys.press("Tab")
        stop = page.evaluate(_FOCUSED, n)
        if stop is None or not stop["inPanel"]:
            break  # out of the notebook: the walk is over
        if stop["id"] in seen and not stop["radio"]:
            if len(seen) > 1 and stop["id"] == walk.stops[0]["id"]:
                break  # round again
        seen.add(stop["id"])
        role, name = ax_name(cdp, stop)
        stop.update(role=role, name=name)
        walk.stops.append(stop)
        if not stop["inOutput"]:
            continue  # JupyterLab's own parts of the notebook (cells, links in the text) are not ours to check
        if PRIVATE_USE.match(name):
            walk.add("name begins with an icon glyph", f"{name!r} ({role}) {stop['html']}")
        ring = focus_ring_problem(page, stop)
        if ring:
            walk.add("no visible focus ring", ring)
        if stop["radio"]:
            walk.radio_stops.setdefault(stop["group"], []).append(stop["id"])
            if len(walk.radio_stops[stop["group"]]) == 1:
                arrow_problem = try_arrows(page, stop)
                if arrow_problem:
                    walk.add("radio group arrows", arrow_problem)
        elif role == "button" and FEEDBACK_BUTTONS.match(name) and (stop["view"], name.split()[0]) not in pressed:
            pressed.add((stop["view"], name.split()[0]))
            problem = press_for_feedback(page, name)
            if problem:
                walk.add("feedback without a live region", problem)
    else:
        walk.add("walk did not end", f"still inside the notebook after {MAX_STOPS} Tab presses")
    for group, ids in walk.radio_stops.items():
        if len(ids) > 1:
            walk.add("radio group with more than one Tab stop", f"{len(ids)} stops in group {group}")
    return walk


def try_arrows(page, stop: dict) -> str | None:
    """ArrowDown in a radio group moves the focus to another option of the same group and chooses it."""
    page.keyboard.press("ArrowDown")
    page.wait_for_timeout(50)
    after = page.evaluate(
        """() => { const e = document.activeElement;
        return {radio: e.matches('input[type=radio]'), checked: !!e.checked, name: e.name || '',
                id: e.dataset.walkId || ''}; }"""
    )
    if not after["radio"] or not after["checked"] or after["id"] == stop["id"]:
        return f"ArrowDown from {stop['html']} left focus on {after}"
    return None


def press_for_feedback(page, name: str) -> str | None:
    """Enter on a feedback button: within 3 s a live region in the same output reads something new."""
    before = page.evaluate(_LIVE)
    page.keyboard.press("Enter")
    try:
        page.wait_for_function(
            "(before) => { const now = (" + _LIVE + ")();"
            " return now.some((t, i) => t && t !== before[i]) || now.length > before.length; }",
            arg=before,
            timeout=3000,
            polling=50,
        )
    except Exception:  # noqa: BLE001 - Playwright's TimeoutError: no live region changed
        return f"after {name!r}: no live region in the output read anything new (regions: {before})"
    return None


def heading_problems(lab_page: LabPage) -> list[str]:
    """Headings may go down one level at a time (h2 -> h3), never skip one (h2 -> h4); the first is the h1."""
    found = lab_page.page.evaluate(_HEADINGS, lab_page.NOTEBOOK)
    out = []
    if found and found[0][0] != 1:
        out.append(f"first heading is h{found[0][0]}: {found[0][1]!r}")
    for (a, ta), (b, tb) in zip(found, found[1:], strict=False):
        if b > a + 1:
            out.append(f"h{a} {ta!r} -> h{b} {tb!r}")
    return out


def group_problems(lab_page: LabPage) -> list[str]:
    found = lab_page.page.evaluate(_GROUPS, lab_page.NOTEBOOK)
    return [f"{g['type']} {g['control']!r} is in no named group" for g in found if not g["group"]]


@pytest.mark.parametrize("notebook", LESSONS)
def test_lesson_walked_with_the_keyboard_only(notebook, ran_lesson, browser):
    page = ran_lesson(notebook)
    cdp = browser.context.new_cdp_session(page.page)
    try:
        walk = walk_lesson(page, cdp)
    finally:
        cdp.detach()
    problems = walk.problems + [f"heading order: {p}" for p in heading_problems(page)]
    problems += [f"unlabelled group: {p}" for p in group_problems(page)]
    summary = [f"{s['role']}:{s['name'][:30]!r}" for s in walk.stops if s["inOutput"]]
    print(f"{notebook}: {len(walk.stops)} stops, {len(summary)} in widgets: {summary}")
    assert problems == [], "\n".join(problems)
