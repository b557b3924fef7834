"""The progress overview: each lesson's score from the saved file, and a "reset my progress" action."""

from __future__ import annotations

import ipywidgets as W

from .. import scoring
from ..load import load_bank, load_course, load_review, lesson_ids
from ..review import LESSON as REVIEW_LESSON, review_score
from ..palette import CSS
from ..progress import ProgressStore, default_store
from . import html
from .keyboard import KeyboardSafeBox
from .controls import button


class ProgressOverview(KeyboardSafeBox):
    """A table of lessons with first-try scores; reset asks for confirmation and keeps a backup."""

    def __init__(self, store: ProgressStore | None = None):
        self.store = store or default_store()
        self.table = W.HTML()
        self.notice = W.HTML()
        self.notice.add_class(CSS["notice"])
        self.reset_button = button(description="Reset my progress", icon="trash",
                                     tooltip="Erase your saved answers (a backup copy is kept)")
        self.reset_button.add_class(CSS["reset"])
        self.confirm_button = button(description="Yes, erase my answers", button_style="danger",
                                       tooltip="Confirm: erase your saved answers")
        self.cancel_button = button(description="Cancel", tooltip="Keep your answers")
        self.confirm_box = W.HBox([W.HTML("Are you sure?"), self.confirm_button, self.cancel_button],
                                  layout=W.Layout(display="none"))
        self.reset_button.on_click(lambda _: self.ask_reset())
        self.confirm_button.on_click(lambda _: self.confirm_reset())
        self.cancel_button.on_click(lambda _: self._hide_confirm())
        super().__init__([self.notice, self.table, self.reset_button, self.confirm_box])
        self.add_class(CSS["progress"])
        self.refresh()

    def scores(self) -> list[scoring.LessonScore]:
        attempts = self.store.load()["attempts"]
        banks = set(lesson_ids())
        out = []
        for lesson in load_course().lessons:
            if lesson.id == REVIEW_LESSON:          # has a bank too, but also counts lesson questions it brought back
                out.append(review_score(load_review().questions, attempts))
            elif lesson.id in banks:
                bank = load_bank(lesson.id)
                out.append(scoring.lesson_score(lesson.id, bank.full_ids(), attempts))
        return out

    def refresh(self) -> None:
        titles = {l.id: l.title for l in load_course().lessons}
        rows = "".join(
            f"<tr><td style='padding:2px 8px'>{html.text(titles[s.lesson])}</td>"
            f"<td style='padding:2px 8px'>{s.answered}/{s.total}</td>"
            f"<td style='padding:2px 8px'>{s.first_try}</td>"
            f"<td style='padding:2px 8px'>{s.now_correct}</td></tr>" for s in self.scores())
        self.table.value = (
            "<table><caption style='text-align:left'>Your progress (saved on this computer)</caption>"
            "<thead><tr><th scope='col'>Lesson</th><th scope='col'>Answered</th>"
            "<th scope='col'>Score (first try)</th><th scope='col'>Now correct</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>"
            f"<p style='margin:0.25em 0'>Saved in: <code>{html.text(str(self.store.path))}</code></p>")
        notes = self.store.pop_notices()
        if notes:
            self.notice.value = "".join(html.notice(n) for n in notes)

    def ask_reset(self) -> None:
        self.confirm_box.layout.display = "flex"

    def _hide_confirm(self) -> None:
        self.confirm_box.layout.display = "none"

    def confirm_reset(self) -> None:
        self.store.reset()
        self._hide_confirm()
        self.refresh()
        self.notice.value = html.notice("Your progress was reset. A backup copy of the old file was kept.")


def progress_overview(store: ProgressStore | None = None) -> ProgressOverview:
    """Scores of every lesson, read from the saved progress file."""
    return ProgressOverview(store)
