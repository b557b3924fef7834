"""The instructor's class results view: a folder of learners' files → chart, tables, skipped files.

Tests drive it from Python: ``v = class_results(folder); v.read()`` (or ``v.read_button.click()``), then
read ``v.result``, ``v.figure`` and the HTML of ``v.completion``, ``v.misconceptions``, ``v.skipped``.
"""

from __future__ import annotations

from html import escape
from pathlib import Path

import ipywidgets as W
import plotly.graph_objects as go
from IPython import get_ipython
from IPython.display import display

from .. import rollup as engine
from ..load import all_banks, load_course
from ..palette import BLUE, CSS, GREY
from . import html
from .keyboard import KeyboardSafeBox
from .controls import button

TOP_MISCONCEPTIONS = 15
_CELL = "style='padding:2px 8px;text-align:left;vertical-align:top'"


def _short(text: str, n: int = 48) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _pt(text: str) -> str:
    """Text for plotly labels: plotly reads a few HTML-like tags, so <, > and & are escaped."""
    return escape(text, quote=False)


def percent_figure(stats: list[engine.QuestionStat]) -> go.Figure:
    """Horizontal bars of first-try percent correct, most-missed question on top; text is escaped."""
    shown = [s for s in stats if s.answered]
    labels = [f"{_pt(s.question)}: {_pt(_short(s.prompt))}" for s in shown]
    hover = [f"<b>{_pt(s.question)}</b><br>{_pt(s.prompt)}<br>Answer: {_pt(s.answer)}<br>"
             f"{s.first_correct} of {s.answered} right on the first try" for s in shown]
    fig = go.Figure(go.Bar(
        x=[s.percent for s in shown], y=labels, orientation="h", marker_color=BLUE,
        text=[f"{s.percent:.0f}% ({s.first_correct}/{s.answered})" for s in shown], textposition="auto",
        hovertext=hover, hoverinfo="text"))
    fig.update_layout(
        title="Right on the first try, per question (most missed at the top)",
        xaxis=dict(title="percent of learners who answered it", range=[0, 100], ticksuffix="%"),
        yaxis=dict(autorange="reversed", automargin=True),
        height=160 + 26 * max(len(shown), 1), margin=dict(l=10, r=10, t=50, b=40),
        font=dict(color="#222222"), plot_bgcolor="white")
    fig.update_xaxes(gridcolor="#DDDDDD")
    return fig


def completion_table(result: engine.Rollup) -> str:
    titles = {l.id: l.title for l in load_course().lessons}
    rows = "".join(
        f"<tr><td {_CELL}>{html.text(titles.get(l.lesson, l.lesson))}</td><td {_CELL}>{l.total}</td>"
        f"<td {_CELL}>{l.started} of {l.learners}</td><td {_CELL}>{l.completed} of {l.learners}</td>"
        f"<td {_CELL}>{'—' if l.first_try_percent is None else f'{l.first_try_percent:.0f}%'}</td></tr>"
        for l in result.lessons)
    return ("<table><caption style='text-align:left'><b>Completion per lesson</b></caption><thead><tr>"
            f"<th scope='col' {_CELL}>Lesson</th><th scope='col' {_CELL}>Questions</th>"
            f"<th scope='col' {_CELL}>Started</th><th scope='col' {_CELL}>Answered every question</th>"
            f"<th scope='col' {_CELL}>Mean first-try score</th></tr></thead><tbody>{rows}</tbody></table>")


