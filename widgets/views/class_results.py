"""The instructor's class results view: a folder of learners' files → chart, tables, files to check.

Tests drive it from Python: ``v = class_results(folder); v.read()`` (or ``v.read_button.click()``), then
read ``v.result``, ``v.figure`` (a plotly figure as a dict, drawn by views/figure.py) and the HTML of
``v.completion``, ``v.misconceptions``, ``v.item_stats`` (per-question statistics), ``v.checks``,
``v.skipped``; files that share a learner code are picked with ``v.pick(code, file)`` (or the radio buttons in
``v.pickers``).
"""

from __future__ import annotations

import atexit
import shutil
from html import escape
from pathlib import Path

import ipywidgets as W

from ..classroom import handin
from ..classroom import rollup as engine
from ..content.load import all_banks, load_course, load_review
from . import html
from .class_goals import ClassGoalsSection
from .controls import button
from .figure import FigureView, axis, base_layout, responsive
from .keyboard import KeyboardSafeBox
from .palette import BLUE, CSS
from .question_stats import question_stats_html

TOP_MISCONCEPTIONS = 15
CARD = "lesson-card"
CHART_ALT = "Right on the first try, per question (most missed at the top)"
X_TITLE = "right on the first try (% of the learners who answered)"
PERCENT_TICKS = [0, 25, 50, 75, 100]
NO_ANSWERS = (
    "No chart yet: the files counted hold no quiz answers. When learners have answered some quiz questions "
    "and handed in new files, click the button again."
)


def _short(text: str, n: int = 48) -> str:
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def _name(text: str) -> str:
    """A file name, a learner's name or a reason that may quote one, as safe HTML (engine.shown_name, escaped)."""
    return html.text(engine.shown_name(text))


def _pt(text: str) -> str:
    """Text for plotly labels: plotly reads a few HTML-like tags, so <, > and & are escaped."""
    return escape(text, quote=False)


def lesson_charts(stats: list[engine.QuestionStat]) -> dict[str, dict]:
    """One chart per lesson (in course order) that has answered questions: a lesson's 9 to 15 questions fit one
    screen, where the whole course's ~50 made one tall figure. Empty when nobody answered anything."""
    titles = {l.id: l.title for l in load_course().lessons}
    order = {lesson: n for n, lesson in enumerate(titles)}
    lessons = sorted({s.lesson for s in stats if s.answered}, key=lambda l: (order.get(l, len(order)), l))
    return {
        lesson: percent_figure([s for s in stats if s.lesson == lesson], titles.get(lesson, lesson))
        for lesson in lessons
    }


def percent_figure(stats: list[engine.QuestionStat], lesson_title: str = "") -> dict:
    """Horizontal bars of first-try percent correct, most-missed question on top; text is escaped."""
    shown = [s for s in stats if s.answered]
    labels = [f"{_pt(s.question)}: {_pt(_short(s.prompt))}" for s in shown]
    hover = [
        f"<b>{_pt(s.question)}</b><br>{_pt(s.prompt)}<br>Answer: {_pt(s.answer)}<br>"
        f"{s.first_correct} of {s.answered} right on the first try"
        for s in shown
    ]
    bar = {
        "type": "bar",
        "orientation": "h",
        "x": [s.percent for s in shown],
        "y": labels,
        "marker": {"color": BLUE},
        "text": [f"{s.percent:.0f}% ({s.first_correct}/{s.answered})" for s in shown],
        "textposition": "auto",
        "hovertext": hover,
        "hoverinfo": "text",
    }
    layout = base_layout(
        f"{lesson_title} – {CHART_ALT[0].lower()}{CHART_ALT[1:]}" if lesson_title else CHART_ALT,
        chart_height(len(shown)),
        margin={"l": 10, "r": 30, "t": 50, "b": 50},
        # a little past 100 so the 100 % tick and its grid line are drawn, not clipped at the frame
        xaxis=axis(X_TITLE, range=[0, 102], tickvals=PERCENT_TICKS, ticksuffix="%"),
        yaxis=axis(autorange="reversed", automargin=True, showgrid=False, ticks=""),
    )
    # narrow outputs: the question ids alone beside the bars (the full prompt stays in the hover text)
    short = {
        "yaxis": {"tickmode": "array", "tickvals": labels, "ticktext": [_pt(s.question) for s in shown]},
        "xaxis": {"title": {"text": "% right first try"}},
        "title": {"text": lesson_title or CHART_ALT.split(",")[0]},  # the full title is cut at ~370 px
    }
    return responsive({"data": [bar], "layout": layout}, short)


