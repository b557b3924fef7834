"""Shared plumbing of the figure views: a plotly figure (plain JSON) drawn by the page's plotly.js, redrawn in place.

Why this mechanism: a ``go.FigureWidget`` ships its own copy of plotly.js (~5 MB) through the widget channel
for every figure and is slow to appear. Here a figure is a plain dict held by a small anywidget; the page draws
it with the plotly.js that JupyterLab's jupyterlab-plotly extension already loaded (no CDN, no extra bytes) and
redraws it with ``Plotly.react`` on the same element. Pages without plotly.js get plotly's mimebundle in an
``Output`` instead (see ``FigureView``). Arrays go as typed arrays (base64), which keeps messages and the
saved notebook small.
"""

from __future__ import annotations

import base64
from typing import TYPE_CHECKING, Any

import anywidget
import ipywidgets as W
import traitlets

from ..palette import CSS, GREY, GRID, INFO_TEXT, STATIC, WHITE
from . import html

if TYPE_CHECKING:
    import numpy as np

MIME = "application/vnd.plotly.v1+json"
CONFIG = {"displaylogo": False, "displayModeBar": False, "scrollZoom": False}
FONT = {"family": "Arial, sans-serif", "size": 14, "color": INFO_TEXT}


def typed(values: np.ndarray, dtype: str = "f4") -> dict:
    """A numpy array as a plotly typed-array spec (``{"dtype", "bdata"}``), decoded by plotly.js."""
    import numpy as np  # here, not at the top: figures without arrays (foot map, motor unit) never load numpy

    arr = np.ascontiguousarray(values, dtype={"f4": np.float32, "f8": np.float64}[dtype])
    return {"dtype": dtype, "bdata": base64.b64encode(arr.tobytes()).decode("ascii")}


def base_layout(title: str, height: int, **extra: Any) -> dict:
    """Layout shared by every figure: plain white, readable font, fixed height, no plotly template."""
    layout = {
        "title": {"text": html.text(title), "x": 0.02, "font": {"size": 16}},
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
    }
    a.update(extra)
    return a


HIDDEN_AXIS = {"visible": False, "fixedrange": True}


class FigureCanvas(anywidget.AnyWidget):
    """The page side of a figure: draws ``figure`` with the page's own plotly.js (``Plotly.react``, in place).

    ``route`` is reported by the page: ``"react"`` when it found plotly.js, ``"fallback"`` when it did not.
    """

    _esm = STATIC / "figure.js"
    figure = traitlets.Dict(help="plotly figure JSON: data, layout, config").tag(sync=True)
    alt = traitlets.Unicode(help="text alternative read out by screen readers").tag(sync=True)
    route = traitlets.Unicode("", help="which route drew the figure, set by the page").tag(sync=True)


class FigureView(W.VBox):
    """Holds exactly one plotly figure; ``show(fig)`` redraws it in place.

    The figure goes to the page through a ``FigureCanvas`` (redrawn with ``Plotly.react`` on the same element).
    Where the page has no plotly.js (front ends without jupyterlab-plotly), the page says so and the figure is
    also shown the old way: plotly's mimebundle in an ``Output`` widget.
    """

    def __init__(self, css: str, height: int, alt: str, canvas: FigureCanvas | None = None):
        self.canvas = canvas or FigureCanvas(alt=alt, layout=W.Layout(width="100%"))
        self.fallback = W.Output(layout=W.Layout(width="100%"))
        box = W.Layout(min_height=f"{height + 10}px", width="100%", overflow="hidden")  # no scroll region to tab to
        super().__init__([self.canvas, self.fallback], layout=box)
        self.add_class(css)
        self.alt = alt
        self.figure: dict = {}
        self.canvas.observe(self._route, "route")

    def show(self, figure: dict) -> None:
        """Replace the shown figure. ``figure`` has ``data`` and ``layout``; the config is added here."""
        self.figure = figure
        self.canvas.figure = {"data": figure["data"], "layout": figure["layout"], "config": CONFIG}
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


def status(css: str) -> W.HTML:
    """A live text line that says in words what the figure now shows (read out by screen readers)."""
    w = W.HTML("")
    w.add_class(css)
    w.add_class(CSS["status"])
    return w


def say(widget: W.HTML, text: str) -> None:
    widget.value = f'<p role="status" aria-live="polite" class="lesson-info">{text}</p>'


def toggles(label: str, options: list[tuple[str, str]], value: str, css: str, tooltip: str = "") -> W.ToggleButtons:
    """Labelled, keyboard-usable choice buttons (not a slider: sliders fail the accessibility check)."""
    w = W.ToggleButtons(
        options=options,
        value=value,
        description=label,
        tooltips=[tooltip] * len(options) if tooltip else [],
        style={"description_width": "10em", "button_width": "auto"},
    )
    w.add_class(css)
    return w


__all__ = ["CSS", "FigureView", "axis", "base_layout", "caption", "say", "status", "toggles", "typed"]
