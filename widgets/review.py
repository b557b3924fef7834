"""Pure planning of the final review: which questions it asks, missed ones first, and how attempts are named.

Review attempts are saved with lesson ``05-review`` and question id ``05-review/<original full id>``
(e.g. ``05-review/01-physiology/q2``). A lesson's score only counts the ids of its own bank, so a review
answer never changes a lesson's first-try score, and the review keeps its own first-try score.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable

from .scoring import LessonScore, lesson_score, missed_first

LESSON = "05-review"
PREFIX = LESSON + "/"


def review_id(full_id: str) -> str:
    """The id a review attempt is saved under: ``01-physiology/q2`` → ``05-review/01-physiology/q2``."""
    return PREFIX + full_id


def original_id(qid: str) -> str:
    """The bank question behind an attempt id (a review id or a lesson id)."""
    return qid.removeprefix(PREFIX)


@dataclass(frozen=True)
class ReviewPlan:
    """The questions of one review, in the order asked; `missed` are those brought back first."""

    questions: list[str]      # original full ids, e.g. "01-physiology/q2"
    missed: list[str]         # the leading part of `questions` the learner got wrong before


def plan_review(listed: Iterable[str], attempts: list[dict], known: Iterable[str]) -> ReviewPlan:
    """Order the review: questions missed before come first, then the rest of the list in its order.

    Parameters
    ----------
    listed : the review's question ids (content/review.yaml), in order.
    attempts : the learner's saved attempts, in time order (lesson quizzes and earlier reviews).
    known : every full id that exists in a bank now; a missed question that no longer exists is skipped.

    Returns
    -------
    ReviewPlan
        A question missed on its first try in a lesson quiz or in an earlier review is brought back,
        oldest miss first, even if the review list does not name it. Each question appears once.
    """
    listed, known = list(listed), set(known)
    missed = [q for q in dict.fromkeys(original_id(q) for q in missed_first(attempts)) if q in known]
    rest = [q for q in listed if q not in set(missed)]
    return ReviewPlan(questions=missed + rest, missed=missed)


def review_ids(listed: Iterable[str], answered: Iterable[str]) -> list[str]:
    """The ids the review's score counts: its listed questions plus any other review id that was answered."""
    return list(dict.fromkeys([review_id(q) for q in listed] + list(answered)))


def review_score(listed: Iterable[str], attempts: list[dict]) -> LessonScore:
    """The review's first-try score over its listed questions plus any other it brought back and was answered."""
    return lesson_score(LESSON, review_ids(listed, [a["question"] for a in attempts if a["lesson"] == LESSON]), attempts)
