"""Figure layouts for narrow outputs: what the page merges in below NARROW px is valid plotly, stacks side-by-side
panels without overlap, and keeps the motor unit's part names apart. The page side (drawing at the output's width,
redrawing on resize) is tested in the browser (tests/browser/test_layout.py)."""

from __future__ import annotations

import itertools
import json

import plotly.graph_objects as go
import pytest

from widgets import class_results, motor_unit
from widgets.classroom.demo_results import write_demo
from widgets.views.figure import NARROW, FigureView, axis, base_layout, responsive, stacked
from widgets.views.motor_unit import SECOND_ROW


def merged(base: dict, over: dict) -> dict:
    """What static/figure.js merge() does: objects key by key, anything else (lists too) replaced whole."""
    out = dict(base)
    for k, v in over.items():
        out[k] = merged(base[k], v) if isinstance(v, dict) and isinstance(base.get(k), dict) else v
    return out


def narrow_figure(view) -> dict:
    """The figure a view's canvas holds, with its narrow overrides merged in as the page does."""
    canvas = (view.chart if hasattr(view, "chart") else view.output).canvas
    fig = json.loads(json.dumps(canvas.figure))
    assert fig["narrow_below"] == NARROW and fig["narrow"], "no layout for narrow outputs"
    return {"data": fig["data"], "layout": merged(fig["layout"], fig["narrow"])}


def test_stacked_puts_panels_one_above_the_other_full_width_first_on_top():
    lay = stacked(3, gap=0.1)
    tops = [lay[f"yaxis{s}"]["domain"] for s in ("", "2", "3")]
    assert all(lay[f"xaxis{s}"]["domain"] == [0, 1] for s in ("", "2", "3"))
    assert tops[0][1] == 1 and tops[-1][0] == pytest.approx(0, abs=1e-6)
    for upper, lower in itertools.pairwise(tops):
        assert lower[1] < upper[0]  # a gap, never an overlap
    assert lay["xaxis2"]["anchor"] == "y2" and lay["yaxis2"]["anchor"] == "x2"


def test_responsive_adds_overrides_and_the_view_sends_them_to_the_page():
    fig = responsive({"data": [], "layout": base_layout("t", 200)}, {"height": 400})
    view = FigureView("some-figure", 200, "alt")
    view.show(fig, description="<b>now</b> this")
    assert view.canvas.figure["narrow"] == {"height": 400} and view.canvas.figure["narrow_below"] == NARROW
    assert view.canvas.alt == "<b>now</b> this"
    view.show({"data": [], "layout": base_layout("t", 200)})
    assert "narrow" not in view.canvas.figure and view.canvas.alt == "alt"


def test_axes_grow_their_margin_for_labels_and_titles():
    assert axis("time")["automargin"] is True


@pytest.mark.parametrize("make", [motor_unit], ids=lambda f: f.__name__)
def test_narrow_layouts_are_valid_plotly(make):
    fig = narrow_figure(make())
    go.Figure(fig)  # raises if an attribute is wrong


def test_class_results_chart_names_questions_by_id_when_narrow(tmp_path):
    write_demo(tmp_path, learners=5)
    view = class_results(tmp_path)
    view.read()
    fig = narrow_figure(view)
    go.Figure(fig)
    ticks = fig["layout"]["yaxis"]["ticktext"]
    assert ticks and all("/" in t and ":" not in t for t in ticks)


def test_motor_unit_names_take_two_lines_and_two_rows_when_narrow():
    lay = narrow_figure(motor_unit())["layout"]
    names = [a for a in lay["annotations"] if a.get("yanchor") == "top"]
    assert len(names) == 4 and all("<br>" in a["text"] for a in names)
    rows = [a["y"] for a in names]
    assert rows[1] == rows[3] == SECOND_ROW and rows[0] == rows[2] != SECOND_ROW  # neighbours on different rows
    assert lay["yaxis"]["range"][0] < SECOND_ROW - 1  # room under the second row
