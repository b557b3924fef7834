"""The class-results page's "Did the class learn it?" section: per goal, the class's before and after over the
learners who did both checks (mean and spread), Hake's class gain, how many moved up a mastery band; a chart of
before/after per goal with its text alternative; a CSV of the per-learner, per-goal table. No class figure for
fewer than MIN_SHOWN learners. The figures are classroom/goals.py's; this only shows them.

Tests: ``s = ClassGoalsSection(); s.update(graded, duplicates)``; read ``s.result``, ``s.table.value``,
``s.figure``, ``s.csv`` and ``s.download.value``.
"""

from __future__ import annotations

from collections.abc import Iterable

import ipywidgets as W

from ..classroom import goals as engine
from ..classroom.export import data_uri
from ..classroom.rollup import Duplicate, HandedIn
from ..content.load import check_questions, goal_questions, load_course
from . import html
from .figure import FigureView, axis, base_layout, responsive
from .palette import BLUE, CSS, ORANGE

LABELS: dict[str, str] = {
    "heading": "Did the class learn it? Before and after, per goal",
    "intro": (
        "Each learner answers two short checks: “What do you know already?” at the start of the course and “What "
        "do you know now?” at the end of lesson 5, two questions per goal in each, different questions in the two. "
        "Only learners who did both checks count here. The class gain ⟨g⟩ is (after mean − before mean) ÷ "
        "(100 − before mean), from the class means (Hake's normalised gain): 0 means nothing gained, 1 means "
        "everything there was to gain. A band is the mastery band of the README: “before” from the first check "
        "alone, “now” from every first try in the lessons, the review and the last check. No figure is shown for "
        "fewer than {min} learners."
    ),
    "caption": "Before and after per goal: learners who did both checks, class mean % right (± spread)",
    "too_few": "too few to say ({n})",
    "mean": "{mean:.0f}% ± {spread:.0f}",
    "no_gain": "—",
    "done": "Did the first check: {before}. Did the last check: {after}.",
    "chart": "Before and after per goal: mean % right in the checks (learners who did both)",
    "y_title": "Class mean, % right",
    "before": "Before",
    "after": "After",
    "alt_goal": "{goal}: before {before:.0f}%, after {after:.0f}% ({n} learners, class gain {gain}).",
    "no_chart": "No chart yet: fewer than {min} learners did both checks for any goal.",
    "csv": "Download the per-learner, per-goal table (CSV)",
    "csv_name": "class-goals.csv",
}

CHART_TOP, CHART_ROW = 150, 70  # the chart's height: title, legend and axis, then one row per goal
COLUMNS = (
    "Goal",
    "Learners",
    "Before",
    "After",
    "Gain ⟨g⟩",
    "Moved up a band",
)


def _gain(row: engine.GoalRow) -> str:
    g = row.gain.gain if row.gain else None
    return LABELS["no_gain"] if g is None else f"{g:.2f}"


def goals_table(result: engine.ClassGoals) -> str:
    shorts = {g.id: g.short for g in load_course().goals}
    rows = []
    for r in result.goals:
        if r.enough and r.gain is not None:
            g = r.gain
            rows.append(
                (
                    shorts[r.goal],
                    g.learners,
                    LABELS["mean"].format(mean=g.pre_mean, spread=g.pre_spread),
                    LABELS["mean"].format(mean=g.post_mean, spread=g.post_spread),
                    _gain(r),
                    f"{r.moved_up} of {g.learners}",
                )
            )
        else:
            few = LABELS["too_few"].format(n=r.matched)
            rows.append((shorts[r.goal], r.matched, few, few, LABELS["no_gain"], LABELS["no_gain"]))
    first = result.goals[0] if result.goals else None
    done = html.paragraph(LABELS["done"].format(before=first.before_done, after=first.after_done)) if first else ""
    return html.table(LABELS["caption"], COLUMNS, rows) + done


