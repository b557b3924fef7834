"""The page computes the simulator, the foot map, twitch-vs-cramp and the motor unit itself (widgets/static/*.js):
run that JavaScript in real node and check it against the Python (widgets/engine/simulation.py and the views) on many
settings, seeds and states. Node is required: without /usr/bin/node these tests fail, they never skip."""

from __future__ import annotations

import base64
import itertools
import json
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from widgets.content.figure_model import REGION_IDS
from widgets.content.load import load_figure_texts, load_regions
from widgets.engine import anatomy
from widgets.engine import simulation as sim
from widgets.views import foot_map as fm
from widgets.views import motor_unit as mu
from widgets.views import simulator as sv
from widgets.views import twitch_cramp as tc
from widgets.views.page_figure import PageCanvas
from widgets.views.palette import STATIC

DRIVER = Path(__file__).parents[1] / "figure_parity.mjs"
NODE = "/usr/bin/node"


def node(task: dict) -> list:
    exe = NODE if Path(NODE).exists() else shutil.which("node")
    assert exe, f"node is needed to run the page's maths ({NODE}); install nodejs"
    done = subprocess.run(
        [exe, str(DRIVER)], input=json.dumps(task), capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def f32(b64: str) -> np.ndarray:
    return np.frombuffer(base64.b64decode(b64), dtype=np.float32)


def typed_values(y) -> np.ndarray:
    return np.frombuffer(base64.b64decode(y["bdata"]), dtype={"f4": np.float32, "f8": np.float64}[y["dtype"]])


def differ(a, b, path: str = "") -> str | None:
    """Where two JSON values differ (numbers within 1e-9 relative), or None when they agree."""
    if isinstance(a, dict) and isinstance(b, dict):
        if set(a) != set(b):
            return f"{path}: keys {sorted(set(a) ^ set(b))}"
        return next((d for k in a if (d := differ(a[k], b[k], f"{path}.{k}"))), None)
    if isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items, {len(b)} items"
        return next((d for i, (x, y) in enumerate(zip(a, b, strict=True)) if (d := differ(x, y, f"{path}[{i}]"))), None)
    numbers = (int, float)
    if isinstance(a, numbers) and isinstance(b, numbers) and not isinstance(a, bool) and not isinstance(b, bool):
        return None if a == pytest.approx(b, rel=1e-9, abs=1e-12) else f"{path}: {a} != {b}"
    return None if a == b else f"{path}: {a!r} != {b!r}"


ALL_SETTINGS = [
    dict(zip(sim.SETTINGS, combo, strict=True)) for combo in itertools.product(*map(sim.choices, sim.SETTINGS))
]
SEEDS = list(range(12))


def test_simulator_page_maths_equal_python_on_every_setting_and_many_seeds():
    words = load_figure_texts().simulator.words
    draws = [sim.draws(seed) for seed in SEEDS]
    widths = [None, 336, 368, 592, 1100]  # drawn this wide (None: the page gives no width): the marks' rows follow it
    cases = [
        {"recording": i % len(SEEDS), "settings": s, "width": widths[i % len(widths)]}
        for i, s in enumerate(ALL_SETTINGS)
    ]
    cases += [  # every seed at its busiest, at each width
        {"recording": r, "settings": ALL_SETTINGS[-1], "width": w} for r in range(len(SEEDS)) for w in widths
    ]
    template = sv.template("t")
    page = node(
        {
            "kind": "simulator",
            "module": str(STATIC / "simulator.js"),
            "params": sv.page_params(),
            "words": words.model_dump(),
            "draws": [sv.draws_json(d) for d in draws],
            "template": template,
            "cases": cases,
        }
    )
    assert len(page) == len(cases) == len(ALL_SETTINGS) + len(SEEDS) * len(widths)
    seen_hidden = stacked = 0
    levels = set()
    for case, got in zip(cases, page, strict=True):
        s = case["settings"]
        want = sim.signal_from(draws[case["recording"]], s)
        assert got["excitability"] == pytest.approx(sim.excitability(s), abs=1e-15)
        assert got["rate"] == pytest.approx(sim.firing_rate(s), rel=1e-12)
        assert got["expected"] == pytest.approx(sim.expected_noticed(s), rel=1e-12)
        np.testing.assert_allclose(got["firings"], want.firings, rtol=1e-12)
        np.testing.assert_allclose(got["noticed"], want.noticed, rtol=1e-12)
        assert len(got["noticed"]) + len(got["hidden"]) == len(want.firings)
        assert [tuple(b) for b in got["busy"]] == list(want.busy)
        np.testing.assert_allclose(f32(got["values"]), want.values, atol=1e-6)
        assert got["texts"] == sv.describe(want, s, words), s  # every sentence, word for word
        python = sv.figure(want, "t", case["width"])
        page_fig = got["figure"]
        np.testing.assert_allclose(f32(page_fig["data"][0]["y"]), typed_values(python["data"][0]["y"]), atol=1e-6)
        for trace in (page_fig["data"][0], python["data"][0]):
            trace.pop("y")
        page_fig.pop("config", None)
        assert differ(page_fig, json.loads(json.dumps(python))) is None, (s, differ(page_fig, python))
        seen_hidden += bool(got["hidden"])
        stacked += max(y for t in python["data"][1:3] for y in t["y"] or [0]) > sv.MARK_Y
        levels.add(got["texts"]["level"])
    assert seen_hidden > 50 and levels == set(words.levels)  # the cases reach every branch
    assert stacked > 20  # marks that would touch went up a row, in the page as in Python


def plain(fig: dict) -> dict:
    """A figure as JSON, typed arrays decoded to lists (the page draws plain arrays)."""
    fig = json.loads(json.dumps(fig))
    for t in fig["data"]:
        if isinstance(t.get("y"), dict):
            t["y"] = typed_values(t["y"]).tolist()
    fig.pop("config", None)
    return fig


def page_states(view, entry: str, states: list[dict]) -> list[dict]:
    """What the page module `entry` shows for each state, from the data and template the view really sends."""
    canvas: PageCanvas = view.output.canvas
    return node(
        {
            "kind": "states",
            "module": str(STATIC / entry),
            "template": canvas.figure,
            "data": json.loads(json.dumps(canvas.data)),
            "cases": states,
        }
    )


def test_foot_map_page_shows_what_python_would_draw_for_every_choice():
    view = fm.foot_map()
    states = [{"region": None}] + [{"region": r} for r in REGION_IDS]
    page = page_states(view, "foot_map.js", states)
    for state, got in zip(states, page, strict=True):
        view.choose_region(state["region"])
        assert differ(plain(got["figure"]), plain(view.figure)) is None, (
            state,
            differ(plain(got["figure"]), plain(view.figure)),
        )
        assert got["texts"] == view.texts, state
        assert view.output.canvas.alt == got["texts"]["alt"]
    assert len({json.dumps(g["figure"]) for g in page}) == len(states)  # every choice draws differently
    wide, narrow = page_states(view, "foot_map.js", [{"region": None, "width": 2000}, {"region": None, "width": 380}])
    assert wide["figure"]["layout"]["height"] == fm.HEIGHT  # with room, Python's height
    assert 220 <= narrow["figure"]["layout"]["height"] < fm.HEIGHT * 0.7  # narrow: no empty bands
    # small: every name at 12 px, on short lines moved beside its view (tests/browser/test_figure_text.py measures it)
    assert {a["font"]["size"] for a in narrow["figure"]["layout"]["annotations"]} == {fm.SMALL_FONT} == {12}
    names = {r.name for r in load_regions().regions}
    moved = [a for a in narrow["figure"]["layout"]["annotations"] if a["text"].replace("<br>", " ") in names]
    assert len(moved) == len(names)
    assert {(a["ax"], a["ay"]) for a in moved} == set(anatomy.NARROW_LABELS.values())


def test_twitch_vs_cramp_page_shows_what_python_would_draw_after_each_replay():
    for seed in range(4):
        view = tc.twitch_vs_cramp(seed)
        states = [{"shown": "both"}, {"shown": "twitch"}, {"shown": "cramp"}]
        page = page_states(view, "twitch_cramp.js", states)
        for state, got in zip(states, page, strict=True):
            if state["shown"] != "both":
                view.replay(state["shown"])
            assert differ(plain(got["figure"]), plain(view.figure)) is None, (seed, state)
            assert got["texts"] == view.texts, (seed, state)
    (narrow,) = page_states(view, "twitch_cramp.js", [{"shown": "cramp", "narrow": True}])
    wanted = tc.figure(view.twitch, view.cramp, view.title, view.words.close_up, narrow=True)
    assert differ(plain(narrow["figure"]), plain(wanted)) is None
    assert narrow["figure"]["layout"]["yaxis2"]["domain"][1] < narrow["figure"]["layout"]["yaxis"]["domain"][0]
    # part-way through a replay the page draws the trace only up to that moment
    (half,) = page_states(view, "twitch_cramp.js", [{"shown": "cramp", "cramp": 100}])
    ys = {t["name"]: t["y"] for t in half["figure"]["data"] if isinstance(t.get("y"), list) and t.get("x0") == 0}
    assert len(ys["cramp: many motor units"]) == 100 and len(ys["twitch: one motor unit"]) == len(view.twitch.force)


def test_twitch_page_stacks_the_panels_only_where_a_label_does_not_fit_its_panel():
    """mustStack measures each label against its own panel's width (node has no canvas: its estimate, which is wider
    than Arial); the browser test checks the same with the page's real font."""
    v = tc.twitch_vs_cramp()
    widths = [300, 336, 368, 420, 700, 1220]
    stacks = node(
        {"kind": "stacks", "module": str(STATIC / "twitch_cramp.js"), "layout": v.figure["layout"], "cases": widths}
    )
    assert stacks == [True, True, True, True, False, False], dict(zip(widths, stacks, strict=True))
    # a longer title is measured, not guessed: the same width stacks
    longer = v.figure["layout"] | {
        "annotations": [
            *v.figure["layout"]["annotations"][:-1],
            v.figure["layout"]["annotations"][-1] | {"text": "<b>Cramp</b> (" + "many " * 12 + ")"},
        ]
    }
    assert node({"kind": "stacks", "module": str(STATIC / "twitch_cramp.js"), "layout": longer, "cases": [1220]}) == [
        True
    ]


def test_motor_unit_page_shows_what_python_draws_and_says_at_every_step_of_every_mode():
    view = mu.motor_unit()
    states = [{"mode": m, "step": i} for m, steps in view.steps_by_mode.items() for i in range(len(steps))]
    page = page_states(view, "motor_unit.js", states)
    for state, got in zip(states, page, strict=True):
        view.set_mode(state["mode"])
        view.go(state["step"])
        assert view.output.canvas.choice == state  # what a click sends the kernel: the choice only
        frame = view.frames[state["mode"]][state["step"]]
        assert got["figure"].pop("narrow") == frame["narrow"], state  # the step's own layout for narrow outputs
        got["figure"].pop("narrow_below")
        assert differ(plain(got["figure"]), plain(view.figure)) is None, state
        assert got["texts"] == view.texts, state  # the step line, Back and Next, the text alternative
        assert view.output.canvas.alt == got["texts"]["alt"]
    assert len({json.dumps(g["figure"]) for g in page}) == len(states)  # every step draws differently
    assert len({g["texts"]["alt"] for g in page}) == len(states)  # and says so differently
    # a choice the page does not know (a tampered page, an old notebook) is shown as Python shows it
    odd = [{"mode": "panic", "step": 2}, {"mode": "misfire", "step": 99}, {"mode": "normal", "step": -1}, {}]
    for state, got in zip(odd, page_states(view, "motor_unit.js", odd), strict=True):
        view.output.canvas.choice = state
        got["figure"].pop("narrow"), got["figure"].pop("narrow_below")
        assert differ(plain(got["figure"]), plain(view.figure)) is None and got["texts"] == view.texts, state
