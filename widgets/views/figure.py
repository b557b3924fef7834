"""Shared plumbing of the figure views: a plotly figure (plain JSON) drawn by the page's plotly.js, redrawn in place.

Why this mechanism: a ``go.FigureWidget`` ships its own copy of plotly.js (~5 MB) through the widget channel
for every figure and is slow to appear. Here a figure is a plain dict held by a small anywidget; the page draws
it with the plotly.js that JupyterLab's jupyterlab-plotly extension already loaded (no CDN, no extra bytes) and
redraws it with ``Plotly.react`` on the same element. Pages without plotly.js get plotly's mimebundle in an
``Output`` instead (see ``FigureView``). Arrays go as typed arrays (base64), which keeps messages and the
saved notebook small.

Sizing is the page's job (``static/figure.js``): a figure is drawn at the width of its output and drawn again
when that width changes. A layout may carry overrides for narrow outputs (``narrow``): below ``NARROW`` px the
page merges them in, e.g. to stack side-by-side panels (``stacked``).
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

import anywidget
import ipywidgets as W
import traitlets

from . import html
from .palette import CSS, GREY, GRID, INFO_TEXT, STATIC, WHITE

if TYPE_CHECKING:
    import numpy as np

MIME = "application/vnd.plotly.v1+json"
CONFIG = {"displaylogo": False, "displayModeBar": False, "scrollZoom": False}
FONT = {"family": "Arial, sans-serif", "size": 14, "color": INFO_TEXT}
NARROW = 700  # px: an output narrower than this draws a figure with its ``narrow`` layout overrides


def typed(values: np.ndarray, dtype: str = "f4") -> dict:
    """A numpy array as a plotly typed-array spec (``{"dtype", "bdata"}``), decoded by plotly.js."""
    import numpy as np  # here, not at the top: figures without arrays (foot map, motor unit) never load numpy

    arr = np.ascontiguousarray(values, dtype={"f4": np.float32, "f8": np.float64}[dtype])
    return {"dtype": dtype, "bdata": base64.b64encode(arr.tobytes()).decode("ascii")}


def base_layout(title: str, height: int, **extra: Any) -> dict:
    """Layout shared by every figure: plain white, readable font, fixed height, no plotly template; the width is
    the output's (set by the page). The title sits left, in the top margin, and wraps rather than run off."""
    layout = {
        "title": {
            "text": html.text(title),
            "x": 0,
            "xref": "container",  # from the figure's left edge, whatever the margins (figure.js wraps it to fit)
            "xanchor": "left",
            "y": 1,
            "yref": "container",
            "yanchor": "top",
            "pad": {"t": 8, "l": 10},
            "font": {"size": 16},
            "automargin": True,
        },
        "height": height,
        "margin": {"l": 60, "r": 20, "t": 50, "b": 50},
        "font": FONT,
        "paper_bgcolor": WHITE,
        "plot_bgcolor": WHITE,
        "hoverlabel": {"bgcolor": WHITE, "font": {"color": INFO_TEXT}},
        "showlegend": False,
        "dragmode": False,
    }
    layout.update(extra)
    return layout


def axis(title: str = "", **extra: Any) -> dict:
    a = {
        "title": {"text": title},
        "showgrid": True,
        "gridcolor": GRID,
        "zeroline": False,
        "linecolor": GREY,
        "showline": True,
        "fixedrange": True,
        "ticks": "outside",
        "automargin": True,  # the margin grows to fit tick labels and title: they never run into each other
    }
    a.update(extra)
    return a


HIDDEN_AXIS = {"visible": False, "fixedrange": True}


def stacked(rows: int, gap: float = 0.12, axes: int | None = None) -> dict:
    """Layout overrides that put `rows` subplots (axes x/y, x2/y2, …) one above the other, full width, first on
    top: use as ``narrow`` for side-by-side panels. Notes placed with ``xref="x domain"``/``yref="y domain"``
    (not ``paper``) move with their panel."""
    n = axes or rows
    step = (1 - gap * (rows - 1)) / rows
    out: dict[str, Any] = {}
    for i in range(n):
        suffix = "" if i == 0 else str(i + 1)
        top = 1 - i * (step + gap)
        out[f"xaxis{suffix}"] = {"domain": [0, 1], "anchor": f"y{suffix}"}
        out[f"yaxis{suffix}"] = {"domain": [round(max(0.0, top - step), 4), round(top, 4)], "anchor": f"x{suffix}"}
    return out


