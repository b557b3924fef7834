"""The twitch simulator: trigger choices → the twitching to expect (in words, on a pretend scale) and one
random 10-second cartoon recording as an example. Computed in the page (static/simulator.js): no kernel
round trip per click; no rate is ever shown as if measured.

Tests drive it from Python: ``s = simulator(); s.set("caffeine", "a lot"); s.new_recording(); s.figure, s.texts``.
"""

from __future__ import annotations

import numpy as np

from ..content.figure_model import SimulatorWords
from ..content.load import load_figure_texts
from ..engine import simulation as sim
from .figure import axis, base_layout, typed
from .page_figure import PageFigure
from .palette import BLUE, GREY, ORANGE, VERMILION

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
HEIGHT = 400
Y_RANGE = 1.9
MARK_Y = Y_RANGE - 0.25  # where the twitch marks sit, above the trace
# Marks never hide one another: one that would touch the mark before it in its row goes up a row (ROW_STEP higher).
# "Touch" is measured in the figure's own pixels: its plot is the width drawn at less the side margins.
MARK_PX = 12  # a mark's size, px
MARK_GAP_PX = 3  # px kept free between two marks in a row
ROW_STEP = 0.42  # signal units between rows: more than a mark's height in the shortest plot (NARROW_HEIGHT)
DEFAULT_WIDTH = 900  # px: the width Python assumes when none is given (the page always gives its own)
NARROW_BELOW = 520  # px: a figure narrower than this draws shorter, so controls and graph fit one screen
NARROW = {"height": 320, "margin": {"t": 50, "b": 100}, "legend": {"y": -0.36}}
RECORDINGS = 5  # random recordings sent to the page; "Record another 10 seconds" goes through them in turn
# Expected twitches you would notice in one recording -> level word (upper bound inclusive; past the last: the
# last word); how easily the nerve fires (excitability, upper bound exclusive) -> its word. Never shown as numbers.
LEVEL_BOUNDS = (2.0, 4.0, 7.0)
NERVE_BOUNDS = (0.15, 0.4, 0.7)
BUSY_SHAPE = {
    "type": "rect",
    "xref": "x",
    "yref": "paper",
    "y0": 0,
    "y1": 1,
    "fillcolor": ORANGE,
    "opacity": 0.15,
    "line": {"width": 0},
    "layer": "below",
}


def page_params() -> dict:
    """The simulation's constants as the page needs them (static/simulator.js applies them)."""
    return {
        "triggers": [[name, [list(o) for o in options]] for name, options in sim.TRIGGER_LEVELS.items()],
        "min_rate": sim.MIN_RATE,
        "max_rate": sim.MAX_RATE,
        "seconds": sim.SECONDS,
        "rate_hz": sim.RATE_HZ,
        "step_period": sim.STEP_PERIOD,
        "step_busy": sim.STEP_BUSY,
        "spike_width": sim.spike_width(),
        "mark_y": MARK_Y,
        "level_bounds": list(LEVEL_BOUNDS),
        "nerve_bounds": list(NERVE_BOUNDS),
        "busy_shape": BUSY_SHAPE,
        "y_range": Y_RANGE,
        "mark_px": MARK_PX,
        "mark_gap_px": MARK_GAP_PX,
        "row_step": ROW_STEP,
        "default_width": DEFAULT_WIDTH,
    }


def draws_json(d: sim.Draws) -> dict:
    """One recording's random numbers as the page receives them (typed arrays, base64)."""
    return {
        "gaps": typed(d.gaps, "f8"),
        "sizes": typed(d.sizes),
        "noise": typed(d.noise),
        "move_noise": typed(d.move_noise),
    }