def misconceptions_table(result: engine.Rollup, top: int = TOP_MISCONCEPTIONS) -> str:
    items = result.misconceptions[:top]
    if not items:
        return html.paragraph("No wrong first answers to show.")
    rows = "".join(
        f"<tr><td {_CELL}><code>{html.text(m.question)}</code><br>{html.text(m.prompt)}</td>"
        f"<td {_CELL}>{html.text(m.picked)}</td><td {_CELL}>{m.count} of {m.answered}</td>"
        f"<td {_CELL}>{html.text(m.feedback)}</td></tr>" for m in items)
    return (f"<table><caption style='text-align:left'><b>Wrong answers picked most often on the first try "
            f"(top {len(items)})</b></caption><thead><tr><th scope='col' {_CELL}>Question</th>"
            f"<th scope='col' {_CELL}>Wrong answer</th><th scope='col' {_CELL}>Learners</th>"
            f"<th scope='col' {_CELL}>Feedback they saw (the misconception)</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def skipped_list(result: engine.Rollup) -> str:
    parts = []
    if result.skipped:
        parts.append(f"<p style='margin:0.25em 0'><b>Skipped files ({len(result.skipped)})</b></p><ul>" + "".join(
            f"<li><code>{html.text(s.file)}</code>: {html.text(s.reason)}</li>" for s in result.skipped) + "</ul>")
    else:
        parts.append(html.paragraph("No files were skipped."))
    if result.unknown_questions:
        parts.append(html.paragraph(
            "Answers to questions that are no longer in the lessons were left out: "
            + ", ".join(result.unknown_questions)))
    return "".join(parts)


class ClassResults(KeyboardSafeBox):
    """Pick a folder of learners' class-results files and see what the class got right and wrong."""

    def __init__(self, folder: str | Path = "class_results"):
        self.folder = W.Text(value=str(folder), description="Folder with the results files",
                             style={"description_width": "initial"}, layout=W.Layout(width="40em"))
        self.folder.add_class(CSS["rollup_folder"])
        self.read_button = button(description="Read the results", icon="refresh",
                                    tooltip="Read every results file in the folder")
        self.read_button.add_class(CSS["rollup_read"])
        self.read_button.on_click(lambda _: self.read())
        self.status = W.HTML()
        self.status.add_class(CSS["rollup_status"])
        self.chart = W.Output()
        self.chart.add_class(CSS["rollup_chart"])
        self.completion = W.HTML()
        self.completion.add_class(CSS["rollup_completion"])
        self.misconceptions = W.HTML()
        self.misconceptions.add_class(CSS["rollup_misconceptions"])
        self.skipped = W.HTML()
        self.skipped.add_class(CSS["rollup_skipped"])
        self.result: engine.Rollup | None = None
        self.figure: go.Figure | None = None
        super().__init__([W.HBox([self.folder, self.read_button]), self.status, self.completion, self.chart,
                          self.misconceptions, self.skipped])
        self.add_class(CSS["rollup"])

    def read(self) -> engine.Rollup | None:
        """Read the folder and redraw everything; a missing folder gives a message, never an error."""
        folder = Path(self.folder.value.strip() or ".").expanduser()
        try:
            result = engine.rollup_folder(folder, all_banks())
        except FileNotFoundError:
            self._clear()
            self.status.value = html.notice(
                f"There is no folder {folder} (looked in {Path.cwd()}). Make it, put the learners' "
                "class-results files in it, then click Read the results.")
            return None
        self.result = result
        n = len(result.learners)
        self.status.value = html.paragraph(
            f"{n} learner(s) read from {folder}" + (f"; {len(result.skipped)} file(s) skipped (listed below)."
                                                     if result.skipped else "."))
        self.completion.value = completion_table(result)
        self.misconceptions.value = misconceptions_table(result)
        self.skipped.value = skipped_list(result)
        self.figure = percent_figure(result.questions) if n else None
        self._draw()
        return result

    def _draw(self) -> None:
        """Show self.figure in the Output (a plain go.Figure; outside a kernel there is nowhere to draw)."""
        if get_ipython() is None:
            return
        self.chart.clear_output(wait=True)
        if self.figure is not None:
            with self.chart:
                display(self.figure)

    def _clear(self) -> None:
        self.result, self.figure = None, None
        self._draw()
        for w in (self.completion, self.misconceptions, self.skipped):
            w.value = ""


def class_results(folder: str | Path = "class_results", demo: bool = False) -> ClassResults:
    """The class results roll-up for a folder of learners' files (``demo=True``: 30 made-up learners)."""
    if demo:   # one fixed folder, rewritten each time (the same files for the same seed)
        import tempfile

        from ..demo_results import write_demo
        folder = write_demo(Path(tempfile.gettempdir()) / "foot-lessons-class-results-demo")
    view = ClassResults(folder)
    view.read()
    return view
