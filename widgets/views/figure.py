"""Shared plumbing of the figure views: a plotly figure (plain JSON) shown in an Output widget, redrawn in place.

Why this mechanism: a ``go.FigureWidget`` ships its own copy of plotly.js (~5 MB) through the widget channel
for every figure and is slow to appear. Here a figure is a plain dict sent with plotly's
mime type; JupyterLab's installed jupyterlab-plotly extension draws it with the plotly.js it loads once per
page, from the local server (no CDN). Redrawing replaces the Output widget's ``outputs`` in one message, so the
new figure appears where the old one stood. Arrays go as typed arrays (base64), which keeps messages and the
saved notebook small.
"""

from __future__ import annotations

import base64
from typing import Any

import ipywidgets as W
import numpy as np

from ..palette import CSS, GREY, GRID, INFO_TEXT, WHITE
from . import html

MIME = "application/vnd.plotly.v1+json"
CONFIG = {"displaylogo": False, "displayModeBar": False, "scrollZoom": False}
FONT = {"family": "Arial, sans-serif", "size": 14, "color": INFO_TEXT}


def typed(values: np.ndarray, dtype: str = "f4") -> dict:
    """A numpy array as a plotly typed-array spec (``{"dtype", "bdata"}``), decoded by plotly.js."""
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


class FigureOutput(W.Output):
    """An Output widget that always holds exactly one plotly figure; ``show(fig)`` replaces it in place."""

    def __init__(self, css: str, height: int, alt: str):
        super().__init__(layout=W.Layout(min_height=f"{height + 10}px", width="100%"))
        self.add_class(css)
        self.alt = alt
        self.figure: dict = {}

    def show(self, figure: dict) -> None:
        """Replace the shown figure. ``figure`` has ``data`` and ``layout``; the config is added here."""
        self.figure = figure
        bundle = {
            MIME: {"data": figure["data"], "layout": figure["layout"], "config": CONFIG},
            "text/plain": f"[figure: {self.alt}]",
        }
        self.outputs: tuple[dict[str, Any], ...] = ({"output_type": "display_data", "data": bundle, "metadata": {}},)


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


__all__ = ["CSS", "FigureOutput", "axis", "base_layout", "caption", "say", "status", "toggles", "typed"]
