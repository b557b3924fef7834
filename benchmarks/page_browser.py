"""Issue 14's goals, measured in ONE JupyterLab page (``--browser``): every variant beside the baseline.

One scratch notebook holds the baseline (a button whose kernel callback only sets a text: the kernel round
trip with no work), the quiz, the simulator, twitch-vs-cramp, the foot map and the motor unit. Samples are
taken in a shuffled order of variants, so a noisy moment of this shared machine hits them all alike; each
line prints p50/p95 and its ratio to the baseline's. Then: every quiz attempt clicked is counted in the
learner's SQLite store (none may be missing), and each lesson's Run All → everything drawn is timed: on the page's
clock (click → the frame in which every widget and figure was drawn and the kernel idle, LabPage.run_all()) and as
the harness's wall time (which adds Playwright's round trips after that frame).

A figure keeps one drawing per state it showed and draws the states one click away ahead while the page is idle
(static/figure.js), so a click usually only switches drawings; the line "simulator, nothing kept" times the other
case, a state drawn with Plotly.react at the click.

Goals (issue 14): quiz feedback and page-computed figures p95 ≤ 0.25× baseline and ≤ 16 ms on a quiet
machine; kernel-computed figures ≤ 0.6×; Run All ≤ 2 s per lesson.
"""

from __future__ import annotations

import random
import sqlite3
import time

from .browser import _BASELINE_CELL, _BUTTON_TO_TEXT
from .common import line, percentile

BROWSER = True
ROUNDS = 40  # samples per variant (after 3 warm-up rounds)

_CELLS = [
    _BASELINE_CELL,  # the baseline, as in browser.py
    'from widgets import quiz; quiz("01-physiology")',
    'from widgets import simulator; simulator(lesson="02-triggers")',
    "from widgets import twitch_vs_cramp; twitch_vs_cramp()",
    "from widgets import foot_map; foot_map()",
    "from widgets import motor_unit; motor_unit()",
    'from widgets import simulator; simulator(lesson="01-physiology")',  # the "nothing kept" line's own
]

_PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden) "
# each variant's element, scrolled into view before it is clicked
_FLOOR = "next frame, no click (the end point's floor)"
_ROOTS = {"baseline": ".bench-button", "quiz Check -> feedback (page)": ".quiz-page", _FLOOR: ".quiz-page"}


# Pick option n of the quiz's current question, click Check, resolve when the feedback was repainted (any
# change of its children: the quiz repaints it on every Check) and a frame is painted.
_CHECK_TO_FEEDBACK = """async ({panel, n}) => {
  const q = [...document.querySelectorAll(panel + '.quiz-page .quiz-question')].find((e) => !e.hidden);
  const inputs = q.querySelectorAll('.quiz-option input');
  inputs[n % inputs.length].click();
  const fb = q.querySelector('.quiz-feedback');
  const t0 = performance.now();
  return await new Promise((resolve) => {
    const obs = new MutationObserver(() => {
      obs.disconnect();
      requestAnimationFrame(() => resolve(performance.now() - t0));
    });
    obs.observe(fb, {childList: true, subtree: true, characterData: true});
    setTimeout(() => { obs.disconnect(); resolve(NaN); }, 5000);
    q.querySelector('.quiz-check').click();
  });
}"""

# Click a control; resolve when the figure was redrawn IN PLACE (its FigureView counts Plotly.react draws in
# data-draws) and a frame is painted. NaN if the figure was replaced by a new element or nothing happened.
_CLICK_TO_REDRAWN = """async ({panel, root, button, fig}) => {
  const r = document.querySelector(panel + root);
  const view = r.querySelector('.' + fig + ' .figure-view') || r.querySelector('.figure-view');
  const draws = view.getAttribute('data-draws');
  const t0 = performance.now();
  return await new Promise((resolve) => {
    const obs = new MutationObserver(() => {
      if (view.getAttribute('data-draws') !== draws) {
        obs.disconnect();
        requestAnimationFrame(() => resolve(view.isConnected ? performance.now() - t0 : NaN));
      }
    });
    obs.observe(view, {attributes: true, attributeFilter: ['data-draws']});
    setTimeout(() => { obs.disconnect(); resolve(NaN); }, 5000);
    r.querySelector(button).click();
  });
}"""

