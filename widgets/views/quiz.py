"""The quiz: one anywidget per quiz (``QuizPage``, page side static/quiz.js, bundled with the page toolkit
static/dom.js into static/bundles/quiz.js by tools/bundle.mjs) that grades in the page, and the
kernel half that saves every try.

The page grades each try at once and shows the feedback, then sends ``{attempt_id, question, hash, answer}``.
The kernel (``Quiz.handle_attempt``) grades it again with the engine, saves ITS verdict (never the page's),
ignores an attempt id it already saved, and replies "saved" with its verdict; the page shows the kernel's
verdict where the two differ. A Check waits for a locked progress file at most ``CHECK_BUDGET`` in all: an
answer that could not be written yet is replied "waiting", and a second "saved" message follows once the
store's retry has written it. Python tests send ``Quiz.handle_attempt`` the page's messages
(tests/quiz_driver.py); the page itself runs in node with a DOM (tests/page_in_node.py).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from typing import Any, Concatenate, ParamSpec, TypeVar

import anywidget
import traitlets

from ..content.model import QuestionBank
from ..engine import grading, scoring
from ..engine.quiz_page import page_question, page_status
from ..questions import QuestionBase
from ..store.progress import CHECK_BUDGET, MAX_PENDING, ProgressStore
from ..store.progress_doc import MAX_PER_QUESTION
from . import inputs
from .keyboard import KeyboardSafeBox
from .learner_store import default_store
from .palette import CSS, STATIC
from .store_notice import StoreNotice

# Every word the quiz page shows besides the bank's texts ({name} is filled in by the page).
LABELS = {
    "check": "Check",
    "check_name": "Check your answer to question {n}",
    "show": "Show the answer",
    "show_name": "Show the answer to question {n} (counts as a wrong first try)",
    "next": "Next question",
    "back": "Previous question",
    "to_summary": "See how you did",
    "nav": "Move between the questions",
    "number": "Question {n} of {total}.",
    "progress": "Question {n} of {total}",
    "at_summary": "How you did",
    "number_label": "Your answer ({unit})",
    "text_label": "Your answer",
    "order_name": "The steps, in your order",
    "up": "Move up",
    "down": "Move down",
    "up_name": "Move up: {text}",
    "down_name": "Move down: {text}",
    "moved": "“{text}” is now step {n} of {total}.",
    "right": "Right.",
    "wrong_hint": "Not quite. Try again.",
    "wrong_answer": "Not quite. Here is the answer.",
    "shown": "Here is the answer.",
    "hint": "Hint:",
    "answer": "The answer:",
    "why": "Why:",
    "mark_ok": "your answer, right",
    "mark_bad": "your answer, not right",
    "mark_missed": "the right answer",
    "checking": "Checking…",
    "saving": "Saving…",
    "saved": "Saved.",
    "waiting": (
        "Not saved yet: the progress file cannot be written just now. Your answer is kept and is saved "
        "as soon as it can be."
    ),
    "stale": "Not saved: this answer was to an older version of the question.",
    "refused": "Not saved: see the note at the top of the quiz.",
    "refused_question_full": (
        f"Not saved: a question keeps at most {MAX_PER_QUESTION} answers, and this one has that many. "
        "Your earlier answers are all kept."
    ),
    "refused_store_full": "Not saved: your progress file is full. Download it, then reset your progress to go on.",
    "refused_waiting_full": f"Not saved: {MAX_PENDING} answers already wait to be saved. See the note at the top.",
    "retired": "Not saved: you gave this answer before your progress was reset or restored.",
    "invalid": "Not saved: the notebook could not read this answer.",
    "not_saved_other": "Not saved.",
    "differs": "The answer was checked again and this is the result that was saved.",
    "not_saved": "Not saved yet. The notebook is not answering, so your answer is kept in this browser.",
    "not_saved_all": (
        "Your answers are not saved yet: the notebook's kernel is not answering. They are kept in this "
        "browser. Choose Run → Run All Cells (or run this cell again) and they will be saved."
    ),
    "not_kept": (
        "Not saved: the notebook is not answering, and this browser could not keep your answer (its storage is "
        "full or turned off). Answer again once the notebook runs."
    ),
    "not_kept_all": (
        "Some answers are not saved: the notebook's kernel is not answering, and this browser could not keep "
        "them (its storage is full or turned off). Choose Run → Run All Cells, then answer them again."
    ),
    "resending": "Saving answers this browser kept from before: {n}.",
    "other_code": (
        "Answers to this quiz that this browser kept but never saved, given under another learner code: {n}. "
        "If they are yours (for example, from before you loaded a progress file), save them as yours."
    ),
    "adopt": "Save them as mine",
    "forget": "Delete them",
    "static": "There is no notebook kernel on this page: your answers are kept in this browser only.",
    "browser_only": "Kept in this browser only.",
    "browser_none": "Checked here only: this browser could not keep it (its storage is full or turned off).",
    "browser_full": "Checked here only: this browser keeps no more answers for this website. Download your progress "
    "file on the Start here page.",
    "browser_before": "Kept in this browser from before: {tries}, first try {first}.",
    "needs_kernel": "This question can only be checked in the notebook.",
    "one_try": "1 try",
    "tries": "{n} tries",
    "saved_before": "Saved from before: {tries}, first try {first}.",
    "first_right": "right",
    "first_wrong": "wrong",
    "older": "Saved from before: {tries} at an older version of this question. It has changed since: answer it again.",
    "score": "{first} of {total} right first time",
    "summary_title": "How you did",
    "summary_line": "You answered {answered} of {total} questions.",
    "sum_item": "{n}. {prompt}",
    "sum_open": "Not answered yet.",
    "sum_first": "Right first time.",
    "sum_later": "Right after another try.",
    "sum_wrong": "Not right yet.",
    "go_to": "Go to question {n}",
}


def page_labels() -> dict[str, str]:
    """LABELS, and the sentence the quiz says on the static site when it asks the browser to keep the answers for
    good (content/site.yaml)."""
    from ..content.load import load_site_texts

    words = load_site_texts().progress
    return {**LABELS, "persist": words.persist, "site_not_kept": words.not_kept}


_ATTEMPT_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{7,63}")


def _well_formed(m: dict[str, Any]) -> bool:
    """A try as the page sends it: an attempt id, the question's full id and hash as text, `show` true or false,
    `wrong_before` a count (the answer itself is checked by the question's type)."""
    aid, wrong = m.get("attempt_id"), m.get("wrong_before", 0)
    return (
        isinstance(aid, str)
        and _ATTEMPT_ID.fullmatch(aid) is not None
        and isinstance(m.get("question"), str)
        and isinstance(m.get("hash"), str)
        and isinstance(m.get("show", False), bool)
        and isinstance(wrong, int)
        and not isinstance(wrong, bool)
        and wrong >= 0
    )


def fill(template: str, **values: Any) -> str:
    """A label with its {names} filled in (as the page fills them)."""
    return re.sub(r"\{(\w+)\}", lambda m: str(values.get(m.group(1), m.group(0))), template)


class QuizPage(anywidget.AnyWidget):
    """The page side of one quiz: the questions (widgets/quiz_page.py), what was saved, the score line."""

    _esm = STATIC / "bundles" / "quiz.js"  # quiz.js and dom.js in one file: blob: and file:// pages import nothing
    _css = STATIC / "quiz.css"
    title = traitlets.Unicode().tag(sync=True)
    header = traitlets.Unicode("", help="a line under the title (the final review's order)").tag(sync=True)
    lesson = traitlets.Unicode().tag(sync=True)
    learner = traitlets.Unicode(help="keys what this browser keeps, so two learners never mix").tag(sync=True)
    questions: traitlets.List[dict[str, Any]] = traitlets.List().tag(sync=True)
    saved = traitlets.Dict(help="full id → what was saved (quiz_page.page_status)").tag(sync=True)
    score = traitlets.Unicode().tag(sync=True)
    labels = traitlets.Dict().tag(sync=True)


@dataclass
class Card:
    """What the kernel knows of one question of the page: the question, the id and content hash its tries are
    saved under, and its tries as saved (``attempts``; ``wrong`` is 0 or 1, as the page counts wrong tries)."""

    question: QuestionBase
    full_id: str
    hash: str
    attempts: int = 0
    wrong: int = 0


def _readable(q: QuestionBase, status: dict[str, Any]) -> bool:
    """A saved answer the question's type still reads as the page will (its content may have changed)."""
    if status["answer"] is None:
        return True
    try:
        grading.respond(q, status["answer"], status["wrong_before_last"])
    except Exception:
        return False
    return True


Item = tuple[QuestionBank, Any, str]  # (bank, question, the id its attempts are saved under)


P = ParamSpec("P")
R = TypeVar("R")


def _one_wait(method: Callable[Concatenate[Quiz, P], R]) -> Callable[Concatenate[Quiz, P], R]:
    """Run a Quiz method with ONE busy wait for all its store calls (a locked file costs it CHECK_BUDGET)."""

    @functools.wraps(method)
    def run(quiz: Quiz, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with quiz.store.budget(CHECK_BUDGET):
            return method(quiz, *args, **kwargs)

    return run


class Quiz(KeyboardSafeBox):
    """A lesson's quiz: the store's notice and one QuizPage. Saves every try in the progress store.

    ``Quiz(bank)`` asks the bank's questions (or only `questions`, by id). ``Quiz(items=..., title=...,
    lesson=...)`` asks (bank, question, saved id) items of several banks (the final review, views/review.py):
    attempts are then saved under `lesson` and each item's saved id; `notes` adds a note to a question by
    saved id and `header` a line under the title.
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
        header: str = "",
    ):
        if (bank is None) == (items is None):
            raise TypeError("Quiz needs either a bank or items")
        if bank is not None:
            chosen = bank.questions if questions is None else [bank.question(q) for q in questions]
            items, title, lesson = [(bank, q, bank.full_id(q)) for q in chosen], title or bank.title, bank.lesson
        if items is None or title is None or lesson is None:
            raise TypeError("a Quiz of items needs a title and a lesson")
        self.bank, self.lesson = bank, lesson
        self.ids = [saved_id for _, _, saved_id in items]
        self.store = store or default_store()
        learner = self.store.learner()
        notes = notes or {}
        data = []
        for _, q, saved_id in items:
            d = page_question(q, learner, saved_id)
            d.update(how=inputs.control_for(q).hint, note=notes.get(saved_id, ""))
            data.append(d)
        self.cards = [Card(q, d["id"], d["hash"]) for (_, q, _), d in zip(items, data, strict=True)]
        self._by_id = {c.full_id: c for c in self.cards}
        self._waiting: dict[str, Card] = {}  # attempt ids replied "waiting": the page hears when written
        self.store.subscribe(self._written)
        self.notice = StoreNotice(self.store)
        self.page = QuizPage(
            title=title, header=header, lesson=lesson, learner=learner, questions=data, labels=page_labels()
        )
        self.page.on_msg(self._on_msg)
        self.status = self.store.question_status(self.ids)
        self._restore()
        self._refresh()
        super().__init__([self.notice, self.page])
        self.add_class(CSS["quiz"])

    # -- the kernel's half of a try ----------------------------------------------------------------------
    def _on_msg(self, _widget: Any, content: Any, _buffers: Any) -> None:
        if isinstance(content, dict) and content.get("kind") == "attempt":
            self.page.send(self.handle_attempt(content))

    @_one_wait
    def handle_attempt(self, msg: Any) -> dict[str, Any]:
        """Grade a try the page sent with the engine, save the kernel's verdict once per attempt id, reply.

        Any message gets a reply ``{kind: "saved", attempt_id, outcome, response, status}`` (attempt_id is
        the message's if it is text, else None); outcome is "saved", "duplicate" (that attempt id was saved
        before: not saved again), "waiting" (kept until the progress file can be written), "refused" (a limit;
        ``reason`` says which: "question_full", "store_full" or "waiting_full"; the same id sent again is
        refused again), "retired" (an answer given before a reset or restore erased it: never saved again),
        "stale" (an older version of the question, or none of this quiz: not saved) or
        "invalid" (a malformed message, or not an answer: not saved). The page keeps a try in its queue only
        for "waiting" and "waiting_full"."""
        m: dict[str, Any] = msg if isinstance(msg, dict) else {}
        aid = m.get("attempt_id")
        reply: dict[str, Any] = {
            "kind": "saved",
            "attempt_id": aid if isinstance(aid, str) else None,
            "outcome": "invalid",
            "response": None,
        }
        if not _well_formed(m):
            return reply
        aid = str(aid)
        card = self._by_id.get(m["question"])
        if card is None or m["hash"] != card.hash:
            reply["outcome"] = "stale"
            return reply
        show = m.get("show", False)
        response = grading.respond(card.question, m.get("answer"), m.get("wrong_before", 0), show)
        reply["response"] = asdict(response)
        if not response.valid:
            return reply
        if show:  # decided on the store as it is now: another copy of the lesson may have answered since
            self.status = self.store.question_status(self.ids)
        if show and card.full_id in self.status:
            reply["outcome"] = "saved"  # the answer was asked for after a try: nothing more to save
        else:
            result = grading.shown_answer(card.question) if show else grading.grade(card.question, m.get("answer"))
            kept = self.store.record(
                self.lesson, card.full_id, result.chosen, result.correct, hash=card.hash, attempt_id=aid
            )
            outcome = self.store.outcome(aid)
            if not kept:  # the id was given before: a resend gets what became of the first (saved → duplicate)
                outcome = "duplicate" if outcome == "saved" else outcome
            elif outcome == "unknown":  # not kept at all: too many answers wait to be written
                reply["reason"] = "waiting_full"
                outcome = "refused"
            reply["outcome"] = outcome
            if outcome == "waiting":  # the page hears again once the retry has written it (_written)
                self._waiting[aid] = card
        self.status = self.store.question_status(self.ids)
        if reply["outcome"] == "refused" and "reason" not in reply:
            saved = self.status.get(card.full_id)
            full = saved is not None and saved.attempts >= MAX_PER_QUESTION
            reply["reason"] = "question_full" if full else "store_full"
        status = page_status(card.question, self.status.get(card.full_id), card.hash)
        if status is not None:
            card.attempts, card.wrong = status["attempts"], status["wrong_tries"]
        reply["status"] = status
        self._refresh()
        return reply

    @_one_wait
    def _written(self) -> None:
        """The store wrote answers (its retry, or a later Check): send the page "saved" for each one replied
        "waiting", with the question's status as saved, so its card turns to Saved."""
        done = {aid: card for aid, card in self._waiting.items() if self.store.outcome(aid) != "waiting"}
        if not done:
            return
        for aid in done:
            del self._waiting[aid]
        self.status = self.store.question_status(self.ids)
        for aid, card in done.items():
            status = page_status(card.question, self.status.get(card.full_id), card.hash)
            if status is not None:
                card.attempts, card.wrong = status["attempts"], status["wrong_tries"]
            outcome = self.store.outcome(aid)
            self.page.send({"kind": "saved", "attempt_id": aid, "outcome": outcome, "response": None, "status": status})
        self._refresh()

    def _restore(self) -> None:
        """What was saved, for the page to show: each question's last answer and its count of tries."""
        saved = {}
        for card in self.cards:
            status = page_status(card.question, self.status.get(card.full_id), card.hash)
            if status is not None:
                card.attempts, card.wrong = status["attempts"], status["wrong_tries"]
                if not _readable(card.question, status):  # content changed since: show the record only
                    status = dict(status, answer=None, stale=True)
                saved[card.full_id] = status
        self.page.saved = saved

    def _refresh(self) -> None:
        s = self.lesson_score
        self.page.score = fill(LABELS["score"], first=s.first_try, total=s.total)
        self.notice.refresh()

    @property
    def lesson_score(self) -> scoring.LessonScore:
        return scoring.score_from_status(self.lesson, self.ids, self.status)


def quiz(lesson: str, store: ProgressStore | None = None, *, questions: Sequence[str] | None = None) -> Quiz:
    """The recap quiz of a lesson, e.g. ``quiz("01-physiology")``; with ``questions=["s1"]``, a short
    check inside a section that asks just those questions (their ids in the lesson's bank)."""
    from ..content.load import load_bank

    bank = load_bank(lesson)
    if questions is None:
        return Quiz(bank, store, [q.id for q in bank.recap()])
    return Quiz(bank, store, questions, title="Quick check")


__all__ = ["LABELS", "Quiz", "QuizPage", "quiz"]
