"""A tiny anywidget that forwards plotly clicks on a plain (non-widget) figure back to Python.

Plain figures drawn by the jupyterlab-plotly extension send no events to the kernel, and a ``FigureWidget``
(which does) ships ~5 MB of plotly.js per figure. This bridge is a few lines of JavaScript: it finds the
plotly graph inside the nearest element with the ``target`` CSS class (next to it in the same widget box),
listens to ``plotly_click`` there (again after each redraw), and sets ``clicked`` to
``"<customdata of the clicked trace>#<counter>"``. It also shows a one-line hint. No network, no plotly.js copy.
"""

from __future__ import annotations

import anywidget
import traitlets

from .palette import STATIC


class ClickBridge(anywidget.AnyWidget):
    """Reports clicks on the plotly figure shown in the Output widget with CSS class ``target``."""

    _esm = STATIC / "clickbridge.js"
    target = traitlets.Unicode(help="CSS class of the Output widget that holds the figure").tag(sync=True)
    container = traitlets.Unicode(".widget-vbox", help="CSS selector of the box that holds both").tag(sync=True)
    hint = traitlets.Unicode("Tip: you can also click a coloured part of the drawing.").tag(sync=True)
    clicked = traitlets.Unicode("", help="'<customdata>#<n>' of the last click").tag(sync=True)
