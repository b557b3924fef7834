"""The motor unit, step by step: spinal cord → lower motor neuron → neuromuscular junction → muscle fibres.

Every step's drawing (both modes) goes to the page once; Back, Next and the mode buttons only set the canvas's
``choice`` ({mode, step}) and the page switches (static/motor_unit.js), so a click sends no figure.

Tests drive it from Python: ``m = motor_unit(); m.next_button.click(); m.set_mode("misfire"); m.step``.
"""

from __future__ import annotations

import ipywidgets as W

from .. import anatomy as A
from .. import simulation as sim
from ..load import load_figure_texts
from ..palette import BLACK, BLUE, CSS, GREEN, GREY, ORANGE, SKY, VERMILION, YELLOW
from . import html
from .controls import button
from .figure import HIDDEN_AXIS, base_layout, caption, responsive, say, status
from .keyboard import KeyboardSafeBox
from .page_figure import PageFigureView

HEIGHT = 330
PART_NAMES = {
    "spinal-cord": "spinal cord",
    "motor-neuron": "lower motor neuron",
    "junction": "neuromuscular junction",
    "fibres": "muscle fibres",
}
NARROW_NAMES = {part: name.rsplit(" ", 1)[0] + "<br>" + name.rsplit(" ", 1)[1] for part, name in PART_NAMES.items()}
LABEL_AT = {"spinal-cord": 1.1, "motor-neuron": 5.0, "junction": 8.9, "fibres": 11.3}
MODE_LABELS = [("normal signal", "normal"), ("spontaneous misfire", "misfire")]
Y_BOTTOM = -0.6  # room under the drawing for the part names
Y_BOTTOM_NARROW, SECOND_ROW, NARROW_EXTRA = -2.7, -1.2, 60  # narrow: a second row of names, and the height for it


def figure(step, mode: str, number: int, total: int, title: str) -> dict:
    """The diagram at one step: every part named, the current one marked, the signal drawn as a star."""

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

    tight = step.tight
    end_shift = 1.0 if tight else 0.0
    fx, fy = [], []
    for x0, y, x1 in A.FIBRES:
        fx += [x0, x1 - end_shift, None]
        fy += [y, y, None]
    data = [
        poly(A.SPINAL_CORD, "spinal cord", SKY, "spinal cord: the nerve cord inside your backbone"),
        poly(A.MUSCLE, "muscle", ORANGE, "a muscle in the leg or foot"),
        {
            "type": "scatter",
            "mode": "lines",
            "name": "nerve fibre",
            "x": [p[0] for p in A.AXON],
            "y": [p[1] for p in A.AXON],
            "line": {"color": BLUE, "width": 5, "shape": "spline"},
            "hovertemplate": "nerve fibre of the lower motor neuron: carries the signal<extra></extra>",
        },
        {
            "type": "scatter",
            "mode": "markers",
            "name": "lower motor neuron",
            "x": [A.CELL_BODY[0]],
            "y": [A.CELL_BODY[1]],
            "marker": {"size": 26, "color": BLUE, "line": {"color": BLACK, "width": 1}},
            "hovertemplate": "lower motor neuron: the nerve cell that tells this muscle to move<extra></extra>",
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
            "line": {"color": VERMILION if tight else GREY, "width": 4 if tight else 2},
            "hovertemplate": "muscle fibres of this motor unit<extra></extra>",
        },
    ]
    where = sim.signal_position(step.part, mode)
    if where >= 0:
        x, y = A.point_on_path(where)
        data.append(
            {
                "type": "scatter",
                "mode": "markers+text",
                "name": "signal",
                "x": [x],
                "y": [y],
                "text": ["signal"],
                "textposition": "top center",
                "marker": {"symbol": "star", "size": 24, "color": YELLOW, "line": {"color": BLACK, "width": 1.5}},
                "hovertemplate": (
                    "misfire: a signal nobody ordered" if mode == "misfire" else "signal: an order to move"
                )
                + "<extra></extra>",
            }
        )
    notes = part_labels(step.part, narrow=False)
    order_text = "order to move ↓" if step.order else "no order to move"
    order_colour = BLACK if step.order else GREY
    extra = [{"x": 1.1, "y": 7.9, "showarrow": False, "text": order_text, "font": {"color": order_colour}}]
    if tight:
        extra.append({"x": 11.3, "y": 6.3, "showarrow": False, "text": "<b>fibres tighten</b>"})
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


