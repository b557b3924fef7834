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
CLOSE_UP_MAX = 1.0 * sim.UNIT_FORCE  # the close-up's pull axis: one unit's twitch fills it
LINE_NAME = "force needed to move the foot"
TRACES = {"twitch": 0, "cramp": 2, "close_up": 4}  # which traces the page fills (the move lines are fixed)


def template(title: str, close_up: str) -> dict:
    """Two panels on one pull scale, twitch (left) and cramp (right), each with the move line; above the twitch a
    close-up box on the same time axis (the bump sits right over it); the three force traces are left empty
    for the page (or ``figure``) to fill."""
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
            "hovertemplate": "twitch, made bigger<br>%{x:.2f} s<extra></extra>",
        }
    )
    for i, trace in enumerate(data):  # stable ids: Plotly.react then updates the traces instead of redrawing all
        trace["uid"] = f"t{i}"
    notes = [
        {
            "xref": "paper",
            "yref": "y",
            "x": 0.0,
            "y": sim.MOVE_THRESHOLD,
            "xanchor": "left",
            "yanchor": "bottom",
            "text": LINE_NAME,
            "showarrow": False,
            "font": {"size": 12},
        },
        {
            "xref": "x2",
            "yref": "y2",
            "x": sim.FORCE_SECONDS * 0.97,
            "y": 0.5 * Y_MAX,
            "xanchor": "right",
            "showarrow": False,
            "text": "still going when the graph ends",
            "font": {"size": 12},
        },
        {
            "xref": "paper",
            "yref": "paper",
            "x": 0.01,
            "y": 0.93,
            "xanchor": "left",
            "yanchor": "bottom",
            "showarrow": False,
            "text": close_up,
            "font": {"size": 12},
        },
        {
            "xref": "paper",
            "yref": "paper",
            "x": 0.23,
            "y": 1.0,
            "yanchor": "bottom",
            "showarrow": False,
            "text": "<b>Twitch</b> (one motor unit)",
        },
        {
            "xref": "paper",
            "yref": "paper",
            "x": 0.77,
            "y": 1.0,
            "yanchor": "bottom",
            "showarrow": False,
            "text": "<b>Cramp</b> (many motor units)",
        },
    ]
    y = {"range": [0, Y_MAX], "showticklabels": False, "ticks": ""}
    inset = {"showticklabels": False, "ticks": "", "showgrid": False, "mirror": True}
    layout = base_layout(
        title,
        HEIGHT,
        annotations=notes,
        margin={"l": 60, "r": 20, "t": 70, "b": 56},  # what automargin needs (no second pass)
        xaxis=axis("time (seconds)", domain=[0, 0.46], range=[0, sim.FORCE_SECONDS]),
        xaxis2=axis("time (seconds)", domain=[0.54, 1], anchor="y2", range=[0, sim.FORCE_SECONDS]),
        yaxis=axis("pull (pretend scale)", **y),
        yaxis2=axis("", anchor="x2", **y),
        xaxis3=axis("", domain=[0, 0.46], anchor="y3", range=[0, sim.FORCE_SECONDS], **inset),
        yaxis3=axis("", domain=[0.42, 0.92], anchor="x3", range=[0, CLOSE_UP_MAX], **inset),
    )
    return {"data": data, "layout": layout}


NARROW_BELOW = 640  # px: a narrower figure stacks the panels (the page picks the layout by its width)
NARROW_HEIGHT = 660


def narrow_layout(title: str, close_up: str) -> dict:
    """The same figure for a narrow page: twitch above, cramp below, so titles and labels keep their room."""
    layout = copy.deepcopy(template(title, close_up)["layout"])
    layout["height"] = NARROW_HEIGHT
    layout["xaxis"]["domain"] = layout["xaxis2"]["domain"] = [0, 1]
    layout["yaxis"]["domain"], layout["yaxis2"]["domain"] = [0.6, 1], [0, 0.36]
    layout["xaxis3"]["domain"], layout["yaxis3"]["domain"] = [0, 1], [0.76, 0.95]
    notes = layout["annotations"]
    notes[2] |= {"x": 0.01, "y": 0.95}  # close-up title, over its box
    notes[3] |= {"x": 0.5, "y": 1.0}  # "Twitch" over the top panel
    notes[4] |= {"x": 0.5, "y": 0.37}  # "Cramp" over the bottom panel
    return layout


def figure(twitch: sim.ForceTrace, cramp: sim.ForceTrace, title: str, close_up: str, narrow: bool = False) -> dict:
    """The whole figure: the template with both traces drawn to their end (what the page shows after a replay);
    ``narrow``: the stacked layout the page uses below NARROW_BELOW pixels."""
    t = template(title, close_up)
    if narrow:
        t["layout"] = narrow_layout(title, close_up)
    for name, trace in (("twitch", twitch), ("close_up", twitch), ("cramp", cramp)):
        t["data"][TRACES[name]]["y"] = typed(trace.force, "f8")
    return t


def describe(twitch: sim.ForceTrace, cramp: sim.ForceTrace, shown: str, words: TwitchCrampWords) -> dict[str, str]:
    """The sentence under the figure (about the one replayed last, or both) and the text alternative."""
    sentences = {
        "twitch": words.twitch.format(start=f"{twitch.start:.1f}"),
        "cramp": words.cramp.format(start=f"{cramp.start:.1f}"),
    }
    status = sentences.get(shown, sentences["twitch"] + " " + sentences["cramp"])
    return {"status": status, "alt": words.alt.format(status=status)}


def page_data(twitch: sim.ForceTrace, cramp: sim.ForceTrace, words: TwitchCrampWords, title: str) -> dict:
    """Everything the page needs, sent once: both traces, their start times, the sentences, the narrow layout."""
    return {
        "narrow": {"below": NARROW_BELOW, "layout": narrow_layout(title, words.close_up)},
        "twitch": {"force": typed(twitch.force, "f8"), "start": twitch.start},
        "cramp": {"force": typed(cramp.force, "f8"), "start": cramp.start},
        "dt": twitch.dt,
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
