"""The foot map: outer and inner views of the lower leg and foot; choose a part to read about it.

A part is chosen from a labelled list (keyboard) or by clicking it in the drawing (a small bridge listens to
plotly's click event on the drawn figure; see ``clickbridge.py``). Tests drive it from Python:
``f = foot_map(); f.choose_region("tarsal-tunnel"); f.explanation.value; f.related.value``.
"""

from __future__ import annotations

from typing import Any

import ipywidgets as W

from .. import anatomy as A
from ..load import load_course, load_figure_texts, load_regions, related_questions
from ..palette import BLACK, BLUE, CSS, FILL_BONE, FILL_LIGHT, GREY, ORANGE, PURPLE, SKY, VERMILION, WHITE
from . import html
from .figure import HIDDEN_AXIS, FigureView, base_layout, caption, responsive, say, stacked, status
from .keyboard import KeyboardSafeBox

HEIGHT = 430
X_RANGES = {"lateral": [-0.5, 11.25], "medial": [10.75, 22.5]}  # each view's panel (the medial view is drawn right)
Y_RANGE = [-1.6, 11.6]
AXES = {"lateral": {"xaxis": "x", "yaxis": "y"}, "medial": {"xaxis": "x2", "yaxis": "y2"}}  # a trace's panel
REFS = {"lateral": {"xref": "x", "yref": "y"}, "medial": {"xref": "x2", "yref": "y2"}}  # a note's panel
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
                **AXES[view],
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
                **AXES[view],
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
            **AXES[r.view],
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
    notes = []
    for view, (x, y, text) in A.VIEW_LABELS.items():
        notes.append({"x": x, "y": y, **REFS[view], "text": f"<b>{text}</b>", "showarrow": False})
    for r in regions.regions:
        (tx, ty), (px, py) = A.LABELS[r.id]
        on = r.id == chosen
        notes.append(
            {
                "x": px,
                "y": py,
                "ax": tx,
                "ay": ty,
                **REFS[r.view],
                "axref": REFS[r.view]["xref"],
                "ayref": REFS[r.view]["yref"],
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
        # one panel per view (outer side: x/y, inner side: x2/y2), side by side; stacked in a narrow output
        xaxis=HIDDEN_AXIS | {"range": X_RANGES["lateral"], "domain": [0, 0.5]},
        yaxis=HIDDEN_AXIS | {"range": Y_RANGE, "scaleanchor": "x", "scaleratio": 1},
        xaxis2=HIDDEN_AXIS | {"range": X_RANGES["medial"], "domain": [0.5, 1], "anchor": "y2"},
        yaxis2=HIDDEN_AXIS | {"range": Y_RANGE, "scaleanchor": "x2", "scaleratio": 1, "anchor": "x2"},
    )
    return responsive({"data": data, "layout": layout}, stacked(2, gap=0.04) | {"height": 2 * HEIGHT - 60})


def _lesson_label(lesson: str) -> str:
    for info in load_course().lessons:
        if info.id == lesson:
            return info.title
    return lesson


class FootMap(KeyboardSafeBox):
    """The region list, the drawing, the chosen region's explanation and its related quiz questions."""

    def __init__(self, clickable: bool = True):
        texts = load_figure_texts().foot_map
        self.title = texts.title
        regions = load_regions().regions
        self.chosen: str | None = None
        # Buttons, not radio buttons: JupyterLab takes the arrow keys that would move between radio buttons.
        self.region_list = W.ToggleButtons(
            options=[(r.name, r.id) for r in regions],
            value=None,
            description="Choose a part of the foot",
            tooltips=[r.hover for r in regions],
            style={"description_width": "initial", "button_width": "auto"},
        )
        self.region_list.add_class(CSS["foot_map_region_list"])
        self.region_list.observe(lambda c: self.choose_region(c["new"]), names="value")
        self.output = FigureView(CSS["foot_map_figure"], HEIGHT, self.title)
        self.explanation = status(CSS["foot_map_explanation"])
        self.related = W.HTML("")
        self.related.add_class(CSS["foot_map_questions"])
        children = [self.region_list, self.output]
        self.bridge = None
        if clickable:
            from .clickbridge import ClickBridge

            self.bridge = ClickBridge(target=CSS["foot_map_figure"], container="." + CSS["foot_map"])
            self.bridge.add_class(CSS["foot_map_click"])
            self.bridge.observe(lambda c: self._clicked(c["new"]), names="clicked")
            children.append(self.bridge)
        super().__init__([*children, self.explanation, self.related, caption(texts.caption, CSS["foot_map_caption"])])
        self.add_class(CSS["foot_map"])
        self.redraw()

    @property
    def figure(self) -> dict:
        return self.output.figure

    def _clicked(self, value: str) -> None:
        rid = value.split("#", 1)[0]  # the bridge sends "<region id>#<click number>"
        if rid in {r.id for r in load_regions().regions}:
            self.choose_region(rid)

    def click(self, region_id: str) -> None:
        """What a click on a region of the drawing does (the bridge calls this path)."""
        self._clicked(f"{region_id}#test")

    def choose_region(self, region_id: str | None) -> None:
        """Show one region (by id), or none; keeps the list, the drawing and the texts in step."""
        if region_id is not None:
            load_regions().region(region_id)  # KeyError for an unknown id
        self.chosen = region_id
        if self.region_list.value != region_id:
            self.region_list.value = region_id  # its observer calls back here once, harmlessly
        self.redraw()

    def redraw(self) -> None:
        self.output.show(figure(self.chosen, self.title))
        if self.chosen is None:
            say(self.explanation, "Choose a part of the foot from the list, or click it in the drawing.")
            self.related.value = ""
            return
        r = load_regions().region(self.chosen)
        side = "outer side" if r.view == "lateral" else "inner side"
        say(self.explanation, f"<b>{html.text(r.name)}</b> ({side} of the foot). {html.text(r.explanation)}")
        questions = related_questions(r.id)
        if questions:
            items = "".join(
                f"<li>{html.text(_lesson_label(lesson))} quiz, question {n}"
                f"{' (true or false?)' if q.type == 'truefalse' else ''}: <i>“{html.text(q.prompt)}”</i></li>"
                for lesson, n, q in questions
            )
            self.related.value = f"<p><b>Quiz questions about this part:</b></p><ul>{items}</ul>"
        else:
            self.related.value = html.paragraph("No quiz question asks about this part yet.")


def foot_map(clickable: bool = True) -> FootMap:
    """The foot map of lesson 03: choose a region from the list or by clicking it in the drawing."""
    return FootMap(clickable)