def template(title: str) -> dict:
    """Layout and trace styles, sent once; the page (or ``figure``) fills in one recording."""
    mark = {"type": "scatter", "mode": "markers", "x": [], "y": []}
    data = [
        {
            "type": "scatter",
            "mode": "lines",
            "name": "muscle signal",
            "x0": 0,
            "dx": 1.0 / sim.RATE_HZ,
            "y": [],
            "line": {"color": BLUE, "width": 1},
            "hoverinfo": "skip",
            "showlegend": False,
        },
        mark
        | {
            "name": "twitch you would notice",
            "marker": {"symbol": "triangle-down", "size": 12, "color": VERMILION},
            "hovertemplate": "twitch at %{x:.1f} s: one motor unit fired by itself<extra></extra>",
            "showlegend": True,
        },
        mark
        | {
            "name": "twitch hidden by movement",
            "marker": {"symbol": "triangle-down-open", "size": 12, "color": GREY},
            "hovertemplate": "twitch at %{x:.1f} s, hidden by movement<extra></extra>",
            "showlegend": False,
        },
        {  # a key for the shading only: no data of its own
            "type": "scatter",
            "mode": "markers",
            "name": "foot moving (shaded)",
            "x": [None],
            "y": [None],
            "marker": {"symbol": "square", "size": 14, "color": ORANGE, "opacity": 0.35},
            "hoverinfo": "skip",
            "showlegend": False,
        },
    ]
    for i, trace in enumerate(data):  # stable ids: Plotly.react then updates the traces instead of redrawing all
        trace["uid"] = f"t{i}"
    layout = base_layout(
        title,
        HEIGHT,
        shapes=[],
        showlegend=True,
        legend={"orientation": "h", "x": 0, "y": -0.3, "yanchor": "top", "font": {"size": 13}},
        margin={"l": 60, "r": 20, "t": 50, "b": 115},  # what automargin needs (no second pass)
        xaxis=axis("time (seconds)", range=[0, sim.SECONDS]),
        yaxis=axis("signal (cartoon units)", range=[-Y_RANGE, Y_RANGE + 0.3]),
    )
    # a narrow page (figure.js merges these below NARROW_BELOW px): a shorter graph, so the controls fit beside it
    return {"data": data, "layout": layout, "narrow": NARROW, "narrow_below": NARROW_BELOW}


def mark_rows(times: list[float], width: float | None = None, margin: dict | None = None) -> list[int]:
    """The row of each twitch mark (0: the lowest, at MARK_Y), given their times in ascending order: the lowest row
    whose last mark is at least a mark's width away at `width` px, so no two marks overlap (the page does the same,
    static/simulator.js markRows)."""
    m = margin or {"l": 60, "r": 20}
    plot = max(1.0, (width or DEFAULT_WIDTH) - m["l"] - m["r"])
    gap = (MARK_PX + MARK_GAP_PX) / plot * sim.SECONDS
    last: list[float] = []  # the time of the last mark in each row
    rows = []
    for t in times:
        row = next((r for r, was in enumerate(last) if t - was >= gap), len(last))
        if row == len(last):
            last.append(t)
        last[row] = t
        rows.append(row)
    return rows


def figure(signal: sim.MuscleSignal, title: str, width: float | None = None) -> dict:
    """The plotly figure (plain dict) of one recording drawn `width` px wide: the template filled as the page fills
    it (the layout for a narrow page stays with the template, as figure.js merges it)."""
    t = template(title)
    line, noticed, hidden, moving = t["data"]
    hidden_at = np.setdiff1d(signal.firings, signal.noticed)
    marks = sorted([(float(x), "noticed") for x in signal.noticed] + [(float(x), "hidden") for x in hidden_at])
    rows = mark_rows([x for x, _ in marks], width, t["layout"]["margin"])
    placed = {
        kind: [(x, MARK_Y + r * ROW_STEP) for (x, k), r in zip(marks, rows, strict=True) if k == kind]
        for kind in ("noticed", "hidden")
    }
    line["y"] = typed(signal.values)
    noticed["x"], noticed["y"] = [x for x, _ in placed["noticed"]], [y for _, y in placed["noticed"]]
    hidden["x"], hidden["y"] = [x for x, _ in placed["hidden"]], [y for _, y in placed["hidden"]]
    hidden["showlegend"] = bool(len(hidden_at))
    moving["showlegend"] = bool(signal.busy)
    t["layout"]["shapes"] = [BUSY_SHAPE | {"x0": a, "x1": b} for a, b in signal.busy]
    top = MARK_Y + max(rows, default=0) * ROW_STEP + 0.45  # room above the highest row of marks
    t["layout"]["yaxis"]["range"] = [-Y_RANGE, max(Y_RANGE + 0.3, top)]
    return {"data": t["data"], "layout": t["layout"]}


