"""The quiz widget: one card per question (input, Check button, feedback) and a score line.

Tests drive it from Python: ``q = Quiz(bank); q.cards[0].choose("b"); q.cards[0].check()``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as W

from .. import grading, scoring
from ..content_hash import question_hash
from ..model import QuestionBank
from ..palette import CSS
from ..progress import ProgressStore, default_store
from . import html, inputs
from .controls import button
from .keyboard import KeyboardSafeBox
from .store_notice import StoreNotice


class QuestionCard(W.VBox):
    """One question: prompt, an input that fits its type, a Check button and the feedback."""

    def __init__(
        self,
        bank: QuestionBank,
        question,
        number: int,
        seed: str,
        on_check: Callable[[QuestionCard, grading.Result], None],
        total: int | None = None,
        full_id: str | None = None,
        note: str = "",
    ):
        self.bank, self.question, self.number = bank, question, number
        self.full_id = full_id or bank.full_id(question)  # the id attempts are saved under
        self.hash = question_hash(question)  # the version of the question they answer
        total = total or len(bank.questions)
        note = f" <i>({html.text(note)})</i>" if note else ""
        self._on_check = on_check
        self.attempts = 0
        control = inputs.control_for(question)
        self.prompt = W.HTML(
            f'<p class="quiz-prompt"><b>Question {number} of {total}.</b>{note} {html.text(question.prompt)}</p>'
            f'<p class="quiz-hint"><i>{html.text(control.hint)}</i></p>'
        )
        self._input = control.build(question, seed, f"Answer {number}")
        self.input = self._input.widget
        self.check_button = button(description="Check", icon="check", tooltip=f"Check your answer to question {number}")
        self.check_button.add_class(CSS["check"])
        self.check_button.on_click(lambda _: self.check())
        self.feedback = W.HTML("")
        self.feedback.add_class(CSS["feedback"])
        super().__init__([self.prompt, self.input, self.check_button, self.feedback])
        self.add_class(CSS["question"])

    # -- driving (also used by tests) ------------------------------------------------------------
    def choose(self, answer: Any) -> None:
        """Set the input as a learner would: an option id, a list of ids, a number, or item ids in order."""
        self._input.set(answer)

    def answer(self) -> Any:
        return self._input.read()

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
        parts.append(f"<p><b>Why:</b> {html.text(result.explanation)}</p>")
        if saved is not None:
            first = "right" if saved.first_correct else "wrong"
            parts.append(html.paragraph(f"Saved from before: {saved.attempts} attempt(s); first try {first}."))
        self.feedback.value = "".join(parts)


Item = tuple[QuestionBank, Any, str]  # (bank, question, the id its attempts are saved under)


class Quiz(KeyboardSafeBox):
    """A lesson's quiz. Records every attempt in the progress store and keeps a first-try score.

    ``Quiz(bank)`` asks the bank's questions (or only `questions`, by id). ``Quiz(items=..., title=...,
    lesson=...)`` asks (bank, question, saved id) items of several banks (the final review, views/review.py):
    attempts are then saved under `lesson` and each item's saved id; `notes` adds a note to a card by saved
    id and `header` puts widgets under the title.
    """

    def __init__(
        self,
        bank: QuestionBank | None = None,
        store: ProgressStore | None = None,
        questions: Sequence[str] | None = None,
        title: str | None = None,
        *,
        items: Sequence[Item] | None = None,
        lesson: str | None = None,
        notes: dict[str, str] | None = None,
        header: tuple[W.Widget, ...] = (),
    ):
        if (bank is None) == (items is None):
            raise TypeError("Quiz needs either a bank or items")
        if bank is not None:
            chosen = bank.questions if questions is None else [bank.question(q) for q in questions]
            items, title, lesson = [(bank, q, bank.full_id(q)) for q in chosen], title or bank.title, bank.lesson
        if items is None or title is None or lesson is None:
            raise TypeError("a Quiz of items needs a title and a lesson")
        self.bank = bank
        self.lesson = lesson
        self.ids = [saved_id for _, _, saved_id in items]
        self.store = store or default_store()
        self.status = self.store.question_status(self.ids)
        learner = self.store.learner()
        self.title = W.HTML(f"<h3>{html.text(title)}</h3>")
        self.notice = StoreNotice(self.store)
        self.score = W.HTML("")
        self.score.add_class(CSS["score"])
        notes = notes or {}
        self.cards = [
            QuestionCard(
                b, q, n + 1, learner, self._record, total=len(items), full_id=saved_id, note=notes.get(saved_id, "")
            )
            for n, (b, q, saved_id) in enumerate(items)
        ]
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
                    "The question has changed since, so answer it again."
                )
                continue
            chosen: Any = card.question.answer_from_saved(s.last_chosen)
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
        self.score.value = html.paragraph(
            f"Score: {s.first_try} of {s.total} right on the first try · "
            f"answered {s.answered}/{s.total} · now correct {s.now_correct}"
        )
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