class MotorUnit(KeyboardSafeBox):
    """Mode choice (normal / misfire), Back and Next buttons, the diagram and the step's text."""

    def __init__(self, mode: str = "normal"):
        texts = load_figure_texts()
        self.title, self.steps_by_mode = texts.motor_unit.title, texts.motor_unit_steps
        self.mode, self.step = sim.check_mode(mode), 0
        self.mode_buttons = W.ToggleButtons(
            options=MODE_LABELS,
            value=mode,
            description="Show",
            style={"description_width": "4em", "button_width": "auto"},
        )
        self.mode_buttons.add_class(CSS["motor_unit_mode"])
        self.mode_buttons.observe(lambda c: self.set_mode(c["new"]), names="value")
        self.back_button = button(description="Back", icon="arrow-left", tooltip="Previous step")
        self.next_button = button(description="Next", icon="arrow-right", tooltip="Next step")
        self.back_button.add_class(CSS["motor_unit_back"])
        self.next_button.add_class(CSS["motor_unit_next"])
        self.back_button.on_click(lambda _: self.go(-1))
        self.next_button.on_click(lambda _: self.go(+1))
        self.frames = {
            m: [figure(step, m, i + 1, len(steps), self.title) for i, step in enumerate(steps)]
            for m, steps in self.steps_by_mode.items()
        }
        self.output = PageFigureView(
            CSS["motor_unit_figure"],
            HEIGHT,
            self.title,
            entry="motor_unit.js",
            data={"frames": self.frames, "first": self.mode},
            template=self.frames[self.mode][0],
            choice={"mode": self.mode, "step": 0},
        )
        self.text = status(CSS["motor_unit_step"])
        super().__init__(
            [
                self.mode_buttons,
                W.HBox([self.back_button, self.next_button]),
                self.output,
                self.text,
                caption(texts.motor_unit.caption, CSS["motor_unit_caption"]),
            ]
        )
        self.add_class(CSS["motor_unit"])
        self.redraw()

    @property
    def figure(self) -> dict:
        return self.output.figure

    @property
    def steps(self):
        return self.steps_by_mode[self.mode]

    def set_mode(self, mode: str) -> None:
        """Switch between the normal signal and the misfire; starts again at step 1."""
        self.mode, self.step = sim.check_mode(mode), 0
        if self.mode_buttons.value != mode:
            self.mode_buttons.value = mode  # its observer calls back here once, harmlessly
        self.redraw()

    def go(self, delta: int) -> None:
        """Move delta steps; past the last step Next starts again from the first."""
        self.step = (self.step + delta) % len(self.steps)
        self.redraw()

    def redraw(self) -> None:
        n, total = self.step + 1, len(self.steps)
        step = self.steps[self.step]
        words = f"<b>Step {n} of {total} ({html.text(PART_NAMES[step.part])}):</b> {html.text(step.text)}"
        self.output.show(self.frames[self.mode][self.step])  # Python's copy (tests, fallback route)
        self.output.canvas.alt = words
        self.output.canvas.choice = {"mode": self.mode, "step": self.step}
        self.back_button.disabled = self.step == 0
        self.next_button.description = "Start again" if n == total else "Next"
        say(self.text, words)


def motor_unit(mode: str = "normal") -> MotorUnit:
    """The motor-unit walk-through; ``mode`` is "normal" or "misfire"."""
    return MotorUnit(mode)
