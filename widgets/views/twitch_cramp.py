"""Twitch vs cramp: the pull of one misfiring motor unit next to a cramp, with the line a foot needs to move.

The figure is a cartoon: its pull axis has no numbers, and no text states a percentage or a count of units.
Both traces go to the page once; the page animates a replay (static/twitch_cramp.js), no kernel involved.

Tests drive it from Python: ``v = twitch_vs_cramp(); v.replay("twitch"); v.texts["status"]; v.figure``.
"""

from __future__ import annotations

import copy

from ..content.figure_model import TwitchCrampWords
from ..content.load import load_figure_texts
from ..engine import simulation as sim
from .figure import axis, base_layout, typed
from .page_figure import PageFigure
from .palette import BLACK, BLUE, VERMILION

HEIGHT = 380
Y_MAX = 80.0
LINE_AT = sim.MOVE_THRESHOLD / Y_MAX  # where the "move the foot" line sits in a panel (0 bottom, 1 top)
CLOSE_UP_RANGE = (-0.1 * sim.UNIT_FORCE, 1.0 * sim.UNIT_FORCE)  # the close-up's pull axis: one unit's twitch fills
# most of it, and its flat start sits just inside the frame (not on it)
ZOOM = 12  # the close-up draws the twitch this many times taller than the shared scale does
# The close-up box, in parts of the twitch panel's height: clear of the panel's floor (the real twitch, a flat line
# there, stays visible under it) and, with room for its label, wholly under the line, so even zoomed in the twitch is
# never drawn above the pull that moves the foot.
CLOSE_UP = (0.04, 0.04 + ZOOM * (CLOSE_UP_RANGE[1] - CLOSE_UP_RANGE[0]) / Y_MAX)
LABEL_ROOM = 0.08  # of the panel's height, between the close-up box and the line: the close-up's label
assert CLOSE_UP[1] + LABEL_ROOM <= LINE_AT, "the close-up must stay under the line, with room for its label"
LINE_NAME = "force needed to move the foot"
TRACES = {"twitch": 0, "cramp": 2, "close_up": 4}  # which traces the page fills (the move lines are fixed)
# Panels, as (x domain, y domain) of the twitch's and the cramp's: side by side, or stacked (a narrow page; the page
# stacks them where a title or label would not fit its panel, measured in its own font: twitch_cramp.js mustStack)
SIDE_BY_SIDE = (([0, 0.46], [0, 1]), ([0.54, 1], [0, 1]))
STACKED = (([0, 1], [0.59, 1]), ([0, 1], [0, 0.41]))  # as tall as each other: one scale, as side by side
NARROW_HEIGHT = 700


def _place(layout: dict, panels: tuple) -> dict:
    """Put the two panels where `panels` says, the close-up box inside the twitch's, and every label on its panel.
    Each label is named after the axis whose width it must fit in (``in:xaxis``), so the page can measure it."""
    (tx, ty), (cx, cy) = panels
    up = ty[1] - ty[0]
    layout["xaxis"]["domain"], layout["yaxis"]["domain"] = tx, ty
    layout["xaxis2"]["domain"], layout["yaxis2"]["domain"] = cx, cy
    layout["xaxis3"]["domain"] = tx
    layout["yaxis3"]["domain"] = [ty[0] + CLOSE_UP[0] * up, ty[0] + CLOSE_UP[1] * up]
    line, _still_going, close_up, twitch, cramp = layout["annotations"]  # the cramp note stays where it is (x2, y2)
    line |= {"x": tx[0]}
    close_up |= {"x": tx[0], "y": layout["yaxis3"]["domain"][1]}
    twitch |= {"x": (tx[0] + tx[1]) / 2, "y": ty[1], "xanchor": "center"}
    cramp |= {"x": (cx[0] + cx[1]) / 2, "y": cy[1], "xanchor": "center"}
    return layout


def template(title: str, close_up: str) -> dict:
    """Two panels on one pull scale, twitch (left) and cramp (right), each with the move line; inside the twitch's,
    under its line, a close-up box on the same time axis (the bump sits right over the real one) that draws the
    twitch ZOOM times taller; the three force traces are left empty for the page (or ``figure``) to fill."""
    data = []
    for xa, ya, name, colour in (
        ("x", "y", "twitch: one motor unit", BLUE),
        ("x2", "y2", "cramp: many motor units", VERMILION),
    ):
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "name": name,
                "xaxis": xa,
                "yaxis": ya,
                "x0": 0,
                "dx": 1.0 / sim.FORCE_RATE_HZ,
                "y": [],
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
    data.append(
        {
            "type": "scatter",
            "mode": "lines",
            "name": "twitch, close-up",
            "xaxis": "x3",
            "yaxis": "y3",
            "x0": 0,
            "dx": 1.0 / sim.FORCE_RATE_HZ,
            "y": [],
            "line": {"color": BLUE, "width": 2},
            "hovertemplate": f"twitch, zoomed in {ZOOM} times<br>%{{x:.2f}} s<extra></extra>",
        }
    )
    for i, trace in enumerate(data):  # stable ids: Plotly.react then updates the traces instead of redrawing all
        trace["uid"] = f"t{i}"
    label = {"showarrow": False, "font": {"size": 12}}
    notes = [
        label
        | {"name": "in:xaxis", "xref": "paper", "yref": "y", "y": sim.MOVE_THRESHOLD, "xanchor": "left"}
        | {"yanchor": "bottom", "text": LINE_NAME},
        label
        | {"name": "in:xaxis2", "xref": "x2", "yref": "y2", "x": sim.FORCE_SECONDS * 0.97, "y": 0.5 * Y_MAX}
        | {"xanchor": "right", "text": "still going when<br>the graph ends"},  # two lines: clear of the rising pull
        label
        | {"name": "in:xaxis", "xref": "paper", "yref": "paper", "xanchor": "left", "yanchor": "bottom"}
        | {"xshift": 2, "text": close_up.format(zoom=ZOOM), "font": {"size": 12, "color": BLUE}},
        {"name": "in:xaxis", "xref": "paper", "yref": "paper", "yanchor": "bottom", "showarrow": False}
        | {"text": "<b>Twitch</b> (one motor unit)"},
        {"name": "in:xaxis2", "xref": "paper", "yref": "paper", "yanchor": "bottom", "showarrow": False}
        | {"text": "<b>Cramp</b> (many motor units)"},
    ]
    y = {"range": [0, Y_MAX], "showticklabels": False, "ticks": ""}
    inset = {"showticklabels": False, "ticks": "", "showgrid": False, "mirror": True, "linecolor": BLUE}
    layout = base_layout(
        title,
        HEIGHT,
        annotations=notes,
        margin={"l": 60, "r": 20, "t": 70, "b": 56},  # what automargin needs (no second pass)
        xaxis=axis("time (seconds)", range=[0, sim.FORCE_SECONDS]),
        xaxis2=axis("time (seconds)", anchor="y2", range=[0, sim.FORCE_SECONDS]),
        yaxis=axis("pull (pretend scale)", **y),
        yaxis2=axis("", anchor="x2", **y),
        xaxis3=axis("", anchor="y3", range=[0, sim.FORCE_SECONDS], **inset),
        yaxis3=axis("", anchor="x3", range=list(CLOSE_UP_RANGE), **inset),
    )
    return {"data": data, "layout": _place(layout, SIDE_BY_SIDE)}


