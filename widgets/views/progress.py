"""The progress overview: each lesson's score from the saved file, and a "reset my progress" action.

The table stays current by itself: answers are saved by the other lessons' kernels (other processes), so a small
page-side helper (``Refresher``, static/refresh.js) asks this kernel to read the file again whenever the table
comes into view, the window gets the focus back, and every few seconds while it is on screen. Chosen over a
"Refresh" button (a learner coming back from a lesson would have to know to press it) and over a kernel-side
timer (it would read the file even with nobody looking, and widget updates from a thread are not safe).
"""

from __future__ import annotations

import anywidget
import ipywidgets as W
import traitlets

from ..content.load import lesson_ids, load_bank, load_course, load_start_texts
from ..engine import scoring
from ..engine.review import LESSON as REVIEW_LESSON
from ..store.progress import ProgressStore, ProgressUnavailable
from . import html
from .controls import button
from .keyboard import KeyboardSafeBox
from .learner_store import default_store
from .palette import CSS, STATIC
from .review import review_score
from .store_notice import StoreNotice, where_fold


def lesson_scores(store: ProgressStore) -> list[scoring.LessonScore]:
    """Each lesson's score from the store's per-question summary (as fast with 10 answers as 100,000); lessons with
    no quiz are left out. The progress overview shows these, and so does the course tab's header (jupyter/course.py)."""
    banks = set(lesson_ids())
    ids = {l.id: load_bank(l.id).full_ids() for l in load_course().lessons if l.id in banks}
    status = store.question_status([q for qs in ids.values() for q in qs])
    out = []
    for lesson in load_course().lessons:
        if lesson.id == REVIEW_LESSON:  # has a bank too, but also counts lesson questions it brought back
            out.append(review_score(store))
        elif lesson.id in banks:
            out.append(scoring.score_from_status(lesson.id, ids[lesson.id], status))
    return out


def saved_scores(store: ProgressStore | None = None) -> dict[str, scoring.LessonScore]:
    """``lesson_scores`` by lesson id, from the learner's own store by default (read only, waiting at most a second
    for a lock: the Jupyter server asks, not a kernel); empty when the store cannot be read (the lessons say why)."""
    try:
        return {s.lesson: s for s in lesson_scores(store or ProgressStore(busy_timeout=1.0))}
    except ProgressUnavailable:
        return {}


class Refresher(anywidget.AnyWidget):
    """Invisible: sends a message when the table it sits in should be read again (see the module text)."""

    _esm = STATIC / "refresh.js"
    every = traitlets.Float(5.0, help="seconds between two reads while the table is on screen").tag(sync=True)


class ProgressOverview(KeyboardSafeBox):
    """A table of lessons with first-try scores; reset asks for confirmation and keeps a backup."""

    def __init__(self, store: ProgressStore | None = None):
        self.store = store or default_store()
        self.table = W.HTML()
        self.notice = StoreNotice(self.store)
        self.reset_button = button(
            description="Reset my progress", icon="trash", tooltip="Erase your saved answers (a backup copy is kept)"
        )
        self.reset_button.add_class(CSS["reset"])
        self.confirm_button = button(
            description="Yes, erase my answers", button_style="danger", tooltip="Confirm: erase your saved answers"
        )
        self.cancel_button = button(description="Cancel", tooltip="Keep your answers")
        self.confirm_box = W.HBox(
            [W.HTML("Are you sure?"), self.confirm_button, self.cancel_button], layout=W.Layout(display="none")
        )
        self.reset_button.on_click(lambda _: self.ask_reset())
        self.confirm_button.on_click(lambda _: self.confirm_reset())
        self.cancel_button.on_click(lambda _: self._hide_confirm())
        self.refresher = Refresher()
        self.refresher.on_msg(lambda *_: self.refresh())  # an unchanged table sends nothing to the page
        super().__init__([self.notice, self.table, self.reset_button, self.confirm_box, self.refresher])
        self.add_class(CSS["progress_overview"])
        self.refresh()
        self.store.subscribe(self._changed)  # a Check in any quiz updates the table

    def _changed(self) -> None:
        if self.comm is not None:  # a closed view is not redrawn
            self.refresh()

    def scores(self) -> list[scoring.LessonScore]:
        """Each lesson's score from the store's per-question summary (as fast with 10 answers as 100,000)."""
        return lesson_scores(self.store)

    def refresh(self) -> None:
        words = load_start_texts().progress
        lessons = load_course().lessons[1:]  # the course map starts with the start page, which has no score
        names = {l.id: words.row.format(n=n, total=len(lessons), title=l.title) for n, l in enumerate(lessons, start=1)}
        rows = [(names[s.lesson], f"{s.answered}/{s.total}", s.first_try, s.now_correct) for s in self.scores()]
        self.table.value = html.table(words.caption, words.headers, rows) + where_fold(self.store)
        self.notice.refresh()

    def ask_reset(self) -> None:
        self.confirm_box.layout.display = "flex"

    def _hide_confirm(self) -> None:
        self.confirm_box.layout.display = "none"

    def confirm_reset(self) -> None:
        if self.confirm_box.layout.display == "none":  # a second click of the same confirmation
            return
        self._hide_confirm()  # a second click finds nothing to confirm
        try:
            self.store.reset()  # tells where the backup is
        except ProgressUnavailable as e:
            self.notice.say(f"Your progress was not reset: {e}. Nothing was erased.")
        else:
            self.notice.say("Your progress was reset.")
        self.refresh()


def progress_overview(store: ProgressStore | None = None) -> ProgressOverview:
    """Scores of every lesson, read from the saved progress file."""
    return ProgressOverview(store)
