"""The motor unit, animated: spinal cord → motor neuron → neuromuscular junction → muscle fibres.

Three motor units are drawn: the one followed (dark blue) and two others, their muscle fibres mixed in the muscle.
Three modes: a normal signal (an order to move), a misfire (one unit fires near its far end with no order, only its
fibres twitch) and a cramp (many units fire with no order, all their fibres tighten and stay tight). Every step's
drawing (all modes) and its words go to the page once; the page (static/motor_unit.js) plays the steps with motion:
the signal travels along the nerve fibre, the fibres shorten; Play, Pause, Replay, Back and Next, and with
prefers-reduced-motion the same steps without motion. The page tells the kernel the new ``choice`` ({mode, step});
Python mirrors that choice and computes the same drawings (tests, and the fallback route's drawing).

Tests drive it from Python: ``m = motor_unit(); m.next(); m.set_mode("misfire"); m.step; m.texts["alt"]``.
"""

from __future__ import annotations

from typing import Any

from ..content.figure_model import MotorUnitStep
from ..content.load import load_figure_texts
from ..content.vocab import MotorUnitMode
from ..engine import anatomy as A
from ..engine import simulation as sim
from .figure import HIDDEN_AXIS, base_layout, responsive
from .page_figure import PageFigure
from .palette import BLACK, BLUE, GREEN, GREY, ORANGE, SKY, VERMILION, YELLOW

HEIGHT = 330
PART_NAMES = {
    "spinal-cord": "spinal cord",
    "motor-neuron": "motor neuron",
    "junction": "neuromuscular junction",
    "fibres": "muscle fibres",
}
NARROW_NAMES = {part: name.rsplit(" ", 1)[0] + "<br>" + name.rsplit(" ", 1)[1] for part, name in PART_NAMES.items()}
LABEL_AT = {"spinal-cord": 1.1, "motor-neuron": 5.0, "junction": 8.9, "fibres": 11.3}
MODE_LABELS = [("normal signal", "normal"), ("misfire (twitch)", "misfire"), ("cramp", "cramp")]
LABELS = {  # the page's short control labels, the start of each step's line, and the words drawn on the diagram
    "mode": "Show",
    "play": "Play",
    "play_tip": "Play the steps one after another",
    "pause": "Pause",
    "pause_tip": "Stop the moving drawing here",
    "replay": "Replay",
    "replay_tip": "Play the steps again from the start",
    "back": "Back",
    "back_tip": "Previous step",
    "next": "Next",
    "next_tip": "Next step",
    "again": "Start again",
    "again_tip": "Back to the first step",
    "step": "Step {n} of {total} ({part}):",
}
DRAWN: dict[str, Any] = {  # words drawn on the diagram (a text, or a text per mode)
    "signal": {"normal": "signal", "misfire": "misfire", "cramp": "misfires"},
    "order": "order to move ↓",
    "no_order": "no order to move",
    "tight": {"normal": "fibres tighten", "misfire": "one unit's fibres twitch", "cramp": "many units stay tight"},
    "followed": "the unit we follow",
}
TIMING = {"move_ms": 1200, "hold_ms": 4000}  # the page's motion per step, then the time to read it before the next
SHORTEN = 1.0  # how much shorter a tight fibre is drawn
Y_BOTTOM = -0.6  # room under the drawing for the part names
Y_BOTTOM_NARROW, SECOND_ROW, NARROW_EXTRA = -2.7, -1.2, 60  # narrow: a second row of names, and the height for it


def _fibres(units: set[int], tight: bool) -> tuple[list, list]:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for (x0, y, x1), unit in zip(A.FIBRES, A.FIBRE_UNIT, strict=True):
        if unit in units:
            xs += [x0, x1 - (SHORTEN if tight else 0.0), None]
            ys += [y, y, None]
    return xs, ys


def _lines(paths: list[list[tuple[float, float]]]) -> tuple[list, list]:
    xs: list[float | None] = []
    ys: list[float | None] = []
    for path in paths:
        xs += [p[0] for p in path] + [None]
        ys += [p[1] for p in path] + [None]
    return xs, ys


