"""The twitch simulator: trigger choices → a 10-second cartoon muscle recording and a twitching level in words.

No rate is shown as if measured: the figure and the text name a level on a pretend scale (``noticed_level``).

Tests drive it from Python: ``s = simulator(); s.set("caffeine", "a lot"); s.new_button.click(); s.figure``.
"""

from __future__ import annotations

import ipywidgets as W
import numpy as np

from .. import simulation as sim
from ..load import load_figure_texts
from ..palette import BLUE, CSS, GREY, ORANGE, VERMILION
from . import html
from .controls import button
from .figure import FigureView, axis, base_layout, caption, say, status, toggles, typed
from .keyboard import KeyboardSafeBox

# Setting → (label, [(button text, engine value)]), calm first. No doses anywhere: just low / normal.
CONTROLS = {
    "activity": ("Your foot is", [("at rest", "at rest"), ("moving", "moving")]),
    "hydration": ("Water", [("enough", "ok"), ("too little", "low")]),
    "magnesium": ("Magnesium", [("normal", "normal"), ("low", "low")]),
    "potassium": ("Potassium", [("normal", "normal"), ("low", "low")]),
    "caffeine": ("Caffeine", [("none", "none"), ("some", "some"), ("a lot", "a lot")]),
    "stress": ("Stress", [("low", "low"), ("medium", "medium"), ("high", "high")]),
    "exercise": ("Exercise", [("rested", "rested"), ("tired after hard exercise", "tired after hard exercise")]),
}
# Which controls each lesson shows (the others stay calm).
LESSONS = {"01-physiology": ("activity", "caffeine", "stress"), "02-triggers": tuple(CONTROLS)}
HEIGHT = 340
Y_RANGE = 1.9


def figure(signal: sim.MuscleSignal, title: str) -> dict:
    """The plotly figure (plain dict) of one recording."""
    data = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": "muscle signal",
            "x0": 0,
            "dx": signal.dt,
            "y": typed(signal.values),
            "line": {"color": BLUE, "width": 1},
            "hoverinfo": "skip",
        }
    ]
    top = Y_RANGE - 0.25
    if len(signal.noticed):
        data.append(
            {
                "type": "scatter",
                "mode": "markers+text",
                "name": "twitch you notice",
                "x": [round(float(t), 3) for t in signal.noticed],
                "y": [top] * len(signal.noticed),
                "text": ["twitch"] * len(signal.noticed),
                "textposition": "top center",
                "marker": {"symbol": "triangle-down", "size": 11, "color": VERMILION},
                "hovertemplate": "twitch at %{x:.1f} s: one motor unit fired by itself<extra></extra>",
            }
        )
    hidden = np.setdiff1d(signal.firings, signal.noticed)
    if len(hidden):
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": "twitch hidden by movement",
                "x": [round(float(t), 3) for t in hidden],
                "y": [top] * len(hidden),
                "marker": {"symbol": "triangle-down-open", "size": 11, "color": GREY},
                "hovertemplate": "twitch at %{x:.1f} s, hidden by movement<extra></extra>",
            }
        )
    shapes = [
        {
            "type": "rect",
            "xref": "x",
            "yref": "paper",
            "x0": a,
            "x1": b,
            "y0": 0,
            "y1": 1,
            "fillcolor": ORANGE,
            "opacity": 0.15,
            "line": {"width": 0},
            "layer": "below",
        }
        for a, b in signal.busy
    ]
    notes = [
        {
            "xref": "paper",
            "yref": "paper",
            "x": 1,
            "y": 1.08,
            "showarrow": False,
            "xanchor": "right",
            "text": (
                f"twitching you would notice: {noticed_level(signal)} (pretend scale)"
                + ("  (shaded = foot moving)" if signal.busy else "")
            ),
        }
    ]
    layout = base_layout(
        title,
        HEIGHT,
        shapes=shapes,
        annotations=notes,
        xaxis=axis("time (seconds)", range=[0, sim.SECONDS]),
        yaxis=axis("signal (cartoon units)", range=[-Y_RANGE, Y_RANGE + 0.3]),
    )
    return {"data": data, "layout": layout}


class Simulator(KeyboardSafeBox):
    """Trigger controls, the recording figure, a count in words, and a button for another recording."""

    def __init__(self, controls: tuple[str, ...] = tuple(CONTROLS), seed: int = 0):
        texts = load_figure_texts().simulator
        self.title, self.seed = texts.title, seed
        self.settings = dict(sim.CALM)
        self.controls: dict[str, W.ToggleButtons] = {}
        for name in controls:
            label, options = CONTROLS[name]
            w = toggles(label, options, self.settings[name], CSS["simulator_control"])
            w.add_class(f"simulator-{name}")
            w.observe(lambda change, name=name: self._changed(name, change["new"]), names="value")
            self.controls[name] = w
        self.new_button = button(
            description="Record another 10 seconds",
            icon="refresh",
            tooltip="Simulate a new 10-second recording with the same choices",
        )
        self.new_button.add_class(CSS["simulator_new"])
        self.new_button.on_click(lambda _: self.new_recording())
        self.output = FigureView(CSS["simulator_figure"], HEIGHT, texts.title)
        self.count = status(CSS["simulator_count"])
        super().__init__(
            [
                *self.controls.values(),
                self.new_button,
                self.output,
                self.count,
                caption(texts.caption, CSS["simulator_caption"]),
            ]
        )
        self.add_class(CSS["simulator"])
        self.redraw()

    @property
    def figure(self) -> dict:
        return self.output.figure

    def set(self, name: str, value: str) -> None:
        """Choose a value for one setting, as a learner would by pressing its button."""
        if name not in self.controls:
            raise KeyError(f"this simulator has no control {name!r} (it has {list(self.controls)})")
        self.controls[name].value = value  # the observer redraws

    def new_recording(self) -> None:
        self.seed += 1
        self.redraw()

    def _changed(self, name: str, value: str) -> None:
        self.settings[name] = value
        self.redraw()

    def redraw(self) -> None:
        self.signal = sim.muscle_signal(self.settings, seed=self.seed)
        self.output.show(figure(self.signal, self.title))
        hidden = len(self.signal.firings) - len(self.signal.noticed)
        words = f"<b>Twitching you would notice: {noticed_level(self.signal)}</b> (a pretend scale, not a measurement)."
        if hidden:
            words += f" {hidden} more happened while the foot was moving and got lost in the movement."
        say(self.count, words + f" How easily the nerve fires: {html.text(_level(sim.excitability(self.settings)))}.")


# Noticed spikes in the 10-second cartoon → a level in words (upper bound inclusive), calm first.
LEVELS = ((2, "hardly any"), (4, "a few"), (7, "some"), (10**9, "a lot"))


def noticed_level(signal: sim.MuscleSignal) -> str:
    """How much twitching the cartoon shows, in words: hardly any, a few, some, a lot."""
    n = len(signal.noticed)
    return next(word for top, word in LEVELS if n <= top)


def _level(x: float) -> str:
    return "calm" if x < 0.15 else "a little more easily" if x < 0.4 else "more easily" if x < 0.7 else "very easily"


def simulator(lesson: str | None = None, seed: int = 0) -> Simulator:
    """The twitch simulator; ``lesson="01-physiology"`` shows three controls, ``"02-triggers"`` (or none) every
    trigger. Lessons are named by their course id, as everywhere else (``quiz("01-physiology")``)."""
    controls = LESSONS.get(lesson or "02-triggers")
    if controls is None:
        raise ValueError(f"unknown lesson {lesson!r}; expected one of {list(LESSONS)}")
    return Simulator(controls, seed=seed)