def responsive(figure: dict, narrow: dict, below: int = NARROW) -> dict:
    """`figure` with layout overrides the page merges in when the output is narrower than `below` px (objects
    merged key by key, lists such as annotations replaced whole; a ``height`` may grow for stacked panels)."""
    return {**figure, "narrow": narrow, "narrow_below": below}


class FigureCanvas(anywidget.AnyWidget):
    """The page side of a figure: draws ``figure`` with the page's own plotly.js (``Plotly.react``, in place).

    ``route`` is reported by the page: ``"react"`` when it found plotly.js, ``"fallback"`` when it did not.
    """

    _esm = STATIC / "figure.js"
    figure = traitlets.Dict(help="plotly figure JSON: data, layout, config, optional narrow overrides").tag(sync=True)
    alt = traitlets.Unicode(help="the view's words for what the figure shows now (figure.js adds title and notes)").tag(
        sync=True
    )
    route = traitlets.Unicode("", help="which route drew the figure, set by the page").tag(sync=True)


class FigureView(W.VBox):
    """Holds exactly one plotly figure; ``show(fig)`` redraws it in place.

    The figure goes to the page through a ``FigureCanvas`` (redrawn with ``Plotly.react`` on the same element).
    Where the page has no plotly.js (front ends without jupyterlab-plotly), the page says so and the figure is
    also shown the old way: plotly's mimebundle in an ``Output`` widget.
    """

    def __init__(self, css: str, height: int, alt: str, canvas: FigureCanvas | None = None):
        # No width="100%": with ipywidgets' 2 px margins that made every figure 4 px wider than its output (a
        # scrollbar under each one); the flex column stretches its children to the width there is.
        self.canvas = canvas or FigureCanvas(alt=alt)
        self.canvas.layout.width = None
        self.fallback = W.Output()
        box = W.Layout(min_height=f"{height + 10}px", overflow="hidden")  # no scroll region to tab to
        super().__init__([self.canvas, self.fallback], layout=box)
        self.add_class(css)
        self.alt = alt
        self.figure: dict = {}
        self.canvas.observe(self._route, "route")

    def show(self, figure: dict, description: str | None = None) -> None:
        """Replace the shown figure. ``figure`` has ``data`` and ``layout`` (and may have ``narrow`` overrides, see
        ``responsive``); the config is added here. ``description`` says in words what this state of the figure
        shows, and becomes the figure's text alternative; without one the page describes the figure by its title and
        the notes drawn on it, which change with it. Either way the text alternative follows the figure."""
        self.figure = figure
        extra = {k: figure[k] for k in ("narrow", "narrow_below") if k in figure}
        self.canvas.figure = {"data": figure["data"], "layout": figure["layout"], "config": CONFIG, **extra}
        self.canvas.alt = self.alt if description is None else description  # markup allowed; the page reads text
        if self.canvas.route == "fallback":
            self._draw_fallback()

    def clear(self) -> None:
        """Show no figure."""
        self.figure = {}
        self.canvas.figure = {}
        self.fallback.outputs = ()

    def _route(self, change: dict) -> None:
        if change["new"] == "fallback" and self.figure:
            self._draw_fallback()

    def _draw_fallback(self) -> None:
        bundle = {MIME: self.canvas.figure, "text/plain": f"[figure: {self.alt}]"}
        self.fallback.outputs = ({"output_type": "display_data", "data": bundle, "metadata": {}},)


def caption(text: str, css: str) -> W.HTML:
    """The figure's short caption (from content/figures.yaml), escaped."""
    w = W.HTML(html.paragraph(text, cls="figure-caption"))
    w.add_class(css)
    return w


__all__ = [
    "CSS",
    "NARROW",
    "FigureView",
    "axis",
    "base_layout",
    "caption",
    "responsive",
    "stacked",
    "typed",
]