# No click at all: the time until the next frame. Every variant's end point is "+ one requestAnimationFrame";
# taken in the same shuffled rounds, this shows how much of a variant's time is the page's and the machine's
# (another widget's redraw, a kernel message, a busy CPU) rather than the variant's own work.
_NEXT_FRAME = """async () => {
  const t0 = performance.now();
  return await new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now() - t0)));
}"""

# The twitch-vs-cramp replay draws its trace for 3 s after the click (a step every frame), and sets
# data-replayed when done. A variant measured during that animation waits for the animation's frames (measured
# when each step was a Plotly.react: a bare requestAnimationFrame with no click then took p50 21 / p95 102 ms
# instead of 0.6 / 10). Each step is now a clip moved in the drawing (no plotly work), but the next variant still
# starts only once the replay has finished, so no variant is measured during an animation.
_REPLAYED = "(panel) => document.querySelector(panel + '.twitch-cramp .pagefig-host').getAttribute('data-replayed')"

# A choice with nothing kept: the figure's width changes by a pixel, so the (second) simulator drops its drawings and
# draws again at the new width; at once after that drawing (no idle moment in between, so nothing is drawn ahead)
# a control is clicked, and its state is drawn with Plotly.react. Timed from that click to its drawing.
_ARM_NOTHING_KEPT = """({panel, i}) => {
  const r = document.querySelectorAll(panel + '.simulator')[1];
  const view = r.querySelector('.figure-view');
  window.__benchMiss = new Promise((resolve) => {
    let t0 = 0, draws = view.getAttribute('data-draws');
    const obs = new MutationObserver(() => {
      if (view.getAttribute('data-draws') === draws) return;
      draws = view.getAttribute('data-draws');
      if (!t0) {  // the redraw at the new width: click now
        t0 = performance.now();
        r.querySelector('.simulator-caffeine button:not(.mod-active)').click();
        if (view.getAttribute('data-draws') !== draws) { draws = view.getAttribute('data-draws'); }
        else return;
      }
      obs.disconnect();
      requestAnimationFrame(() => resolve(performance.now() - t0));
    });
    obs.observe(view, {attributes: true, attributeFilter: ['data-draws']});
    setTimeout(() => { obs.disconnect(); resolve(NaN); }, 5000);
  });
  view.style.maxWidth = view.style.maxWidth ? '' : 'calc(100% - 1px)';
}"""


def _nothing_kept(page, i: int) -> float:
    page.evaluate(_ARM_NOTHING_KEPT, {"panel": _PANEL, "i": i})
    return page.evaluate("window.__benchMiss")


# (name, kind, root, buttons to alternate, figure class); kind "page" = computed in the page, "kernel" = not
FIGURES = [
    (
        "simulator (page)",
        "page",
        ".simulator",
        [".simulator-caffeine button:nth-child(3)", ".simulator-caffeine button:nth-child(1)"],
        "simulator-figure",
    ),
    ("twitch-vs-cramp replay (page)", "page", ".twitch-cramp", [".twitch-cramp-replay"], "twitch-cramp-figure"),
    (
        "foot map (page)",
        "page",
        ".foot-map",
        [".foot-map-region-list button:nth-child(2)", ".foot-map-region-list button:nth-child(4)"],
        "foot-map-figure",
    ),
    ("motor unit (page)", "page", ".motor-unit", [".motor-unit-next", ".motor-unit-back"], "motor-unit-figure"),
]


_MISS = "simulator, nothing kept (page, Plotly.react)"
_INTO_VIEW = """({panel, root}) => {
  const all = document.querySelectorAll(panel + root);
  all[root === '.simulator' && window.__benchSecond ? 1 : 0].scrollIntoView({block: 'nearest'});
}"""


def _scratch(lab) -> str:
    import nbformat

    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(c) for c in _CELLS])
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
    nbformat.write(nb, lab.root / "bench_page.ipynb")
    return "bench_page.ipynb"


def _saved_attempts(lab) -> int:
    """Attempts of 01-physiology in every progress database the lab's kernels wrote."""
    total = 0
    for db in lab.data_dir.rglob("progress.db"):
        with sqlite3.connect(db) as con:
            total += con.execute("SELECT count(*) FROM attempts WHERE question LIKE '01-physiology/%'").fetchone()[0]
    return total