def _band(x: float, bounds: tuple[float, ...], words: list[str], inclusive: bool) -> str:
    for bound, word in zip(bounds, words, strict=False):
        if (x <= bound) if inclusive else (x < bound):
            return word
    return words[-1]


def expected_level(settings: dict[str, str], words: SimulatorWords) -> str:
    """The headline: how much twitching these choices lead you to expect, in words (never a rate)."""
    return _band(sim.expected_noticed(settings), LEVEL_BOUNDS, words.levels, True)


def describe(signal: sim.MuscleSignal, settings: dict[str, str], words: SimulatorWords) -> dict[str, str]:
    """Every sentence shown with a recording (the page builds the same from the same templates)."""
    c = words.twitches

    def count(k: int) -> str:
        return c.zero if k == 0 else c.one if k == 1 else c.many.format(n=k)

    level = expected_level(settings, words)
    hidden = len(signal.firings) - len(signal.noticed)
    sample = words.sample.format(noticed=count(len(signal.noticed)))
    if hidden:
        sample += " " + words.sample_hidden.format(hidden=count(hidden))
    nerve = words.nerve.format(nerve=_band(sim.excitability(settings), NERVE_BOUNDS, words.nerve_levels, False))
    return {"level": level, "nerve": nerve, "sample": sample, "alt": words.alt.format(level=level, sample=sample)}


class Simulator(PageFigure):
    """Trigger choices, the expected twitching level, one recording drawn, and a button for another one.

    The page computes all of it (static/simulator.js) from the random numbers of a few recordings sent once;
    this object mirrors the page's choice (``settings``, ``recording``) and computes the same in Python.
    """

    bundle, css, height = "simulator", ("simulator", "simulator_figure", "simulator_caption"), HEIGHT

    def __init__(self, controls: tuple[str, ...] = tuple(CONTROLS), seed: int = 0):
        texts = load_figure_texts().simulator
        self.title, self.words, self.base_seed, self.controls = texts.title, texts.words, seed, controls
        self.recordings = [sim.draws(seed + k) for k in range(RECORDINGS)]
        data = {
            "params": page_params(),
            "words": self.words.model_dump(),
            "controls": [[name, CONTROLS[name][0], [list(o) for o in CONTROLS[name][1]]] for name in controls],
            "draws": [draws_json(d) for d in self.recordings],
        }
        super().__init__(
            alt=texts.title,
            caption_text=texts.caption,
            data=data,
            template=template(self.title),
            choice={"settings": dict(sim.CALM), "recording": 0},
        )

    @property
    def settings(self) -> dict[str, str]:
        return dict(self.choice["settings"])

    @property
    def recording(self) -> int:
        return int(self.choice["recording"])

    @property
    def seed(self) -> int:
        return self.base_seed + self.recording

    def set(self, name: str, value: str) -> None:
        """Choose a value for one setting, as a learner would by pressing its button in the page."""
        if name not in self.controls:
            raise KeyError(f"this simulator has no control {name!r} (it has {list(self.controls)})")
        sim.check_settings({name: value})
        self._choose(self.choice | {"settings": self.settings | {name: value}})

    def new_recording(self) -> None:
        """The next of the recordings sent to the page (after the last, the first again)."""
        self._choose(self.choice | {"recording": (self.recording + 1) % RECORDINGS})

    def render(self) -> tuple[dict, dict] | None:
        try:
            sim.check_settings(self.settings)
        except ValueError:  # only a tampered page sends an unknown choice: keep showing the last good one
            return None
        self.signal = sim.signal_from(self.recordings[self.recording % RECORDINGS], self.settings)
        return describe(self.signal, self.settings, self.words), figure(self.signal, self.title)


def simulator(lesson: str | None = None, seed: int = 0) -> Simulator:
    """The twitch simulator; ``lesson="01-physiology"`` shows three controls, ``"02-triggers"`` (or none) every
    trigger. Lessons are named by their course id, as everywhere else (``quiz("01-physiology")``)."""
    controls = LESSONS.get(lesson or "02-triggers")
    if controls is None:
        raise ValueError(f"unknown lesson {lesson!r}; expected one of {list(LESSONS)}")
    return Simulator(controls, seed=seed)