def goals_figure(result: engine.ClassGoals) -> dict | None:
    """Grouped bars, before and after per goal (mean, with the spread as error bars); None below MIN_SHOWN."""
    shorts = {g.id: g.short for g in load_course().goals}
    shown = [r for r in result.goals if r.enough and r.gain is not None]
    if not shown:
        return None
    names = [shorts[r.goal] for r in shown]

    def bars(label: str, colour: str, means: list[float], spreads: list[float]) -> dict:
        return {
            "type": "bar",
            "orientation": "h",
            "name": label,
            "y": names,
            "x": means,
            "marker": {"color": colour},
            "text": [f"{m:.0f}%" for m in means],
            "textposition": "outside",
            "cliponaxis": False,
            "hovertext": [
                f"{label}: {m:.0f}% (± {s:.0f}), {r.matched} learners"
                for m, s, r in zip(means, spreads, shown, strict=True)
            ],
            "hoverinfo": "text",
        }

    gains = [r.gain for r in shown if r.gain is not None]
    data = [
        bars(LABELS["before"], BLUE, [g.pre_mean for g in gains], [g.pre_spread for g in gains]),
        bars(LABELS["after"], ORANGE, [g.post_mean for g in gains], [g.post_spread for g in gains]),
    ]
    height = CHART_TOP + CHART_ROW * len(shown)
    layout = base_layout(
        LABELS["chart"],
        height,
        barmode="group",
        showlegend=True,
        legend={"orientation": "h", "x": 0, "y": 1.02, "yanchor": "bottom", "traceorder": "normal"},
        margin={"l": 10, "r": 40, "t": 80, "b": 50},
        xaxis=axis(LABELS["y_title"], range=[0, 112], tickvals=[0, 25, 50, 75, 100], ticksuffix="%"),
        yaxis=axis(autorange="reversed", automargin=True, showgrid=False, ticks=""),
    )
    narrow = {"title": {"text": LABELS["before"] + " and " + LABELS["after"].lower() + ", per goal"}}
    return responsive({"data": data, "layout": layout}, narrow)


def figure_text(result: engine.ClassGoals) -> str:
    """The chart in words (its text alternative)."""
    shorts = {g.id: g.short for g in load_course().goals}
    lines = [
        LABELS["alt_goal"].format(
            goal=shorts[r.goal], before=r.gain.pre_mean, after=r.gain.post_mean, n=r.gain.learners, gain=_gain(r)
        )
        for r in result.goals
        if r.enough and r.gain is not None
    ]
    return LABELS["chart"] + ". " + " ".join(lines)


class ClassGoalsSection(W.VBox):
    """The section of the class-results page (inside its view root, so not a root itself); `update` redraws it from
    the regraded files."""

    def __init__(self) -> None:
        self.result: engine.ClassGoals | None = None
        self.figure: dict | None = None
        self.csv = ""
        self.table = W.HTML()
        self.table.add_class(CSS["class_goals_table"])
        self.note = W.HTML()
        self.chart = FigureView(CSS["class_goals_chart"], CHART_TOP + CHART_ROW * 5, LABELS["chart"])
        self.alt = W.HTML()
        self.download = W.HTML()
        heading = W.HTML(
            f"<h3>{html.text(LABELS['heading'])}</h3>" + html.paragraph(LABELS["intro"].format(min=engine.MIN_SHOWN))
        )
        super().__init__([heading, self.table, self.note, self.chart, self.alt, self.download])
        self.add_class(CSS["class_goals"])
        self.layout.display = "none"

    def update(self, graded: Iterable[HandedIn], duplicates: Iterable[Duplicate]) -> engine.ClassGoals:
        goals = [g.id for g in load_course().goals]
        check_goals = {q: v[1].goal for q, v in check_questions().items()}
        files = engine.counted(graded, duplicates)
        self.result = engine.class_goals(files, goals, goal_questions(), check_goals)
        self.table.value = goals_table(self.result)
        self.figure = goals_figure(self.result)
        if self.figure is None:
            self.chart.clear()
            self.chart.layout.display = "none"
            self.note.value = html.paragraph(LABELS["no_chart"].format(min=engine.MIN_SHOWN))
            self.alt.value = ""
        else:
            self.chart.layout.display = None
            text = figure_text(self.result)
            self.chart.show(self.figure, text)
            self.note.value = ""
            self.alt.value = (
                f'<details class="lesson-info"><summary>The chart in words</summary>{html.paragraph(text)}</details>'
            )
        self.csv = engine.csv_text(self.result)
        href = data_uri(self.csv.encode("utf-8"), "text/csv")
        self.download.value = (
            f'<a class="{CSS["backup_link"]}" href="{html.text(href)}" download="{LABELS["csv_name"]}">'
            f"{html.text(LABELS['csv'])}</a>"
        )
        self.layout.display = None
        return self.result

    def clear(self) -> None:
        self.result, self.figure, self.csv = None, None, ""
        self.chart.clear()
        for w in (self.table, self.note, self.alt, self.download):
            w.value = ""
        self.layout.display = "none"
