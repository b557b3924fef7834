"""Figures computed in the page: the kernel sends the data once, the page applies the learner's choices.

A ``PageFigureView`` is a ``FigureView`` whose canvas also carries page-side logic (ES modules from
``static/``, loaded by ``figure.js``), the data those modules need (``data``, sent once) and the learner's
current choice (``choice``, set by the page's own controls or from Python, synced both ways without the
page ever waiting for the kernel). ``figure`` holds the template (layout and trace styles built in Python);
the page fills in the data. Python computes the same figure for tests and for the fallback route (a page
without plotly.js gets it as plotly's mimebundle); tests/test_figure_parity.py checks both agree.
"""

from __future__ import annotations

import traitlets

from .figure import CONFIG, MIME, FigureCanvas, FigureView
from .palette import STATIC


def modules(*names: str) -> dict[str, str]:
    """The page-side ES modules, {file name: source}, dependencies first and the entry last."""
    return {name: (STATIC / name).read_text(encoding="utf-8") for name in ("page_figure.js", *names)}


class PageCanvas(FigureCanvas):
    """A FigureCanvas with page-side logic, its data and the current choice (see the module docstring)."""

    _css = STATIC / "page_figure.css"
    logic = traitlets.Dict(help="page-side ES modules {file name: source}, the entry last").tag(sync=True)
    data = traitlets.Dict(help="what the page needs to compute every state, sent once").tag(sync=True)
    choice = traitlets.Dict(help="the learner's current choice, set by the page or by Python").tag(sync=True)


class PageFigureView(FigureView):
    """A figure the page computes and redraws itself; ``show`` keeps Python's copy (tests, fallback route)."""

    def __init__(self, css: str, height: int, alt: str, *, entry: str, data: dict, template: dict, choice: dict):
        canvas = PageCanvas(
            alt=alt,
            logic=modules(entry),
            data=data,
            choice=choice,
            figure={**template, "config": CONFIG},  # with its layout for narrow outputs, if any (figure.responsive)
        )
        super().__init__(css, height, alt, canvas=canvas)

    def show(self, figure: dict, description: str | None = None) -> None:
        """Python's copy of what the page draws now; sent only on the fallback route (no plotly.js in the page). The
        layout for narrow outputs stays with the template the page sizes (figure.js), not in this copy; the text
        alternative is the page's (its logic sets ``alt``), so ``description`` is not used here."""
        self.figure = {k: v for k, v in figure.items() if k not in ("narrow", "narrow_below")}
        if self.canvas.route == "fallback":
            self._draw_fallback()

    def clear(self) -> None:
        self.figure = {}
        self.fallback.outputs = ()

    def _draw_fallback(self) -> None:
        fig = {"data": self.figure["data"], "layout": self.figure["layout"], "config": CONFIG}
        bundle = {MIME: fig, "text/plain": f"[figure: {self.canvas.alt}]"}
        self.fallback.outputs = ({"output_type": "display_data", "data": bundle, "metadata": {}},)
