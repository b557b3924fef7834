"""Per-question statistics of a class, as Moodle's quiz statistics define them (item_stats.py), over the roll-up.

"The test" is each learner's first tries over the course's lesson questions (the final review and anything in
NOT_IN_TEST are left out): a learner's test mark is how many of those they got right on the first try, a question
they did not answer counting 0. A question's figures use the learners who answered it: its mark is 1 (right on the
first try) or 0, and the rest of the test is that learner's mark on every other lesson question. So a question's
facility is the same "right on the first try" percent as the class-results chart, and a learner who stopped after
lesson 2 does not make lesson 5's questions look hard.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Protocol

from ..content.model import QuestionBank
from ..engine.review import LESSON as REVIEW_LESSON
from ..questions import QuestionBase
from .item_stats import ItemStats, item_figures


# What this module reads of the roll-up's records (rollup.py imports this module, so it names no rollup type).
class _Answer(Protocol):
    @property
    def first_correct(self) -> bool: ...


class _Learner(Protocol):  # rollup.HandedIn
    @property
    def answers(self) -> Mapping[str, _Answer]: ...


class _WrongPick(Protocol):  # rollup.Misconception
    @property
    def question(self) -> str: ...
    @property
    def picked(self) -> str: ...
    @property
    def count(self) -> int: ...


NOT_IN_TEST = frozenset({REVIEW_LESSON})  # lessons whose questions are not part of "the test"


@dataclass(frozen=True)
class QuestionFigures:
    """One lesson question's figures, the goal it checks and the wrong first answer picked most often."""

    question: str  # full id
    lesson: str
    goal: str
    prompt: str
    stats: ItemStats
    wrong_pick: str | None = None  # the most picked wrong first answer, in words (None: nobody picked one)
    wrong_count: int = 0  # learners who picked it first

    @property
    def flags(self) -> tuple[str, ...]:
        """ "too_easy", "too_hard", "strong_miss" (item_stats.ItemStats.flags); none below MIN_LEARNERS."""
        return self.stats.flags()


def question_figures(
    counted: Iterable[_Learner],
    questions: Mapping[str, tuple[QuestionBank, QuestionBase]],
    misconceptions: Iterable[_WrongPick] = (),
) -> tuple[list[QuestionFigures], int]:
    """Figures for every lesson question in `questions` (full id → (bank, question), in course order), from the
    regraded files that count, and how many learners took "the test" (answered at least one lesson question);
    `misconceptions` (most picked first, as the roll-up sorts them) gives each question its most picked wrong
    answer."""
    test = {qid: bank for qid, (bank, _) in questions.items() if bank.lesson not in NOT_IN_TEST}
    xs: dict[str, list[float]] = {qid: [] for qid in test}
    ys: dict[str, list[float]] = {qid: [] for qid in test}
    takers = 0
    for h in counted:
        mine = [(qid, 1.0 if a.first_correct else 0.0) for qid, a in h.answers.items() if qid in test]
        takers += bool(mine)
        total = sum(mark for _, mark in mine)
        for qid, mark in mine:
            xs[qid].append(mark)
            ys[qid].append(total - mark)
    top: dict[str, _WrongPick] = {}
    for wrong in misconceptions:
        top.setdefault(wrong.question, wrong)
    out = []
    for qid, bank in test.items():
        q = questions[qid][1]
        pick = top.get(qid)
        out.append(
            QuestionFigures(
                qid,
                bank.lesson,
                q.goal or "",
                q.prompt,
                item_figures(qid, xs[qid], ys[qid]),
                pick.picked if pick else None,
                pick.count if pick else 0,
            )
        )
    return out, takers