def chart_height(bars: int) -> int:
    return 160 + 26 * max(bars, 1)


def completion_table(result: engine.Rollup) -> str:
    titles = {l.id: l.title for l in load_course().lessons}
    rows = [
        (
            titles.get(l.lesson, l.lesson),
            l.total,
            f"{l.started} of {l.learners}",
            f"{l.completed} of {l.learners}",
            "—" if l.first_try_percent is None else f"{l.first_try_percent:.0f}%",
        )
        for l in result.lessons
    ]
    return html.table(
        "Completion per lesson",
        ("Lesson", "Questions", "Started", "Answered every question", "Mean first-try score"),
        rows,
    )


def misconceptions_table(result: engine.Rollup, top: int = TOP_MISCONCEPTIONS) -> str:
    items = result.misconceptions[:top]
    if not items:
        return html.paragraph("No wrong first answers to show.")
    rows = [
        (
            html.Safe(f"<code>{html.text(m.question)}</code><br>{html.text(m.prompt)}"),
            m.picked,
            f"{m.count} of {m.answered}",
            m.feedback,
        )
        for m in items
    ]
    return html.table(
        f"Wrong answers picked most often on the first try (top {len(items)})",
        ("Question", "Wrong answer", "Learners", "Feedback they saw (the misconception)"),
        rows,
    )


def skipped_list(result: engine.Rollup) -> str:
    parts = []
    if result.skipped:
        parts.append(
            f"<p><b>Skipped files ({len(result.skipped)})</b></p><ul>"
            + "".join(f"<li><code>{_name(s.file)}</code>: {_name(s.reason)}</li>" for s in result.skipped)
            + "</ul>"
        )
    else:
        parts.append(html.paragraph("No files were skipped."))
    if result.unknown_questions:
        parts.append(
            html.paragraph(
                "Answers to questions that are no longer in the lessons were left out: "
                + ", ".join(result.unknown_questions)
            )
        )
    return "".join(parts)


def file_table(files: tuple[engine.HandedIn, ...] | list[engine.HandedIn], caption: str) -> str:
    """Files side by side: name, time made, answers that count, first-try score, what does not add up."""
    rows = [
        (
            html.Safe(f"<code>{_name(h.file)}</code>"),
            engine.shown_name(h.name),
            h.exported,
            h.answered,
            h.first_try,
            html.Safe(html.bullet_list(list(h.flags))) if h.flags else "—",
        )
        for h in files
    ]
    return html.table(caption, ("File", "Name", "Made", "Answers", "Right first try", "Does not add up"), rows)


def checks_list(result: engine.Rollup) -> str:
    """Files whose claims disagree with their answers, and answers to older versions of questions."""
    parts = []
    if result.flagged:
        parts.append(
            file_table(
                result.flagged,
                f"Files whose scores or dates do not match their answers "
                f"({len(result.flagged)}); the answers were regraded",
            )
        )
    older = [s for s in result.questions if s.older]
    if older:
        parts.append(
            html.paragraph("Answers to an older version of these questions are not counted:")
            + html.bullet_list([f"{s.question}: {s.older} learner(s)" for s in older])
        )
    return "".join(parts)


def _card(children: list[W.Widget]) -> W.VBox:
    box = W.VBox(children)
    box.add_class(CARD)
    return box


