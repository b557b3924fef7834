"""Twitch-vs-cramp and the simulator say in their layout what the lesson says in words (issue 26, item 5): the
twitch's close-up lies under the "move the foot" line and says honestly how much it is zoomed; the text alternative
describes both graphs whichever was replayed; the simulator's marks never overlap at any width it is drawn at and are
as many as its sentence says. The same checks on what the page draws are in tests/browser/test_figure_geometry.py."""

from __future__ import annotations

import itertools
import re

import pytest

from widgets.content.load import load_figure_texts
from widgets.engine import simulation as sim
from widgets.views import simulator as sv
from widgets.views import twitch_cramp as tc


def plot_height(layout: dict) -> float:
    return layout["height"] - layout["margin"]["t"] - layout["margin"]["b"]


@pytest.mark.parametrize("narrow", [False, True])
def test_twitch_close_up_lies_under_the_move_line_with_its_label(narrow):
    v = tc.twitch_vs_cramp()
    layout = tc.figure(v.twitch, v.cramp, v.title, v.words.close_up, narrow=narrow)["layout"]
    y, y3 = layout["yaxis"], layout["yaxis3"]
    # the line, in the figure's paper units (0 bottom .. 1 top of the plot area)
    line = y["domain"][0] + (sim.MOVE_THRESHOLD - y["range"][0]) / (y["range"][1] - y["range"][0]) * (
        y["domain"][1] - y["domain"][0]
    )
    box_bottom, box_top = y3["domain"]
    assert y["domain"][0] < box_bottom < box_top < line  # inside the twitch panel, wholly under the line
    label = next(a for a in layout["annotations"] if a["text"] == v.words.close_up.format(zoom=tc.ZOOM))
    assert label["y"] == box_top and label["yanchor"] == "bottom"  # the label sits on the box, under the line
    assert (line - box_top) * plot_height(layout) >= 16  # px: room for a 12 px label between box and line
    assert layout["xaxis3"]["domain"] == layout["xaxis"]["domain"]  # the bump right over the real one
    # "14 times taller" is true: px per unit of pull in the close-up over px per unit in the panel
    close_up = (box_top - box_bottom) / (y3["range"][1] - y3["range"][0])
    panel = (y["domain"][1] - y["domain"][0]) / (y["range"][1] - y["range"][0])
    assert close_up / panel == pytest.approx(tc.ZOOM)
    assert v.twitch.peak / y3["range"][1] > 0.35  # the zoomed twitch fills a good part of its box


def test_twitch_panels_share_one_force_scale_in_both_layouts():
    v = tc.twitch_vs_cramp()
    for narrow in (False, True):
        lay = tc.figure(v.twitch, v.cramp, v.title, v.words.close_up, narrow=narrow)["layout"]
        assert lay["yaxis"]["range"] == lay["yaxis2"]["range"]
        spans = [lay[a]["domain"][1] - lay[a]["domain"][0] for a in ("yaxis", "yaxis2")]
        assert spans[0] == pytest.approx(spans[1])  # the same height, so the same px per unit of pull
    for seed in range(50):  # the cramp is drawn whole on that scale, the twitch far under the line
        assert sim.cramp_force(seed).peak < tc.Y_MAX and sim.twitch_force(seed).peak < sim.MOVE_THRESHOLD / 20


def test_twitch_text_alternative_describes_both_graphs_whichever_was_replayed():
    v = tc.twitch_vs_cramp()
    twitch = v.words.twitch.format(start=f"{v.twitch.start:.1f}")
    cramp = v.words.cramp.format(start=f"{v.cramp.start:.1f}")
    for shown in ("twitch", "cramp", "twitch"):
        v.replay(shown)
        alt = v.texts["alt"]
        assert twitch in alt and cramp in alt and f"{tc.ZOOM} times taller" in alt, (shown, alt)
        assert v.texts["status"] == {"twitch": twitch, "cramp": cramp}[shown]  # the live line: the one replayed
        assert v.output.canvas.alt == alt


WIDTHS = [None, 300, 336, 368, 592, 1100]  # px the simulator's figure is drawn at (None: Python's default)


def marks(fig: dict) -> list[tuple[float, float]]:
    return [(x, y) for t in fig["data"][1:3] for x, y in zip(t["x"], t["y"], strict=True)]


def test_simulator_marks_never_overlap_at_any_width_and_match_the_sentence():
    words = load_figure_texts().simulator.words
    busy = {"caffeine": "a lot", "stress": "high", "magnesium": "low", "potassium": "low", "hydration": "low"}
    stacked = 0
    for seed, activity, width in itertools.product(range(12), sim.ACTIVITY, WIDTHS):
        settings = sim.CALM | busy | {"activity": activity}
        signal = sim.signal_from(sim.draws(seed), settings)
        fig = sv.figure(signal, "t", width)
        lay = fig["layout"]
        drawn_w = (width or sv.DEFAULT_WIDTH) - lay["margin"]["l"] - lay["margin"]["r"]
        # the shortest plot it can have there: the narrow layout below NARROW_BELOW
        narrow = width is not None and width < sv.NARROW_BELOW
        tall = plot_height(lay | sv.NARROW | {"margin": lay["margin"] | sv.NARROW["margin"]} if narrow else lay)
        span = lay["yaxis"]["range"][1] - lay["yaxis"]["range"][0]
        px = [(x / sim.SECONDS * drawn_w, y / span * tall) for x, y in marks(fig)]
        for (x1, y1), (x2, y2) in itertools.combinations(px, 2):
            assert abs(x1 - x2) >= sv.MARK_PX or abs(y1 - y2) >= sv.MARK_PX, (seed, activity, width, x1, x2, y1, y2)
        assert max(y for _, y in marks(fig)) + 0.3 < lay["yaxis"]["range"][1]  # the top row inside the plot
        stacked += any(y > sv.MARK_Y for _, y in marks(fig))
        # the sentence counts what is drawn: filled marks noticed, open marks hidden
        said = sv.describe(signal, settings, words)["sample"]
        numbers = [0 if n == "no" else int(n) for n in re.findall(r"\b(no|\d+) twitch", said)]
        assert numbers == [len(fig["data"][1]["x"])] + ([len(fig["data"][2]["x"])] if fig["data"][2]["x"] else [])
    assert stacked > 30  # close firings are common at these settings: the rows are really used
