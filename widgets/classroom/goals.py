"""Did the class learn it, per goal: the before/after checks of the handed-in files, Hake's class gain over the
learners who did both, how many moved up a mastery band, and the per-learner table a teacher can download.

The checks' answers travel in a results file's ``checks`` (version 3, classroom/export.py), apart from every lesson
score; `grade_checks` regrades them against content/checks.yaml (an answer to another version is not counted).
The bands are engine/mastery.py's rule; the gain is classroom/item_stats.py's `class_gain`. Pure apart from
reading the course's content (cached).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from ..content.check_model import AFTER, BEFORE
from ..engine import mastery
from .check_grade import grade_checks
from .item_stats import Gain, class_gain
from .rollup import Duplicate, HandedIn

MIN_SHOWN = 5  # no class figure is shown for fewer learners than this
__all__ = ["MIN_SHOWN", "ClassGoals", "GoalRow", "LearnerGoals", "class_goals", "counted", "csv_text", "grade_checks"]


def counted(graded: Iterable[HandedIn], duplicates: Iterable[Duplicate]) -> list[HandedIn]:
    """The files the roll-up counts: a learner code in several files counts only the file the teacher picked."""
    dups = {d.learner: d.picked for d in duplicates}
    return [h for h in graded if h.learner not in dups or dups[h.learner] == h.file]


@dataclass(frozen=True)
class LearnerGoals:
    """One counted file's goals."""

    file: str
    name: str
    results: list[mastery.GoalResult]

    @property
    def both(self) -> bool:
        """Did both checks."""
        return bool(self.results) and self.results[0].before is not None and self.results[0].after is not None


@dataclass(frozen=True)
class GoalRow:
    """One goal over the class."""

    goal: str
    before_done: int  # learners who did the before-check
    after_done: int  # learners who did the after-check
    gain: Gain | None  # over the learners who did both (None: nobody did); gain.learners says how many
    moved_up: int  # of those, learners whose band is higher now than before

    @property
    def matched(self) -> int:
        return self.gain.learners if self.gain else 0

    @property
    def enough(self) -> bool:
        return self.matched >= MIN_SHOWN


@dataclass(frozen=True)
class ClassGoals:
    goals: list[GoalRow]
    learners: list[LearnerGoals]


def class_goals(
    files: Iterable[HandedIn],
    goals: Sequence[str],
    goal_questions: Mapping[str, Sequence[str]],
    check_goals: Mapping[str, str],
) -> ClassGoals:
    """Per goal and per learner, from the counted files (see `counted`)."""
    learners = []
    for h in files:
        first = {q: a.first_correct for q, a in h.answers.items()}
        before = {q: ok for q, ok in h.checks.items() if q.startswith(BEFORE + "/")}
        after = {q: ok for q, ok in h.checks.items() if q.startswith(AFTER + "/")}
        learners.append(
            LearnerGoals(h.file, h.name, mastery.goal_results(goals, goal_questions, first, before, after, check_goals))
        )
    rows = []
    for i, goal in enumerate(goals):
        mine = [le.results[i] for le in learners]
        pre = {le.file: r.before.percent for le, r in zip(learners, mine, strict=True) if r.before is not None}
        post = {le.file: r.after.percent for le, r in zip(learners, mine, strict=True) if r.after is not None}
        both = [r for r in mine if r.before is not None and r.after is not None]
        rows.append(GoalRow(goal, len(pre), len(post), class_gain(pre, post), mastery.moved_up(both)))
    return ClassGoals(rows, learners)


CSV_COLUMNS = (
    "file",
    "name",
    "goal",
    "before_right",
    "before_total",
    "after_right",
    "after_total",
    "first_tries",
    "first_tries_right",
    "band_before",
    "band_now",
)


def _cell(text: str) -> str:
    """A spreadsheet cell that cannot run as a formula (a name starting with =, +, - or @ is quoted)."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_text(result: ClassGoals) -> str:
    """The per-learner, per-goal table as CSV (one row per learner and goal; an empty cell: check not done)."""
    out = io.StringIO()
    w = csv.writer(out, lineterminator="\n")
    w.writerow(CSV_COLUMNS)
    for le in result.learners:
        for r in le.results:
            w.writerow(
                [
                    _cell(le.file),
                    _cell(le.name),
                    r.goal,
                    "" if r.before is None else r.before.right,
                    "" if r.before is None else r.before.total,
                    "" if r.after is None else r.after.right,
                    "" if r.after is None else r.after.total,
                    r.answered,
                    r.right,
                    r.before_band,
                    r.band,
                ]
            )
    return out.getvalue()
