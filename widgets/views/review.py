"""The final review quiz of lesson 05: new versions of questions from every lesson, missed ones first.

Built on views/quiz.py. Attempts are saved as lesson ``05-review`` (see widgets/engine/review.py), so a lesson's
first-try score never changes here. Its score counts what `review_score` counts, the same as the progress
table and the results file: the listed review questions (plus, from an older version of the course, any
other review answer saved then).
"""

from __future__ import annotations

from ..content.load import find_question, lesson_ids, load_bank, load_review
from ..engine import scoring
from ..engine.review import LESSON, ReviewPlan, plan_review, review_id, review_ids
from ..store.progress import ProgressStore
from .learner_store import default_store
from .palette import CSS
from .quiz import Quiz

MISSED_NOTE = "you missed this one before"
NEW_VERSION_NOTE = "a new version of one you missed before"


def review_score(store: ProgressStore) -> scoring.LessonScore:
    """The review's score from the store's per-question summary: its listed questions, plus any other
    review id that was answered (the progress table shows the same numbers)."""
    status = store.question_status(lesson=LESSON)
    return scoring.score_from_status(LESSON, review_ids(load_review().questions, status), status)


class ReviewQuiz(Quiz):
    """A Quiz over the planned review questions; a line at the top says how many missed ones come first."""

    def __init__(self, plan: ReviewPlan, title: str, store: ProgressStore | None = None):
        self.plan = plan
        items = [(*find_question(q), review_id(q)) for q in plan.questions]
        notes = {review_id(q): NEW_VERSION_NOTE if q in plan.replaces else MISSED_NOTE for q in plan.missed}
        super().__init__(
            items=items,
            title=title,
            lesson=LESSON,
            store=store,
            notes=notes,
            header=order_sentence(plan, len(load_review().questions)),
        )
        self.add_class(CSS["review_quiz"])

    @property
    def order_note(self) -> str:
        return self.page.header

    @property
    def lesson_score(self) -> scoring.LessonScore:
        return review_score(self.store)


def order_sentence(plan: ReviewPlan, listed: int | None = None) -> str:
    """The line under the review's title (`listed`, how many questions the review has, is kept for callers)."""
    n, m = len(plan.questions), len(plan.missed)
    if not m:
        return (
            f"{n} new questions from all the lessons, in lesson order. "
            "No question you missed before is saved, so none is brought forward."
        )
    first = "The first question asks" if m == 1 else f"The first {m} questions ask"
    return f"{n} new questions from all the lessons. {first} again about ones you got wrong before, so try again."


def review_quiz(store: ProgressStore | None = None) -> ReviewQuiz:
    """The final review, ordered for this learner from their saved progress."""
    store = store or default_store()
    review = load_review()
    known = [qid for lesson in lesson_ids() for qid in load_bank(lesson).full_ids()]
    plan = plan_review(review.questions, store.load()["attempts"], known, review.variant_of)
    return ReviewQuiz(plan, review.title, store)
