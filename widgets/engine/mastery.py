"""Mastery per learning goal: the before/after checks' scores and a band from the learner's first tries.

The rule (the README's "Mastery bands" says the same):

- The evidence for a goal is every first try on a question that checks it: the lessons' questions (quick checks and
  recap quizzes), the final review's (its own questions and the lesson questions it brings back) and the
  "what do you know now?" check at the end. The "what do you know already?" check at the start is NOT evidence
  (it is the "before"), and neither are the practice stories of lesson 04 (they are practice, saved nowhere).
- With n first tries on the goal, r of them right:
  Not started (n = 0) · Attempted (r = 0) · Familiar (anything else) · Proficient (n ≥ 2 and r/n ≥ 60 %) ·
  Mastered (n ≥ 4, r/n ≥ 80 % and both of the goal's questions in the after-check right).
- The "before" band, which the class page compares with, is the same rule over the before-check's answers alone
  (2 per goal, so at most Proficient).

Pure: mappings in, dataclasses out; no files, no content loading.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..content.check_model import AFTER, BEFORE
from .review import original_id

BANDS = ("not-started", "attempted", "familiar", "proficient", "mastered")  # lowest first
PROFICIENT_SHARE, PROFICIENT_MIN = 0.6, 2
MASTERED_SHARE, MASTERED_MIN = 0.8, 4


def band(answered: int, right: int, after_all_right: bool = False) -> str:
    """The band for `answered` first tries on a goal, `right` of them right; Mastered also needs `after_all_right`
    (both of the goal's after-check questions right)."""
    if answered <= 0:
        return "not-started"
    if right <= 0:
        return "attempted"
    share = right / answered
    if answered >= MASTERED_MIN and share >= MASTERED_SHARE and after_all_right:
        return "mastered"
    if answered >= PROFICIENT_MIN and share >= PROFICIENT_SHARE:
        return "proficient"
    return "familiar"


def rank(band_id: str) -> int:
    """0 (Not started) to 4 (Mastered)."""
    return BANDS.index(band_id)


@dataclass(frozen=True)
class CheckScore:
    """One goal in one check: `right` of its `total` questions (an unanswered one counts as not right)."""

    right: int
    total: int
    answered: int

    @property
    def percent(self) -> float:
        return 100.0 * self.right / self.total if self.total else 0.0


def check_scores(
    answers: Mapping[str, bool], check_goals: Mapping[str, str], goals: Sequence[str]
) -> dict[str, CheckScore] | None:
    """Per goal, the score of one check from `answers` (the check's full question id → right); `check_goals` maps
    each of that check's question ids to its goal. None when the learner answered none of the check."""
    mine = {q: ok for q, ok in answers.items() if q in check_goals}
    if not mine:
        return None
    out = {}
    for goal in goals:
        ids = [q for q, g in check_goals.items() if g == goal]
        out[goal] = CheckScore(sum(mine.get(q, False) for q in ids), len(ids), sum(q in mine for q in ids))
    return out


@dataclass(frozen=True)
class GoalResult:
    """One learner on one goal."""

    goal: str
    before: CheckScore | None  # None: the before-check was not done
    after: CheckScore | None  # None: the after-check was not done
    answered: int  # first tries that count as evidence (lessons, review, after-check)
    right: int
    band: str
    before_band: str  # the same rule over the before-check alone
    revisit: tuple[str, ...]  # the goal's course questions not right on the first try (or not answered), in order


def goal_results(
    goals: Sequence[str],
    goal_questions: Mapping[str, Sequence[str]],
    first_tries: Mapping[str, bool],
    before: Mapping[str, bool],
    after: Mapping[str, bool],
    check_goals: Mapping[str, str],
) -> list[GoalResult]:
    """Each goal's result for one learner.

    Parameters
    ----------
    goals : the course's goal ids, in order.
    goal_questions : goal → the full ids of the course questions that check it (content.load.goal_questions).
    first_tries : saved question id → right on the first try, for the learner's course answers (lesson questions,
        ``05-review/<id>`` for the final review's); ids of questions in no goal are ignored.
    before, after : the checks' answers, full check question id → right.
    check_goals : every check question's full id → its goal (both checks).
    """
    goal_of = {q: g for g, qs in goal_questions.items() for q in qs}
    course: dict[str, list[bool]] = {g: [] for g in goals}
    for saved, ok in first_tries.items():
        goal = goal_of.get(saved) or goal_of.get(original_id(saved))
        if goal in course:
            course[goal].append(ok)
    pre = check_scores(before, _of_check(check_goals, BEFORE), goals)
    after_goals = _of_check(check_goals, AFTER)
    post = check_scores(after, after_goals, goals)
    right = {original_id(saved) for saved, ok in first_tries.items() if ok}  # a brought-back question counts too
    out = []
    for goal in goals:
        a = post[goal] if post else None
        tries = course[goal] + [ok for q, ok in after.items() if after_goals.get(q) == goal]
        n, r = len(tries), sum(tries)
        b = pre[goal] if pre else None
        revisit = tuple(q for q in goal_questions.get(goal, ()) if q not in right)
        out.append(
            GoalResult(
                goal,
                b,
                a,
                n,
                r,
                band(n, r, a is not None and a.right == a.total),
                band(b.answered, b.right) if b else "not-started",
                revisit,
            )
        )
    return out


def _of_check(check_goals: Mapping[str, str], lesson: str) -> dict[str, str]:
    """The part of `check_goals` that belongs to the check `lesson`."""
    return {q: g for q, g in check_goals.items() if q.partition("/")[0] == lesson}


def moved_up(results: Iterable[GoalResult]) -> int:
    """How many of `results` (one goal, learners who did both checks) end in a higher band than their before band."""
    return sum(rank(r.band) > rank(r.before_band) for r in results)