class ClassResults(KeyboardSafeBox):
    """Pick a folder of learners' class-results files, or read the class drop box on a hub, and see what the
    class got right and wrong. The read button reads again during class without re-running the notebook."""

    def __init__(self, folder: str | Path = "class_results", dropbox: Path | None = None):
        self.dropbox = dropbox
        self.folder = W.Text(
            value=str(dropbox or folder),
            disabled=dropbox is not None,
            description="Class drop box" if dropbox else "Folder with the results files",
            style={"description_width": "initial"},
            layout=W.Layout(width="40em"),
        )
        self.folder.add_class(CSS["class_results_folder"])
        self.read_button = button(
            description="Read the hand-ins again" if dropbox else "Read the results",
            icon="refresh",
            tooltip="Read every results file again",
            button_style="primary",  # the page's main action, as the quiz's Check
        )
        self.read_button.add_class(CSS["class_results_read"])
        self.read_button.on_click(lambda _: self.read())
        self.status = W.HTML()
        self.status.add_class(CSS["class_results_status"])
        self.duplicates = W.VBox()
        self.lesson_picker = W.Dropdown(
            description="Chart of lesson", style={"description_width": "initial"}, layout=W.Layout(width="max-content")
        )
        self._quiet = False
        self.lesson_picker.observe(self._picked, names="value")
        self.chart_note = W.HTML()
        self.charts: dict[str, dict] = {}  # lesson id → its chart
        self.chart = FigureView(CSS["class_results_chart"], chart_height(0), CHART_ALT)
        self.completion = W.HTML()
        self.completion.add_class(CSS["class_results_completion"])
        self.misconceptions = W.HTML()
        self.misconceptions.add_class(CSS["class_results_misconceptions"])
        self.item_stats = W.HTML()  # per-question statistics (views/question_stats.py)
        self.item_stats.add_class(CSS["class_results_items"])
        self.checks = W.HTML()
        self.goals = ClassGoalsSection()  # issue 28: before/after per goal (views/class_goals.py)
        self.skipped = W.HTML()
        self.skipped.add_class(CSS["class_results_skipped"])
        self.result: engine.Rollup | None = None
        self.figure: dict | None = None
        self.pickers: dict[str, W.RadioButtons] = {}  # learner code → which of its files counts
        self._graded: list[engine.HandedIn] = []
        self._skipped: list[engine.Skipped] = []
        self.checks.add_class(CSS["class_results_checks"])
        self.chart_card = W.VBox([self.lesson_picker, self.chart_note, self.chart])
        # the lessons' card (lessons.css .lesson-card: edge, corners, padding, spacing) around each part of the page
        self.cards = [
            W.VBox([W.HBox([self.folder, self.read_button]), self.status]),
            self.completion,
            self.chart_card,
            self.misconceptions,
            self.goals,
            self.item_stats,
            self.checks,
            self.skipped,
        ]
        for card in self.cards:
            card.add_class(CARD)
        super().__init__([self.cards[0], self.duplicates, *self.cards[1:]])
        self.add_class(CSS["class_results"])
        self._hide_empty()

    def read(self) -> engine.Rollup | None:
        """Read the folder (or the drop box) and redraw everything; a missing folder gives a message, never an error."""
        if self.dropbox is not None:
            try:
                files, skipped = handin.dropbox_files(self.dropbox)
            except OSError as e:
                self._clear()
                self.status.value = html.notice(
                    f"The class drop box {self.dropbox} cannot be read "
                    f"({e.strerror or e}). Ask your hub admin to check it."
                )
                return None
            self._graded, more = engine.grade_files(files, all_banks(), load_review().questions)
            self._skipped = skipped + more
            self._make_pickers()
            return self._show(self.dropbox)
        folder = Path(self.folder.value.strip() or ".").expanduser()
        try:
            files, skipped = engine.read_folder(folder)
        except (FileNotFoundError, NotADirectoryError, PermissionError):
            self._clear()
            self.status.value = html.notice(
                f"There is no folder {folder} (looked in {Path.cwd()}), or it cannot be opened. Make it, put the "
                "learners' class-results files in it, then click Read the results."
            )
            return None
        self._graded, more = engine.grade_files(files, all_banks(), load_review().questions)
        self._skipped = skipped + more
        self._make_pickers()
        return self._show(folder)

    def pick(self, learner: str, file: str | None) -> engine.Rollup | None:
        """Count `file` for the learner code shared by several files (None: count none of them)."""
        self.pickers[learner].value = file
        return self.result

    def _make_pickers(self) -> None:
        groups: dict[str, list[engine.HandedIn]] = {}
        for h in self._graded:
            groups.setdefault(h.learner, []).append(h)
        before = {code: p.value for code, p in self.pickers.items()}  # a pick survives reading again
        self.pickers, boxes = {}, []
        for code, files in groups.items():
            if len(files) < 2:
                continue
            names = [h.file for h in files]
            picker = W.RadioButtons(
                options=[(f"count {engine.shown_name(n)}", n) for n in names] + [("count none", None)],
                value=before.get(code) if before.get(code) in names else None,
                layout=W.Layout(width="auto"),
            )
            picker.observe(lambda _: self._show(), names="value")
            self.pickers[code] = picker
            boxes.append(
                _card(
                    [
                        W.HTML(
                            file_table(
                                files, f"These {len(files)} files share the learner code {code}. Pick the one to count:"
                            )
                        ),
                        picker,
                    ]
                )
            )
        self.duplicates.children = boxes

    def _show(self, folder: Path | None = None) -> engine.Rollup:
        picks = {code: p.value for code, p in self.pickers.items()}
        result = engine.combine(self._graded, all_banks(), load_review().questions, self._skipped, picks)
        self.result = result
        n = len(result.learners)
        waiting = sum(d.picked is None for d in result.duplicates)
        folder = folder or Path(self.folder.value.strip() or ".").expanduser()
        self.status.value = html.paragraph(
            f"{n} learner(s) counted from {folder}"
            + (f"; {len(result.skipped)} file(s) skipped (listed below)" if result.skipped else "")
            + (f"; {len(result.flagged)} file(s) do not add up (listed below)" if result.flagged else "")
            + (f"; {waiting} learner code(s) are in more than one file: pick the file to count" if waiting else "")
            + "."
        )
        self.completion.value = completion_table(result)
        self.misconceptions.value = misconceptions_table(result)
        self.item_stats.value = question_stats_html(result)
        self.checks.value = checks_list(result)
        self.skipped.value = skipped_list(result)
        self.goals.update(self._graded, result.duplicates)
        self.charts = lesson_charts(result.questions) if n else {}
        titles = {l.id: l.title for l in load_course().lessons}
        keep = self.lesson_picker.value
        self._quiet = True  # one drawing below, not one per change of the picker
        try:
            self.lesson_picker.options = [(titles.get(l, l), l) for l in self.charts]
            self.lesson_picker.value = keep if keep in self.charts else next(iter(self.charts), None)
        finally:
            self._quiet = False
        self._draw()
        return result

    def _hide_empty(self) -> None:
        """No empty card: a part with nothing to show yet (before reading, or with no folder) is not drawn."""
        for part in (self.completion, self.misconceptions, self.item_stats, self.checks, self.skipped):
            part.layout.display = None if part.value else "none"
        self.chart_card.layout.display = None if self.figure is not None or self.chart_note.value else "none"

    def _picked(self, _change) -> None:
        if not self._quiet:
            self._draw()

    def _draw(self) -> None:
        """Show the picked lesson's chart; with no answers at all a plain sentence instead of an empty chart."""
        self.figure = self.charts.get(self.lesson_picker.value) if self.charts else None
        self.lesson_picker.layout.display = None if len(self.charts) > 1 else "none"
        self.chart_note.value = html.paragraph(NO_ANSWERS) if self.result is not None and not self.charts else ""
        if self.figure is None:
            self.chart.clear()
            self.chart.layout.display = "none"  # no empty frame where the chart would be
        else:
            self.chart.layout.display = None
            self.chart.show(self.figure)
        self._hide_empty()

    def _clear(self) -> None:
        self.result, self.figure, self._graded, self._skipped, self.pickers = None, None, [], [], {}
        self.charts = {}
        self.duplicates.children = ()
        self.goals.clear()
        self._draw()
        for w in (self.completion, self.misconceptions, self.item_stats, self.checks, self.skipped):
            w.value = ""
        self._hide_empty()


def class_results(folder: str | Path | None = None, demo: bool = False) -> ClassResults:
    """The class results roll-up: on a hub with a drop box (FOOT_LESSONS_DROPBOX) the hand-ins, else a folder of
    learners' files (default ``class_results``); ``demo=True``: 30 made-up learners in a new private temporary
    folder, removed when the kernel stops."""
    if demo:
        from ..classroom.demo_results import write_demo

        folder = write_demo()
        atexit.register(shutil.rmtree, folder, True)
    box = handin.dropbox_root() if folder is None else None
    view = ClassResults(folder or "class_results", dropbox=box)
    view.read()
    return view