def _ratio(samples: list[float], floor: list[float]) -> str:
    return (
        f"ratio to baseline p50 {percentile(samples, 50) / percentile(floor, 50):.2f}, "
        f"p95 {percentile(samples, 95) / percentile(floor, 95):.2f}"
    )


def _one_page(browser, lab) -> list[str]:
    from tests.browser.lab import LabPage

    page = LabPage.open(browser.context, lab, _scratch(lab))
    page.menu("Run", "Run All Cells")
    page.page.locator(".bench-button").wait_for()
    page.page.locator(_PANEL + ".quiz-page .quiz-check").first.wait_for(timeout=60_000)
    for _name, _kind, root, _buttons, fig in FIGURES:
        page.page.locator(f"{_PANEL}{root} .{fig} .figure-view[data-route]").first.wait_for(timeout=60_000)
    ev = page.page.evaluate
    variants = {
        "baseline": lambda i: ev(_BUTTON_TO_TEXT),
        _FLOOR: lambda i: ev(_NEXT_FRAME),
        "quiz Check -> feedback (page)": lambda i: ev(_CHECK_TO_FEEDBACK, {"panel": _PANEL, "n": i % 2}),
    }
    for name, _kind, root, buttons, fig in FIGURES:
        variants[name] = lambda i, root=root, buttons=buttons, fig=fig: ev(
            _CLICK_TO_REDRAWN, {"panel": _PANEL, "root": root, "button": buttons[i % len(buttons)], "fig": fig}
        )
    _ROOTS[_MISS] = ".simulator"
    variants[_MISS] = lambda i: _nothing_kept(page.page, i)
    _ROOTS.update({name: root for name, _kind, root, _b, _f in FIGURES})
    samples: dict[str, list[float]] = {k: [] for k in variants}
    order = list(variants)
    rng = random.Random(14)
    checks = 0
    for i in range(ROUNDS + 3):
        rng.shuffle(order)
        for name in order:
            ev(f"window.__benchSecond = {str(name == _MISS).lower()}")
            ev(_INTO_VIEW, {"panel": _PANEL, "root": _ROOTS[name]})  # a learner clicks what is on the screen
            time.sleep(0.05)
            replays = name.startswith("twitch")
            replayed = ev(_REPLAYED, _PANEL) if replays else None  # None before the first replay
            ms = variants[name](i)
            if replays:  # let the replay finish: nothing else is measured while it animates
                page.page.wait_for_function(
                    f"([panel, before]) => ({_REPLAYED})(panel) !== before", arg=[_PANEL, replayed], timeout=15_000
                )
            checks += name.startswith("quiz")
            if i >= 3:
                samples[name].append(ms)
            time.sleep(0.05)
    time.sleep(3)  # the last attempts' "saved" replies
    saved = _saved_attempts(lab)
    page.close()
    lab.shutdown_kernels()
    out = []
    floor = samples.pop("baseline")
    out.append(line("page", "baseline: button -> HTML text (kernel round trip, no work)", floor))
    for name, values in samples.items():
        missing = sum(v != v for v in values)
        if missing:
            out.append(f"page {name}: {missing} of {len(values)} clicks gave no in-place redraw/feedback in 5 s")
            values = [v for v in values if v == v]
        out.append(line("page", name, values) + "; " + _ratio(values, floor))
    out.append(f"page quiz attempts: {checks} Check clicks, {saved} attempts in the SQLite store")
    if saved != checks:
        out.append(f"page quiz attempts: {checks - saved} NOT SAVED")
    return out


def _run_all(browser, lab) -> list[str]:
    from tests.browser.lab import LabPage, lesson_notebooks

    out = []
    for notebook in lesson_notebooks():
        times, walls = [], []
        for _ in range(3):
            page = LabPage.open(browser.context, lab, notebook)
            times.append(page.run_all())
            walls.append(page.last_wall_ms)
            problems = page.problems()
            page.close()
            lab.shutdown_kernels()
            if problems:
                raise RuntimeError(f"{notebook}: {problems}")
        out.append(line("page", f"Run All -> everything drawn (ms, page clock), {notebook}", times))
        out.append(line("page", f"Run All -> run_all() returned (ms, harness wall), {notebook}", walls))
    return out


def run(args) -> list[str]:
    from tests.browser.lab import start_browser, start_lab

    with start_lab() as lab, start_browser() as browser:
        return _one_page(browser, lab) + _run_all(browser, lab)
