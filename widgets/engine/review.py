"""Pure planning of the final review: its own bank of new versions, missed questions first, attempt names.

The review asks the questions of its own bank (``content/questions/05-review.yaml``): new versions of the
lesson questions, not the same items again. ``content/review.yaml`` lists them in order and says which
lesson questions each one asks again (``variant_of``; the loader requires a new version of every lesson
question). A question the learner missed before comes first, as its new version. The review asks its listed
questions and no others, so its question count and its score's total stay the same from one run to the next
and while the learner answers (issue 26: they moved from 25 to 26 and from 15 to 16 when a missed lesson
question with no new version was brought back as itself, then counted once answered).

Attempts are saved with lesson ``05-review``: a review question under its own id (``05-review/q3``), a
lesson question brought back under ``05-review/<its full id>`` (``05-review/01-physiology/q2``). A lesson's
score only counts the ids of its own bank, so a review answer never changes a lesson's first-try score,
and the review keeps its own first-try score.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from ..content.model import REVIEW_LESSON
from .scoring import LessonScore, lesson_score, missed_first

LESSON = REVIEW_LESSON
PREFIX = LESSON + "/"


def review_id(full_id: str) -> str:
    """The id a review attempt is saved under: ``01-physiology/q2`` → ``05-review/01-physiology/q2``;
    a question of the review's own bank (``05-review/q3``) keeps its id."""
    return full_id if full_id.startswith(PREFIX) else PREFIX + full_id


def original_id(qid: str) -> str:
    """The bank question behind an attempt id: ``05-review/01-physiology/q2`` → ``01-physiology/q2``;
    ``05-review/q3`` and lesson ids stay as they are."""
    rest = qid.removeprefix(PREFIX)
    return rest if rest != qid and "/" in rest else qid


@dataclass(frozen=True)
class ReviewPlan:
    """The questions of one review, in the order asked; `missed` are those brought back first."""

    questions: list[str]  # full ids as asked: the review's own (05-review/q3) or a lesson's (01-physiology/q2)
    missed: list[str]  # the leading part of `questions`, brought back because of an earlier miss
    replaces: dict[str, str] = field(default_factory=dict)  # new version → the missed lesson question it stands for


def plan_review(
    listed: Iterable[str],
    attempts: list[dict[str, Any]],
    known: Iterable[str],
    variant_of: Mapping[str, Iterable[str]] | None = None,
) -> ReviewPlan:
    """Order the review: what the learner missed before comes first, then the rest of the list in its order.

    Parameters
    ----------
    listed : the review's question ids (content/review.yaml), in order.
    attempts : the learner's saved attempts, in time order (lesson quizzes and earlier reviews).
    known : every full id that exists in a bank now; a missed question that no longer exists is skipped.
    variant_of : review question → the lesson questions it asks again in new words.

    Returns
    -------
    ReviewPlan
        The listed questions, each once: first those missed on a first try (in a lesson quiz or an earlier
        review), oldest miss first, each as the first listed new version of it (or as itself when listed),
        then the rest in list order. A miss with no listed version is not added: the review's count never
        depends on what was missed.
    """
    listed, known = list(listed), set(known)
    variants = {v: set(originals) for v, originals in (variant_of or {}).items()}
    brought: dict[str, str] = {}
    for missed in dict.fromkeys(original_id(q) for q in missed_first(attempts)):
        if missed not in known:
            continue
        pick = missed if missed in listed else next((v for v in listed if missed in variants.get(v, ())), None)
        if pick is not None:
            brought.setdefault(pick, missed)
    rest = [q for q in listed if q not in brought]
    return ReviewPlan(
        questions=list(brought) + rest, missed=list(brought), replaces={v: m for v, m in brought.items() if v != m}
    )


def review_ids(listed: Iterable[str], answered: Iterable[str]) -> list[str]:
    """The ids the review's score counts: its listed questions plus any other review id that was answered
    (only an older version of the course brought such questions back: their answers still count)."""
    return list(dict.fromkeys([review_id(q) for q in listed] + list(answered)))


def review_score(listed: Iterable[str], attempts: list[dict[str, Any]]) -> LessonScore:
    """The review's first-try score over its listed questions plus any other it brought back and was answered."""
    return lesson_score(
        LESSON, review_ids(listed, [a["question"] for a in attempts if a["lesson"] == LESSON]), attempts
    )
