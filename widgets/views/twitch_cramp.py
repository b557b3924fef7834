"""Twitch vs cramp: the pull of one misfiring motor unit next to a cramp, with the line a foot needs to move.

The figure is a cartoon: its pull axis has no numbers, and no text states a percentage or a count of units.

Tests drive it from Python: ``v = twitch_vs_cramp(); v.replay_button.click(); v.replay_cramp_button.click()``.
"""

from __future__ import annotations

import ipywidgets as W

from .. import simulation as sim
from ..load import load_figure_texts
from ..palette import BLACK, BLUE, CSS, VERMILION
from .controls import button
from .figure import FigureView, axis, base_layout, caption, responsive, say, stacked, status, typed
from .keyboard import KeyboardSafeBox

HEIGHT = 360
Y_MAX = 80.0
LINE_NAME = "force needed to move the foot"


def figure(twitch: sim.ForceTrace, cramp: sim.ForceTrace, title: str) -> dict:
    """Two panels on one force scale: twitch (left) and cramp (right), each with the move line."""
    data = []
    for trace, xa, ya, name, colour in (
        (twitch, "x", "y", "twitch: one motor unit", BLUE),
        (cramp, "x2", "y2", "cramp: many motor units", VERMILION),
    ):
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": name,
                "xaxis": xa,
                "yaxis": ya,
                "x0": 0,
                "dx": trace.dt,
                "y": typed(trace.force),
                "line": {"color": colour, "width": 3},
                "hovertemplate": name + "<br>%{x:.2f} s<extra></extra>",
            }
        )
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": LINE_NAME,
                "xaxis": xa,
                "yaxis": ya,
                "x": [0, sim.FORCE_SECONDS],
                "y": [sim.MOVE_THRESHOLD] * 2,
                "line": {"color": BLACK, "width": 2, "dash": "dash"},
                "hovertemplate": LINE_NAME + "<extra></extra>",
            }
        )
    t_peak = twitch.times[int(twitch.force.argmax())]
    c_peak = cramp.times[int(cramp.force.argmax())]
    notes = [
        {
            "xref": "x",
            "yref": "y",
            "x": float(t_peak),
            "y": twitch.peak,
            "ax": 40,
            "ay": -90,
            "text": "twitch: a flicker,<br>far below the line",
            "showarrow": True,
            "arrowhead": 2,
            "align": "left",
        },
        {
            "xref": "x2",
            "yref": "y2",
            "x": float(c_peak),
            "y": cramp.peak,
            "ax": 0,
            "ay": -25,
            "text": "cramp: far above the line, still going",
            "xanchor": "right",  # ends at its arrow: never runs past the panel's right edge
            "showarrow": True,
            "arrowhead": 2,
        },
        {
            "xref": "x domain",
            "yref": "y",
            "x": 0.0,
            "y": sim.MOVE_THRESHOLD,
            "xanchor": "left",
            "yanchor": "bottom",
            "text": LINE_NAME,
            "showarrow": False,
            "font": {"size": 12},
        },
        # panel titles placed on their own panel (axis domain), so they move with it when the panels stack
        {
            "xref": "x domain",
            "yref": "y domain",
            "x": 0.5,
            "y": 1.0,
            "yanchor": "bottom",
            "showarrow": False,
            "text": "<b>Twitch</b> (one motor unit)",
        },
        {
            "xref": "x2 domain",
            "yref": "y2 domain",
            "x": 0.5,
            "y": 1.0,
            "yanchor": "bottom",
            "showarrow": False,
            "text": "<b>Cramp</b> (many motor units)",
        },
    ]
    y = {"range": [0, Y_MAX], "showticklabels": False, "ticks": ""}
    layout = base_layout(
        title,
        HEIGHT,
        annotations=notes,
        margin={"l": 60, "r": 20, "t": 70, "b": 50},
        xaxis=axis("time (seconds)", domain=[0, 0.46], range=[0, sim.FORCE_SECONDS]),
        xaxis2=axis("time (seconds)", domain=[0.54, 1], range=[0, sim.FORCE_SECONDS]),
        yaxis=axis("pull (pretend scale)", **y),
        yaxis2=axis("", anchor="x2", **y),
    )
    # narrow outputs: the cramp panel under the twitch panel, each full width, the whole figure taller
    narrow = stacked(2, gap=0.22) | {"height": 2 * HEIGHT - 40}
    return responsive({"data": data, "layout": layout}, narrow)


class TwitchVsCramp(KeyboardSafeBox):
    """The two force traces, a replay button for each, and a sentence that says what the figure shows."""

    def __init__(self, seed: int = 0):
        texts = load_figure_texts().twitch_vs_cramp
        self.title = texts.title
        self.twitch_seed = self.cramp_seed = seed
        self.replay_button = button(
            description="Replay the twitch", icon="play", tooltip="Fire one motor unit again and redraw its force"
        )
        self.replay_cramp_button = button(
            description="Replay the cramp", icon="play", tooltip="Start a new cramp and redraw its force"
        )
        for b in (self.replay_button, self.replay_cramp_button):
            b.add_class(CSS["twitch_cramp_replay"])
        self.replay_button.on_click(lambda _: self.replay("twitch"))
        self.replay_cramp_button.on_click(lambda _: self.replay("cramp"))
        self.output = FigureView(CSS["twitch_cramp_figure"], HEIGHT, texts.title)
        self.status = status(CSS["twitch_cramp_status"])
        super().__init__(
            [
                W.HBox([self.replay_button, self.replay_cramp_button]),
                self.output,
                self.status,
                caption(texts.caption, CSS["twitch_cramp_caption"]),
            ]
        )
        self.add_class(CSS["twitch_vs_cramp"])
        self.redraw("both")

    @property
    def figure(self) -> dict:
        return self.output.figure

    def replay(self, which: str) -> None:
        """Run the twitch or the cramp again (a new firing) and redraw."""
        if which == "twitch":
            self.twitch_seed += 1
        elif which == "cramp":
            self.cramp_seed += 1
        else:
            raise ValueError(f"expected 'twitch' or 'cramp', got {which!r}")
        self.redraw(which)

    def redraw(self, which: str) -> None:
        self.twitch, self.cramp = sim.twitch_force(self.twitch_seed), sim.cramp_force(self.cramp_seed)
        self.output.show(figure(self.twitch, self.cramp, self.title))
        twitch = (
            f"The twitch: one motor unit fired at {self.twitch.start:.1f} s. Its pull stayed far below "
            "the dashed line, so the foot did not move."
        )
        cramp = (
            f"The cramp: many motor units fired together from {self.cramp.start:.1f} s. The pull rose far "
            "above the line and was still high when the graph ended. A real cramp lasts from a few seconds "
            "to several minutes."
        )
        say(self.status, {"twitch": twitch, "cramp": cramp}.get(which, twitch + " " + cramp))


def twitch_vs_cramp(seed: int = 0) -> TwitchVsCramp:
    """One motor unit's twitch next to a cramp, on the same force scale, with replay buttons."""
    return TwitchVsCramp(seed)
