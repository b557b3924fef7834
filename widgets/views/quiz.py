"""The quiz widget: one card per question (input, Check button, feedback) and a score line.

Tests drive it from Python: ``q = Quiz(bank); q.cards[0].choose("b"); q.cards[0].check()``.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

import ipywidgets as W

from .. import grading, scoring
from ..content_hash import question_hash
from ..model import MultipleSelect, Numeric, Ordering, QuestionBank, SingleChoice, TrueFalse
from ..palette import CSS
from ..progress import ProgressStore, default_store
from ..shuffle import scrambled_items, shuffled_options
from . import html
from .keyboard import KeyboardSafeBox
from .controls import button
from .store_notice import StoreNotice

_TYPE_HINT = {
    SingleChoice: "Choose one answer.",
    TrueFalse: "True or false?",
    MultipleSelect: "Tick every answer that is right.",
    Numeric: "Type a number.",
    Ordering: "Put the steps in order: pick a step for each place.",
}


class QuestionCard(W.VBox):
    """One question: prompt, an input that fits its type, a Check button and the feedback."""

    def __init__(self, bank: QuestionBank, question, number: int, seed: str,
                 on_check: Callable[["QuestionCard", grading.Result], None],
                 total: int | None = None, full_id: str | None = None, note: str = ""):
        self.bank, self.question, self.number = bank, question, number
        self.full_id = full_id or bank.full_id(question)     # the id attempts are saved under
        self.hash = question_hash(question)                  # the version of the question they answer
        total = total or len(bank.questions)
        note = f' <i>({html.text(note)})</i>' if note else ""
        self._on_check = on_check
        self.attempts = 0
        self.prompt = W.HTML(
            f'<p style="margin:0.5em 0 0.25em 0"><b>Question {number} of {total}.</b>{note} '
            f'{html.text(question.prompt)}</p>'
            f'<p style="margin:0 0 0.25em 0"><i>{html.text(_TYPE_HINT[type(question)])}</i></p>')
        self.input, self._read = self._build_input(question, seed)
        self.check_button = button(description="Check", icon="check", button_style="",
                                     tooltip=f"Check your answer to question {number}")
        self.check_button.add_class(CSS["check"])
        self.check_button.on_click(lambda _: self.check())
        self.feedback = W.HTML("", layout=W.Layout(min_height="1.5em"))
        self.feedback.add_class(CSS["feedback"])
        super().__init__([self.prompt, self.input, self.check_button, self.feedback],
                         layout=W.Layout(border="1px solid #999", padding="0.5em", margin="0.5em 0"))
        self.add_class(CSS["question"])

    # -- inputs ----------------------------------------------------------------------------------
    def _build_input(self, q, seed: str) -> tuple[W.Widget, Callable[[], Any]]:
        label = f"Answer {self.number}"
        if isinstance(q, (SingleChoice, TrueFalse)):
            opts = ([(o.text, o.id) for o in shuffled_options(q, seed)] if isinstance(q, SingleChoice)
                    else [("True", "true"), ("False", "false")])
            w = W.RadioButtons(options=opts, value=None, description=label, tooltip=q.prompt,
                               layout=W.Layout(width="auto"), style={"description_width": "initial"})
            return w, lambda: w.value
        if isinstance(q, MultipleSelect):
            opts = shuffled_options(q, seed)
            boxes = [W.Checkbox(value=False, description=o.text, indent=False, layout=W.Layout(width="auto"),
                                tooltip=o.text) for o in opts]
            self._box_ids = [o.id for o in opts]
            w = W.VBox(boxes)
            # ids in the bank's order, whatever order the boxes are shown in
            return w, lambda: [o.id for o in q.options if o.id in {i for i, b in zip(self._box_ids, boxes) if b.value}]
        if isinstance(q, Numeric):
            t = W.Text(value="", description=f"{label} ({q.unit})", placeholder="a number",
                       style={"description_width": "initial"}, continuous_update=False)
            return t, lambda: t.value
        if isinstance(q, Ordering):
            start = scrambled_items(q, seed)
            choices = [("— choose —", None)] + [(i.text, i.id) for i in start]
            drops = [W.Dropdown(options=choices, index=0, description=f"Place {n + 1}",
                                style={"description_width": "initial"}, layout=W.Layout(width="auto"))
                     for n in range(len(start))]
            w = W.VBox(drops)
            return w, lambda: [d.value for d in drops]
        raise TypeError(type(q).__name__)

    # -- driving (also used by tests) ------------------------------------------------------------
    def choose(self, answer: Any) -> None:
        """Set the input as a learner would: an option id, a list of ids, a number, or item ids in order."""
        q = self.question
        if isinstance(q, (SingleChoice, TrueFalse)):
            self.input.value = str(answer).lower() if isinstance(answer, bool) else answer
        elif isinstance(q, MultipleSelect):
            wanted = set(answer)
            for i, box in zip(self._box_ids, self.input.children):
                box.value = i in wanted
        elif isinstance(q, Numeric):
            self.input.value = "" if answer is None else str(answer)
        elif isinstance(q, Ordering):
            for drop, item in zip(self.input.children, list(answer)):
                if item is None:
                    drop.index = 0          # show "— choose —", not a blank box
                else:
                    drop.value = item

    def answer(self) -> Any:
        return self._read()

    def check(self) -> grading.Result:
        """Grade the current input, show the feedback, and report it (the quiz records it)."""
        result = grading.grade(self.question, self.answer())
        if result.valid:
            self.attempts += 1
        self.show(result)
        self._on_check(self, result)
        return result

    def show(self, result: grading.Result, saved: scoring.QuestionStatus | None = None) -> None:
        if not result.valid:
            self.feedback.value = html.notice(result.feedback[0])
            return
        parts = [html.verdict(result.correct)]
        if result.summary:
            parts.append(html.paragraph(result.summary))
        parts.append(html.bullet_list(result.feedback))
        parts.append(f'<p style="margin:0.25em 0"><b>Why:</b> {html.text(result.explanation)}</p>')
        if saved is not None:
            first = "right" if saved.first_correct else "wrong"
            parts.append(html.paragraph(
                f"Saved from before: {saved.attempts} attempt(s); first try {first}."))
        self.feedback.value = "".join(parts)


class Quiz(KeyboardSafeBox):
    """A lesson's quiz. Records every attempt in the progress store and keeps a first-try score.

    A quiz can also be built from (bank, question, saved id) items of several banks (the final review
    does this, see views/review.py): attempts are then saved under `lesson` and each item's saved id.
    """

    def __init__(self, bank: QuestionBank, store: ProgressStore | None = None,
                 questions: Sequence[str] | None = None, title: str | None = None):
        self.bank = bank
        chosen = bank.questions if questions is None else [bank.question(q) for q in questions]
        self._setup(title or bank.title, bank.lesson, [(bank, q, bank.full_id(q)) for q in chosen], store)

    def _setup(self, title: str, lesson: str, items: list[tuple[QuestionBank, Any, str]],
               store: ProgressStore | None, notes: dict[str, str] | None = None,
               header: tuple[W.Widget, ...] = ()) -> None:
        self.lesson = lesson
        self.ids = [saved_id for _, _, saved_id in items]
        self.store = store or default_store()
        self.status = self.store.question_status(self.ids)
        learner = self.store.learner()
        self.title = W.HTML(f"<h3 style='margin:0.25em 0'>{html.text(title)}</h3>")
        self.notice = StoreNotice(self.store)
        self.score = W.HTML("")
        self.score.add_class(CSS["score"])
        notes = notes or {}
        self.cards = [QuestionCard(b, q, n + 1, learner, self._record, total=len(items), full_id=saved_id,
                                   note=notes.get(saved_id, ""))
                      for n, (b, q, saved_id) in enumerate(items)]
        self._restore()
        self._refresh()
        super().__init__([self.title, *header, self.notice, self.score, *self.cards])
        self.add_class(CSS["quiz"])

    def _restore(self) -> None:
        """Show what was saved: the last answer given to each question and its feedback.

        An answer saved for another version of the question (its content hash differs) is not regraded:
        the card says it answered an older version."""
        for card in self.cards:
            s = self.status.get(card.full_id)
            if s is None:
                continue
            card.attempts = s.attempts
            if s.last_hash and s.last_hash != card.hash:
                card.feedback.value = html.paragraph(
                    f"Saved from before: {s.attempts} attempt(s) at an older version of this question. "
                    "The question has changed since, so answer it again.")
                continue
            chosen: Any = s.last_chosen
            if isinstance(card.question, (SingleChoice, TrueFalse, Numeric)):
                chosen = chosen[0] if chosen else None
            try:
                card.choose(chosen)
                card.show(grading.grade(card.question, chosen), saved=s)
            except Exception:  # content changed since the answer was saved: show the record only
                card.feedback.value = html.paragraph(f"Saved from before: {s.attempts} attempt(s).")

    def _record(self, card: QuestionCard, result: grading.Result) -> None:
        if not result.valid:
            return
        self.store.record(self.lesson, card.full_id, result.chosen, result.correct, hash=card.hash)
        self.status = self.store.question_status(self.ids)
        self._refresh()

    def _refresh(self) -> None:
        s = self.lesson_score
        self.score.value = html.paragraph(f"Score: {s.first_try} of {s.total} right on the first try · "
                                          f"answered {s.answered}/{s.total} · now correct {s.now_correct}")
        self.notice.refresh()

    @property
    def lesson_score(self) -> scoring.LessonScore:
        return scoring.score_from_status(self.lesson, self.ids, self.status)


def quiz(lesson: str, store: ProgressStore | None = None, *, questions: Sequence[str] | None = None) -> Quiz:
    """The recap quiz of a lesson, e.g. ``quiz("01-physiology")``; with ``questions=["s1"]``, a short
    check inside a section that asks just those questions (their ids in the lesson's bank)."""
    from ..load import load_bank
    bank = load_bank(lesson)
    if questions is None:
        return Quiz(bank, store, [q.id for q in bank.recap()])
    return Quiz(bank, store, questions, title="Quick check")
