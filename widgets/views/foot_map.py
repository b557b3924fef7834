"""The foot map: outer and inner views of the lower leg and foot; choose a part to read about it.

A part is chosen from a labelled list of buttons (keyboard) or by clicking it in the drawing; the page switches
(static/foot_map.js) from data sent once, with no kernel round trip. Tests drive it from Python:
``f = foot_map(); f.choose_region("tarsal-tunnel"); f.texts["text"]; f.texts["questions"]; f.figure``.
"""

from __future__ import annotations

import re
from typing import Any

from ..content.figure_model import FootMapWords
from ..content.load import load_course, load_figure_texts, load_regions, related_questions
from ..content.vocab import REGION_IDS
from ..engine import anatomy as A
from . import html
from .figure import HIDDEN_AXIS, base_layout
from .page_figure import PageFigure
from .palette import BLACK, BLUE, FILL_BONE, FILL_LIGHT, GREY, ORANGE, PURPLE, SKY, VERMILION, WHITE

HEIGHT = 430
SMALL_BELOW, SMALL_FONT = 760, 12  # px: a drawing narrower than this has its names on short lines, at 12 px
LINE = 12  # letters on one line of a name in a small drawing
COLOURS = {
    "peroneal-muscles": ORANGE,
    "peroneal-tendons": VERMILION,
    "shoe-pressure": PURPLE,
    "tarsal-tunnel": SKY,
    "posterior-tibial-nerve": BLUE,
}


def figure(chosen: str | None, title: str) -> dict:
    """Both views with every region as a filled, hoverable, clickable trace; the chosen one hatched and outlined."""
    regions = load_regions()
    data: list[dict[str, Any]] = []
    for view in ("lateral", "medial"):
        ox, oy = zip(*A.outline(view), strict=False)
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "fill": "toself",
                "x": ox,
                "y": oy,
                "name": f"{view} outline",
                "fillcolor": FILL_LIGHT,
                "line": {"color": GREY, "width": 2},
                "hoverinfo": "skip",
                "customdata": [""] * len(ox),
            }
        )
        bx, by = zip(*A.ankle_bone(view), strict=False)
        side = "outer" if view == "lateral" else "inner"
        data.append(
            {
                "type": "scatter",
                "mode": "lines",
                "fill": "toself",
                "x": bx,
                "y": by,
                "name": f"{side} ankle bone",
                "fillcolor": FILL_BONE,
                "line": {"color": GREY, "width": 1},
                "hoveron": "fills",
                "hovertemplate": f"{side} ankle bone<extra></extra>",
            }
        )
    for r in regions.regions:
        xs, ys = A.region_xy(r.id)
        on = r.id == chosen
        trace = {
            "type": "scatter",
            "mode": "lines",
            "fill": "toself",
            "x": xs,
            "y": ys,
            "name": r.name,
            "fillcolor": COLOURS[r.id],
            "opacity": 0.95 if on else 0.6,
            "line": {"color": BLACK if on else COLOURS[r.id], "width": 3 if on else 1},
            "hoveron": "fills",
            "customdata": [r.id] * len(xs),
            "hovertemplate": f"<b>{html.text(r.name)}</b><br>{html.text(r.hover)}<extra></extra>",
        }
        if on:
            trace["fillpattern"] = {
                "shape": "/",
                "fgcolor": BLACK,
                "bgcolor": COLOURS[r.id],
                "size": 8,
                "solidity": 0.15,
            }
        data.append(trace)
    for i, trace in enumerate(data):  # stable ids: Plotly.react then updates the traces instead of redrawing all
        trace["uid"] = f"t{i}"
    notes = []
    for x, y, text in A.VIEW_LABELS.values():
        notes.append({"x": x, "y": y, "text": f"<b>{text}</b>", "showarrow": False})
    for r in regions.regions:
        (tx, ty), (px, py) = A.LABELS[r.id]
        on = r.id == chosen
        notes.append(
            {
                "x": px,
                "y": py,
                "ax": tx,
                "ay": ty,
                "axref": "x",
                "ayref": "y",
                "showarrow": True,
                "arrowhead": 0,
                "arrowwidth": 2 if on else 1,
                "arrowcolor": BLACK if on else GREY,
                "text": f"<b>{html.text(r.name)}</b>" if on else html.text(r.name),
                "bgcolor": WHITE,
                "bordercolor": BLACK if on else WHITE,
                "borderpad": 2,
                "font": {"size": 14 if on else 13},
            }
        )
    layout = base_layout(
        title,
        HEIGHT,
        annotations=notes,
        margin={"l": 10, "r": 10, "t": 50, "b": 10},
        hovermode="closest",
        clickmode="event",
        xaxis=HIDDEN_AXIS | {"range": [-0.5, 22.5]},
        yaxis=HIDDEN_AXIS | {"range": [-1.6, 11.6], "scaleanchor": "x", "scaleratio": 1},
    )
    return {"data": data, "layout": layout}


def wrap(text: str, width: int = LINE) -> str:
    """Words on lines of at most ``width`` letters (a longer word keeps a line of its own), joined by <br>."""
    lines: list[str] = []
    for word in text.split():
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return "<br>".join(html.text(line) for line in lines)


def small_labels(base: dict) -> dict[str, dict]:
    """For a small drawing: each region name's label (by its index among the annotations) on short lines, moved
    into the free space beside its view, so that at 12 px no name lies over the outline or another name."""
    names = {r.name: r.id for r in load_regions().regions}
    out = {}
    for i, note in enumerate(base["layout"]["annotations"]):
        rid = names.get(note["text"])
        if rid is not None:
            ax, ay = A.NARROW_LABELS[rid]
            out[str(i)] = {"text": wrap(note["text"]) if rid != "shoe-pressure" else note["text"], "ax": ax, "ay": ay}
    return out