def narrow_layout(title: str, close_up: str) -> dict:
    """The same figure for a narrow page: twitch above, cramp below, so titles and labels keep their room."""
    layout = copy.deepcopy(template(title, close_up)["layout"])
    layout["height"] = NARROW_HEIGHT
    return _place(layout, STACKED)


def figure(twitch: sim.ForceTrace, cramp: sim.ForceTrace, title: str, close_up: str, narrow: bool = False) -> dict:
    """The whole figure: the template with both traces drawn to their end (what the page shows after a replay);
    ``narrow``: the stacked layout the page uses where the panels side by side would not hold their labels."""
    t = template(title, close_up)
    if narrow:
        t["layout"] = narrow_layout(title, close_up)
    for name, trace in (("twitch", twitch), ("close_up", twitch), ("cramp", cramp)):
        t["data"][TRACES[name]]["y"] = typed(trace.force, "f8")
    return t


def describe(twitch: sim.ForceTrace, cramp: sim.ForceTrace, shown: str, words: TwitchCrampWords) -> dict[str, str]:
    """The sentence under the figure (about the one replayed last, or both) and the text alternative, which always
    describes everything drawn: both graphs, the line and the close-up, whichever was replayed."""
    sentences = {
        "twitch": words.twitch.format(start=f"{twitch.start:.1f}"),
        "cramp": words.cramp.format(start=f"{cramp.start:.1f}"),
    }
    status = sentences.get(shown, sentences["twitch"] + " " + sentences["cramp"])
    return {"status": status, "alt": words.alt.format(zoom=ZOOM, **sentences)}


def page_data(twitch: sim.ForceTrace, cramp: sim.ForceTrace, words: TwitchCrampWords, title: str) -> dict:
    """Everything the page needs, sent once: both traces, their start times, the sentences, the narrow layout."""
    return {
        "narrow": {"layout": narrow_layout(title, words.close_up)},
        "twitch": {"force": typed(twitch.force, "f8"), "start": twitch.start},
        "cramp": {"force": typed(cramp.force, "f8"), "start": cramp.start},
        "dt": twitch.dt,
        "zoom": ZOOM,
        "traces": TRACES,
        "words": words.model_dump(),
    }


class TwitchVsCramp(PageFigure):
    """The two force traces with a close-up of the twitch, a replay button for each (the page animates the
    replay), and a sentence that says what the figure shows. ``replay`` is what the buttons do."""

    bundle, css, height = "twitch_cramp", ("twitch_vs_cramp", "twitch_cramp_figure", "twitch_cramp_caption"), HEIGHT

    def __init__(self, seed: int = 0):
        texts = load_figure_texts().twitch_vs_cramp
        self.title, self.words = texts.title, texts.words
        self.twitch, self.cramp = sim.twitch_force(seed), sim.cramp_force(seed)
        super().__init__(
            alt=texts.title,
            caption_text=texts.caption,
            data=page_data(self.twitch, self.cramp, self.words, self.title),
            template=template(self.title, self.words.close_up),
            choice={"shown": "both", "replays": 0},
        )

    @property
    def shown(self) -> str:
        return str(self.choice["shown"])

    def replay(self, which: str) -> None:
        """Replay the twitch or the cramp: the page draws it again from the start, as it happens."""
        if which not in ("twitch", "cramp"):
            raise ValueError(f"expected 'twitch' or 'cramp', got {which!r}")
        self._choose({"shown": which, "replays": int(self.choice.get("replays", 0)) + 1})

    def render(self) -> tuple[dict, dict]:
        texts = describe(self.twitch, self.cramp, self.shown, self.words)
        return texts, figure(self.twitch, self.cramp, self.title, self.words.close_up)


def twitch_vs_cramp(seed: int = 0) -> TwitchVsCramp:
    """One motor unit's twitch next to a cramp, on the same force scale, with replay buttons."""
    return TwitchVsCramp(seed)
