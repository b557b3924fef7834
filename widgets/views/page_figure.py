"""Figures computed in the page: the kernel sends the data once, the page applies the learner's choices.

A ``PageFigureView`` is a ``FigureView`` whose canvas runs the figure's page code (``static/<name>.js`` with what it
imports, bundled into ``static/bundles/<name>.js`` by ``tools/bundle.mjs``), holds the data that code needs
(``data``, sent once) and the learner's current choice (``choice``, set by the page's own controls or from Python,
synced both ways without the page ever waiting for the kernel). ``figure`` holds the template (layout and trace
styles built in Python); the page fills in the data. Python computes the same figure for tests and for the fallback
route (a page without plotly.js gets it as plotly's mimebundle); tests/page/test_figure_parity.py checks both agree.

``PageFigure`` is the one mounting of such a figure in Python, the twin of page_figure.js ``mountFigure``: the view,
the choice, the figure's text (one visible line, "What to notice: …", and the full description out of sight,
which the page ties to the figure with aria-describedby) and ``_update()``; a figure (simulator.py, foot_map.py,
twitch_cramp.py, motor_unit.py) says only what differs: its data, its template and what a choice shows (``render``).
"""

from __future__ import annotations

from functools import cache
from typing import Any, ClassVar

import traitlets

from ..content.load import load_figure_texts
from .figure import CONFIG, MIME, FigureCanvas, FigureView
from .keyboard import KeyboardSafeBox
from .palette import CSS, STATIC

BUNDLES = STATIC / "bundles"
# each figure's entry in content/figures.yaml, by its page code
TEXTS = {
    "simulator": "simulator",
    "twitch_cramp": "twitch_vs_cramp",
    "motor_unit": "motor_unit",
    "foot_map": "foot_map",
}


class PageCanvas(FigureCanvas):
    """A FigureCanvas with page-side logic, its data and the current choice (see the module docstring)."""

    _css = STATIC / "page_figure.css"
    data = traitlets.Dict(help="what the page needs to compute every state, sent once").tag(sync=True)
    choice = traitlets.Dict(help="the learner's current choice, set by the page or by Python").tag(sync=True)
    words = traitlets.Dict(
        help="the figure's text: {title, label, notice, description}; the page shows only label + notice"
    ).tag(sync=True)


@cache
def page_code(bundle: str) -> str:
    """The page code of one figure, ``static/bundles/<bundle>.js`` (read once)."""
    return (BUNDLES / f"{bundle}.js").read_text(encoding="utf-8")


class PageFigureView(FigureView):
    """A figure the page computes and redraws itself; ``show`` keeps Python's copy (tests, fallback route)."""

    def __init__(
        self,
        css: str,
        height: int,
        alt: str,
        *,
        bundle: str,
        data: dict,
        template: dict,
        choice: dict,
        words: dict | None = None,
    ):
        # one canvas class for every figure, its page code given here: anywidget puts page_figure.css into the page
        # once per class, and where it stands among the stylesheets decides which of equal rules wins (lessons.css)
        canvas = PageCanvas(
            _esm=page_code(bundle),
            alt=alt,
            data=data,
            choice=choice,
            words=words or {},
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


def figure_words(bundle: str, caption_text: str) -> dict[str, str]:
    """The text around a figure (content/figures.yaml): its one visible line (``label`` + ``notice``) and its full
    description (``caption_text``), which the page keeps out of sight and ties to the figure (aria-describedby)."""
    texts = load_figure_texts()
    entry = getattr(texts, TEXTS[bundle])
    return {"title": entry.title, "label": texts.notice_label, "notice": entry.notice, "description": caption_text}


class PageFigure(KeyboardSafeBox):
    """A figure computed in the page with its text, mirrored in Python: a choice set from Python (as a learner's
    click would) or by the page runs ``_update()``, which keeps ``texts`` and Python's copy of the figure.

    A figure names its page code (``bundle``), its CSS names (``css``: view, figure, caption) and its ``HEIGHT``,
    and says what a choice shows (``render``)."""

    bundle: ClassVar[str]
    css: ClassVar[tuple[str, str, str]]
    height: ClassVar[int]

    def __init__(self, *, alt: str, caption_text: str, data: dict, template: dict, choice: dict):
        view, figure, _ = (CSS[name] for name in self.css)
        self.figure_text = figure_words(self.bundle, caption_text)
        self.output = PageFigureView(
            figure,
            self.height,
            alt,
            bundle=self.bundle,
            data=data,
            template=template,
            choice=choice,
            words=self.figure_text,
        )
        self.output.canvas.observe(lambda _: self._update(), "choice")
        super().__init__([self.output])
        self.add_class(view)
        self._update()

    @property
    def figure(self) -> dict:
        return self.output.figure

    @property
    def choice(self) -> dict[str, Any]:
        """The choice shown now, as the page (or Python) last set it."""
        return dict(self.output.canvas.choice)

    def _choose(self, choice: dict[str, Any]) -> None:
        self.output.canvas.choice = choice

    def render(self) -> tuple[dict, dict] | None:
        """The texts (with ``alt``, the figure's text alternative) and the figure of the choice shown now; None keeps
        the last ones (a choice only a tampered page sends)."""
        raise NotImplementedError

    def _update(self) -> None:
        shown = self.render()
        if shown is None:
            return
        self.texts, figure = shown
        self.output.show(figure)
        self.output.canvas.alt = self.texts["alt"]