def _lesson_label(lesson: str) -> str:
    for info in load_course().lessons:
        if info.id == lesson:
            return info.title
    return lesson


def _dict_patch(a: dict, b: dict) -> dict | None:
    """What turns dict ``a`` into ``b``: keys to set and keys to drop (None when they are equal)."""
    changed = {k: v for k, v in b.items() if k not in a or a[k] != v}
    dropped = [k for k in a if k not in b]
    return {"set": changed, "unset": dropped} if changed or dropped else None


def patch(base: dict, chosen: dict) -> dict:
    """The changes from the drawing with no part chosen to one with a part chosen: traces and labels only."""
    layout_rest = {k: v for k, v in chosen["layout"].items() if k != "annotations"}
    if len(base["data"]) != len(chosen["data"]) or layout_rest != {
        k: v for k, v in base["layout"].items() if k != "annotations"
    }:
        raise ValueError("a chosen part may change only the styles of traces and labels")
    out: dict[str, dict] = {"data": {}, "annotations": {}}
    for key, a, b in (
        ("data", base["data"], chosen["data"]),
        ("annotations", base["layout"]["annotations"], chosen["layout"]["annotations"]),
    ):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            if (p := _dict_patch(x, y)) is not None:
                out[key][str(i)] = p
    return out


def describe(chosen: str | None, words: FootMapWords) -> dict:
    """What the page shows under the drawing for a choice: the explanation, related questions, text alternative."""
    if chosen is None:
        return {"name": "", "text": words.prompt, "heading": "", "questions": [], "anchors": [], "alt": words.alt_none}
    r = load_regions().region(chosen)
    related = related_questions(r.id)
    questions = [
        (words.question_truefalse if q.type == "truefalse" else words.question).format(
            lesson=_lesson_label(lesson), n=n, prompt=q.prompt
        )
        for lesson, n, q in related
    ]
    return {
        "name": r.name,
        "text": words.chosen.format(where=r.where) + " " + r.explanation,
        "heading": words.questions if questions else words.no_questions,
        "questions": questions,
        "anchors": [quiz_anchor(f"{lesson}/{q.id}") for lesson, _, q in related],
        "alt": words.alt_chosen.format(name=r.name, where=r.where),
    }


def quiz_anchor(full_id: str) -> str:
    """The id of a question's card in the quiz page (static/quiz.js gives each card this id), e.g. quiz-03-foot-q2."""
    return "quiz-" + re.sub(r"[^A-Za-z0-9_-]", "-", full_id)


def page_data(title: str, words: FootMapWords, clickable: bool) -> dict:
    """Every state, sent once: each part's patch of the drawing and its texts."""
    base = figure(None, title)
    regions = []
    for r in load_regions().regions:
        t = describe(r.id, words)
        regions.append(
            {"id": r.id, "name": r.name, "hover": r.hover}
            | {k: t[k] for k in ("text", "heading", "questions", "anchors", "alt")}
        )
    xr, yr, m = base["layout"]["xaxis"]["range"], base["layout"]["yaxis"]["range"], base["layout"]["margin"]
    return {
        # the page shrinks the height to the drawing's shape on a narrow page (no empty bands above and below)
        "fit": {
            "aspect": (yr[1] - yr[0]) / (xr[1] - xr[0]),
            "margin": m,
            "min": 220,
            "max": HEIGHT,
            "small_below": SMALL_BELOW,
            "small_font": SMALL_FONT,
            "small_labels": small_labels(base),
        },
        "patches": {r.id: patch(base, figure(r.id, title)) for r in load_regions().regions},
        "regions": regions,
        "words": words.model_dump(),
        "clickable": clickable,
    }


class FootMap(PageFigure):
    """The part list, the drawing, the chosen part's explanation and its related quiz questions, all switched in
    the page (static/foot_map.js); this object mirrors the page's choice (``chosen``) and computes the same."""

    bundle, css, height = "foot_map", ("foot_map", "foot_map_figure", "foot_map_caption"), HEIGHT

    def __init__(self, clickable: bool = True):
        texts = load_figure_texts().foot_map
        self.title, self.words = texts.title, texts.words
        super().__init__(
            alt=self.words.alt_none,
            caption_text=texts.caption,
            data=page_data(self.title, self.words, clickable),
            template=figure(None, self.title),
            choice={"region": None},
        )

    @property
    def chosen(self) -> str | None:
        return self.choice.get("region")

    def click(self, region_id: str) -> None:
        """What a click on a part of the drawing does; a click on no part (or an unknown id) changes nothing."""
        if region_id in REGION_IDS:
            self.choose_region(region_id)

    def choose_region(self, region_id: str | None) -> None:
        """Show one part (by id), or none, as the page does when it is chosen from the list."""
        if region_id is not None:
            load_regions().region(region_id)  # KeyError for an unknown id
        self._choose({"region": region_id})

    def render(self) -> tuple[dict, dict]:
        chosen = self.chosen if self.chosen in REGION_IDS else None  # the page sends only known ids
        return describe(chosen, self.words), figure(chosen, self.title)


def foot_map(clickable: bool = True) -> FootMap:
    """The foot map of lesson 03: choose a part from the list or by clicking it in the drawing."""
    return FootMap(clickable)