def figure(step: MotorUnitStep, mode: str, number: int, total: int, title: str) -> dict:
    """The diagram at one step: every part named, the current one marked, the signal(s) drawn as stars."""

    def poly(points, name, colour, hover):
        xs = [p[0] for p in points] + [points[0][0]]
        ys = [p[1] for p in points] + [points[0][1]]
        return {
            "type": "scatter",
            "mode": "lines",
            "fill": "toself",
            "x": xs,
            "y": ys,
            "name": name,
            "fillcolor": colour,
            "opacity": 0.35,
            "line": {"color": GREY, "width": 1},
            "hoveron": "fills",
            "hovertemplate": hover + "<extra></extra>",
        }

    many = step.units == "many"
    others = range(1, len(A.UNIT_AXONS))
    ox, oy = _lines([A.UNIT_AXONS[u] for u in others])
    tight_others = step.tight and many
    fx, fy = _fibres({0}, step.tight)
    gx, gy = _fibres(set(others), tight_others)
    data = [
        poly(A.SPINAL_CORD, "spinal cord", SKY, "spinal cord: the nerve cord inside your backbone"),
        poly(A.MUSCLE, "muscle", ORANGE, "a muscle in the leg or foot"),
        {
            "type": "scatter",
            "mode": "lines",
            "name": "other muscle fibres",
            "x": gx,
            "y": gy,
            "line": {"color": VERMILION if tight_others else GREY, "width": 3 if tight_others else 1.5},
            "hovertemplate": "muscle fibres of other motor units<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "lines",
            "name": "other nerve fibres",
            "x": ox,
            "y": oy,
            "line": {"color": SKY, "width": 3, "shape": "spline"},
            "hovertemplate": "nerve fibres of other motor units<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "markers",
            "name": "other motor neurons",
            "x": [A.UNIT_AXONS[u][0][0] for u in others] + [A.UNIT_JUNCTIONS[u][0] for u in others],
            "y": [A.UNIT_AXONS[u][0][1] for u in others] + [A.UNIT_JUNCTIONS[u][1] for u in others],
            "marker": {
                "size": [16] * len(others) + [11] * len(others),
                "symbol": ["circle"] * len(others) + ["square"] * len(others),
                "color": [SKY] * len(others) + [GREEN] * len(others),
                "line": {"color": GREY, "width": 1},
            },
            "hovertemplate": "another motor unit<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "lines",
            "name": "nerve fibre",
            "x": [p[0] for p in A.AXON],
            "y": [p[1] for p in A.AXON],
            "line": {"color": BLUE, "width": 5, "shape": "spline"},
            "hovertemplate": "nerve fibre of the motor neuron: carries the signal<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "markers",
            "name": "motor neuron",
            "x": [A.CELL_BODY[0]],
            "y": [A.CELL_BODY[1]],
            "marker": {"size": 26, "color": BLUE, "line": {"color": BLACK, "width": 1}},
            "hovertemplate": "motor neuron: the nerve cell that tells these muscle fibres to move<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "markers",
            "name": "neuromuscular junction",
            "x": [A.JUNCTION[0]],
            "y": [A.JUNCTION[1]],
            "marker": {"size": 18, "symbol": "square", "color": GREEN, "line": {"color": BLACK, "width": 1}},
            "hovertemplate": "neuromuscular junction: where nerve meets muscle<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "lines",
            "name": "muscle fibres",
            "x": fx,
            "y": fy,
            "line": {"color": VERMILION if step.tight else BLACK, "width": 4 if step.tight else 2.5},
            "hovertemplate": "muscle fibres of the unit we follow<extra></extra>",
        },
    ]
    where = sim.signal_position(step.part, mode)
    if where >= 0:
        stray = mode != "normal"
        for unit in range(len(A.UNIT_AXONS)) if many else [0]:
            x, y = A.point_on_path(where, unit)
            labelled = unit == 0 and step.part != "fibres"  # never a word over the fibre lines
            data.append(
                {
                    "type": "scatter",
                    "mode": "markers+text" if labelled else "markers",
                    "name": "signal" if unit == 0 else f"signal {unit + 1}",
                    "x": [x],
                    "y": [y],
                    "text": [DRAWN["signal"][mode]] if labelled else [""],
                    "textposition": "top center",
                    "textfont": {"color": BLACK, "size": 14},
                    # a misfire is another shape and colour than an ordered signal, and named so
                    "marker": {
                        "symbol": "star-diamond" if stray else "star",
                        "size": 26 if stray else 24,
                        "color": VERMILION if stray else YELLOW,
                        "line": {"color": BLACK, "width": 1.5},
                    },
                    "hovertemplate": ("misfire: a signal nobody ordered" if stray else "signal: an order to move")
                    + "<extra></extra>",
                }
            )
    for trace in data:  # stable ids: Plotly.react then updates the traces from step to step instead of redrawing all
        trace["uid"] = trace["name"].replace(" ", "-")  # plotly puts uids into CSS selectors: no spaces
    notes = part_labels(step.part, narrow=False)
    order_text = DRAWN["order"] if step.order else DRAWN["no_order"]
    order_colour = BLACK if step.order else GREY
    extra = [
        {  # from the spinal cord's left edge rightwards: never cut off at the figure's left edge when narrow
            "x": -0.3,
            "xanchor": "left",
            "y": 7.9,
            "showarrow": False,
            "text": order_text,
            "font": {"color": order_colour},
        },
        {  # under the nerve fibre followed, pointing at it (the other units' fibres run above and below)
            "x": 4.6,
            "y": 4.1,
            "ax": 4.6,
            "ay": 3.05,
            "axref": "x",
            "ayref": "y",
            "showarrow": True,
            "arrowhead": 2,
            "arrowcolor": BLUE,
            "text": DRAWN["followed"],
            "font": {"color": BLUE, "size": 13},
        },
    ]
    if step.tight:
        extra.append({"x": 11.3, "y": 6.3, "showarrow": False, "text": "<b>" + DRAWN["tight"][mode] + "</b>"})
    mode_name = {v: k for k, v in MODE_LABELS}[mode]
    layout = base_layout(
        f"{title}: {mode_name}, step {number} of {total}",
        HEIGHT,
        annotations=notes + extra,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        xaxis=HIDDEN_AXIS | {"range": [-0.5, 14]},
        yaxis=HIDDEN_AXIS | {"range": [Y_BOTTOM, 8.4]},
    )
    # narrow: names on two lines and on two staggered rows, so neighbours cannot run into each other
    narrow = {
        "height": HEIGHT + NARROW_EXTRA,
        "annotations": part_labels(step.part, narrow=True) + extra,
        "yaxis": {"range": [Y_BOTTOM_NARROW, 8.4]},
    }
    return responsive({"data": data, "layout": layout}, narrow)


