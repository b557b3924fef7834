"""Pure scoring over recorded attempts: first-attempt score, "now correct", per-lesson summaries."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class QuestionStatus:
    question: str  # full id, e.g. "01-physiology/q3"
    attempts: int
    first_correct: bool
    now_correct: bool
    last_chosen: list[str]
    last_hash: str = ""  # content hash of the question version last answered ("" if not recorded)


@dataclass(frozen=True)
class LessonScore:
    lesson: str
    total: int  # questions in the bank
    answered: int
    first_try: int  # the score: right on the first attempt
    now_correct: int

    def sentence(self) -> str:
        """The score in one plain line, as the quiz shows it: "5 of 7 right first time"."""
        return f"{self.first_try} of {self.total} right first time"


def question_status(attempts: list[dict[str, Any]]) -> dict[str, QuestionStatus]:
    """Fold attempts (in time order) into one status per question id."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for a in attempts:
        grouped.setdefault(a["question"], []).append(a)
    return {
        q: QuestionStatus(
            q, len(al), al[0]["correct"], al[-1]["correct"], list(al[-1]["chosen"]), al[-1].get("hash", "")
        )
        for q, al in grouped.items()
    }


def lesson_score(lesson: str, question_ids: list[str], attempts: list[dict[str, Any]]) -> LessonScore:
    """Score of one lesson's quiz; `question_ids` are the full ids of its bank."""
    ids = set(question_ids)
    return score_from_status(lesson, question_ids, question_status([a for a in attempts if a["question"] in ids]))


def score_from_status(lesson: str, question_ids: list[str], status: dict[str, QuestionStatus]) -> LessonScore:
    """The same score from per-question statuses (what the progress store keeps up to date)."""
    got = [status[q] for q in dict.fromkeys(question_ids) if q in status]
    return LessonScore(
        lesson, len(question_ids), len(got), sum(s.first_correct for s in got), sum(s.now_correct for s in got)
    )


def missed_first(attempts: list[dict[str, Any]]) -> list[str]:
    """Question ids this learner got wrong on the first try, oldest first (review brings them back)."""
    return [q for q, s in question_status(attempts).items() if not s.first_correct]
