"""Did the class learn it, and which questions work: item statistics as Moodle's quiz report defines them, and
the class normalised gain of physics-education research. Pure functions over marks; no files, no views.

Per question (Moodle, question/classes/statistics/questions/calculator.php), over n learners, x = the learner's
mark on the question, y = the rest of the test's mark (the total without this question), sample statistics (n-1):

- facility = 100 x mean(x) / maximum mark;
- discrimination index = 100 x r(x, y), Pearson's correlation: cov(x, y) / sqrt(var(x) var(y));
- discriminative efficiency = 100 x cov(x, y) / cov_max(x, y), where cov_max pairs the marks of x and y each
  sorted from low to high (the largest covariance those marks could have).

A figure that cannot be computed (no spread in x or in y) is None. "The test" is whatever the caller passes:
the class-results page uses each learner's first tries over the course's lesson questions (1 right, 0 not).

Class gain (Hake 1998): <g> = (post mean - pre mean) / (100 - pre mean) over the learners who did both checks,
from the class means (not a mean of each learner's gain); None when the pre mean is 100.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

MIN_LEARNERS = 20  # below this many learners a question's figures are "too few to say"
TOO_EASY = 90.0  # facility at or above: almost everyone gets it right
TOO_HARD = 20.0  # facility at or below: almost no one does
WEAK_DISCRIMINATION = 0.0  # discrimination index below: strong learners miss it more often than weak ones


def _mean(v: Sequence[float]) -> float:
    return sum(v) / len(v)


def _cov(x: Sequence[float], y: Sequence[float]) -> float:
    mx, my = _mean(x), _mean(y)
    return sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True)) / (len(x) - 1)


@dataclass(frozen=True)
class ItemStats:
    """One question's figures over `learners` learners (None where there is no spread to compute from)."""

    question: str
    learners: int
    facility: float  # 0-100
    discrimination: float | None  # -100..100
    efficiency: float | None  # -100..100

    @property
    def enough(self) -> bool:
        """Enough learners to say anything about the question."""
        return self.learners >= MIN_LEARNERS

    def flags(self) -> tuple[str, ...]:
        """What a teacher should look at: "too_easy", "too_hard", "strong_miss" (strong learners get it wrong more
        often than weak ones); none below MIN_LEARNERS."""
        if not self.enough:
            return ()
        out = []
        if self.facility >= TOO_EASY:
            out.append("too_easy")
        if self.facility <= TOO_HARD:
            out.append("too_hard")
        if self.discrimination is not None and self.discrimination < WEAK_DISCRIMINATION:
            out.append("strong_miss")
        return tuple(out)


def item_stats(
    marks: Mapping[str, Mapping[str, float]], questions: Sequence[str], max_mark: float = 1.0
) -> list[ItemStats]:
    """Figures for each of `questions`, from ``marks[learner][question]`` (a question a learner left out counts 0).

    Every learner in `marks` takes part; the rest of the test is the learner's total over `questions` without the
    question itself.
    """
    learners = list(marks)
    rows = [[float(marks[le].get(q, 0.0)) for q in questions] for le in learners]
    totals = [sum(r) for r in rows]
    out = []
    for j, q in enumerate(questions):
        x = [r[j] for r in rows]
        out.append(item_figures(q, x, [t - xi for t, xi in zip(totals, x, strict=True)], max_mark))
    return out


def item_figures(question: str, x: Sequence[float], y: Sequence[float], max_mark: float = 1.0) -> ItemStats:
    """One question's figures from its marks `x` and the rest of the test's marks `y`, learner by learner (the
    class-results page passes only the learners who answered the question)."""
    n = len(x)
    facility = 100 * _mean(x) / max_mark if n else 0.0
    disc = eff = None
    if n >= 2:
        cov, vx, vy = _cov(x, y), _cov(x, x), _cov(y, y)
        if vx > 0 and vy > 0:
            disc = 100 * cov / math.sqrt(vx * vy)
            cov_max = _cov(sorted(x), sorted(y))
            eff = 100 * cov / cov_max if cov_max > 0 else None
    return ItemStats(question, n, facility, disc, eff)


@dataclass(frozen=True)
class Gain:
    """One goal's class figures over the learners who did both checks."""

    learners: int
    pre_mean: float
    post_mean: float
    pre_spread: float  # sample standard deviation (n-1); 0 for one learner
    post_spread: float
    gain: float | None  # Hake's <g>; None when the pre mean is 100 (nothing left to gain)


def class_gain(pre: Mapping[str, float], post: Mapping[str, float]) -> Gain | None:
    """Hake's class gain from percentages by learner; only learners in both count. None when no learner did both."""
    both = [le for le in pre if le in post]
    if not both:
        return None
    a, b = [float(pre[le]) for le in both], [float(post[le]) for le in both]
    pm, qm = _mean(a), _mean(b)
    gain = None if pm >= 100 else (qm - pm) / (100 - pm)
    return Gain(len(both), pm, qm, _spread(a), _spread(b), gain)


def _spread(v: Sequence[float]) -> float:
    return math.sqrt(_cov(v, v)) if len(v) > 1 else 0.0