def part_labels(current: str, narrow: bool) -> list[dict]:
    """The four part names under the drawing, the current one marked; narrow: two lines each, rows staggered."""
    notes = []
    for i, (part, x) in enumerate(LABEL_AT.items()):
        here = part == current
        name = NARROW_NAMES[part] if narrow else PART_NAMES[part]
        notes.append(
            {
                "x": x,
                "y": 0.3 if not narrow or i % 2 == 0 else SECOND_ROW,
                "showarrow": False,
                "yanchor": "top",
                "text": ("→ <b>" + name + "</b>") if here else name,
                "font": {"color": BLACK if here else GREY, "size": 15 if here else 13},
            }
        )
    return notes


def describe(steps: list[MotorUnitStep], step: int) -> dict:
    """What the page shows beside the drawing at one step: the step line (``head``, then ``text``), the text
    alternative, and the state of Back (off at the first step) and Next ("Start again" at the last)."""
    n, total, here = step + 1, len(steps), steps[step]
    head = LABELS["step"].format(n=n, total=total, part=PART_NAMES[here.part])
    last = n == total
    return {
        "head": head,
        "text": here.text,
        "alt": f"{head} {here.text}",
        "back": step > 0,
        "next": LABELS["again"] if last else LABELS["next"],
        "next_tip": LABELS["again_tip"] if last else LABELS["next_tip"],
    }


def page_data(
    steps_by_mode: dict[MotorUnitMode, list[MotorUnitStep]], frames: dict[MotorUnitMode, list[dict]], first: str
) -> dict:
    """Everything the page needs, sent once: each step's drawing and words in both modes, and the labels."""
    return {
        "frames": frames,
        "first": first,
        "steps": {
            m: [{"part": PART_NAMES[s.part], "text": s.text} for s in steps] for m, steps in steps_by_mode.items()
        },
        "modes": [[label, m] for label, m in MODE_LABELS],
        "labels": LABELS,
        "motion": motion(steps_by_mode),
    }


def motion(steps_by_mode: dict[MotorUnitMode, list[MotorUnitStep]]) -> dict:
    """What the page needs to move the drawing between steps: each unit's path (sampled), where the signal is at
    each step, whose signals are drawn, and the fibres' length relaxed and tight (the drawn step is the end)."""
    samples = 60
    return {
        "paths": [
            [list(A.point_on_path(k / samples, unit)) for k in range(samples + 1)] for unit in range(len(A.UNIT_AXONS))
        ],
        "steps": {
            m: [{"at": sim.signal_position(s.part, m), "many": s.units == "many", "tight": s.tight} for s in steps]
            for m, steps in steps_by_mode.items()
        },
        "fibre": {"x0": A.FIBRES[0][0], "relaxed": A.FIBRES[0][2], "tight": A.FIBRES[0][2] - SHORTEN},
        **TIMING,
    }


class MotorUnit(PageFigure):
    """The diagram with its mode choice, Play/Pause, Replay, Back and Next and the step's words, all in the page
    (static/motor_unit.js); this object mirrors the page's choice (``mode``, ``step``) and computes the same."""

    bundle, css, height = "motor_unit", ("motor_unit", "motor_unit_figure", "motor_unit_caption"), HEIGHT

    def __init__(self, mode: str = "normal"):
        texts = load_figure_texts()
        self.title, self.steps_by_mode = texts.motor_unit.title, texts.motor_unit_steps
        self._first = first = sim.check_mode(mode)
        self.frames = {
            m: [figure(step, m, i + 1, len(steps), self.title) for i, step in enumerate(steps)]
            for m, steps in self.steps_by_mode.items()
        }
        super().__init__(
            alt=self.title,
            caption_text=texts.motor_unit.caption,
            data=page_data(self.steps_by_mode, self.frames, first),
            template=self.frames[first][0],
            choice={"mode": first, "step": 0},
        )

    @property
    def mode(self) -> MotorUnitMode:
        """The mode shown now (a mode the page does not know is shown as the first one, as the page does)."""
        m = self.choice.get("mode")
        return sim.check_mode(m) if m in self.frames else self._first

    @property
    def step(self) -> int:
        """The step shown now, counted from 0 (kept within the mode's steps, as the page does)."""
        raw = self.choice.get("step")
        n = raw if isinstance(raw, int) and not isinstance(raw, bool) else 0
        return min(max(n, 0), len(self.steps) - 1)

    @property
    def steps(self) -> list[MotorUnitStep]:
        return self.steps_by_mode[self.mode]

    def set_mode(self, mode: str) -> None:
        """What the mode choice does: switch between the normal signal, the misfire and the cramp, from step 1."""
        self._choose({"mode": sim.check_mode(mode), "step": 0})

    def go(self, delta: int) -> None:
        """Move delta steps; past the last step the walk-through starts again from the first."""
        self._choose({"mode": self.mode, "step": (self.step + delta) % len(self.steps)})

    def next(self) -> None:
        """What Next does (at the last step it says "Start again"): one step on, or back to the first."""
        self.go(+1)

    def back(self) -> None:
        """What Back does: one step back; at the first step it is switched off and does nothing."""
        if self.step > 0:
            self.go(-1)

    def render(self) -> tuple[dict, dict]:
        return describe(self.steps, self.step), self.frames[self.mode][self.step]  # Python's copy of the figure


def motor_unit(mode: str = "normal") -> MotorUnit:
    """The animated motor unit; ``mode`` is "normal", "misfire" or "cramp"."""
    return MotorUnit(mode)
