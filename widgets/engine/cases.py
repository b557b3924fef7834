"""Pure grading of the lesson 04 practice stories: the learner's choice → right, more cautious (fine), or too little."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import cast

from ..content.load import CASES_PATH, ContentError, check_case_reasons, load_file, load_triage_rules
from ..content.model import CaseStories, CaseStory
from ..content.vocab import OUTCOMES, SEVERITY, CareOutcome


def choices(region: str | None = None) -> tuple[tuple[str, str], ...]:
    """The steps a learner can pick, most urgent first (every outcome, urgent care included), as (outcome id,
    label from triage.yaml with `region`'s services filled in; care.yaml's default region for None)."""
    rules = load_triage_rules(region=region)
    return tuple((oid, rules.outcome(oid).choice) for oid in OUTCOMES)


@dataclass(frozen=True)
class Judgement:
    """The outcome of one practice decision."""

    chosen: str  # outcome id the learner picked
    expected: str  # outcome id the story expects
    correct: bool  # exactly the story's step
    more_cautious: bool  # a more urgent step than needed: never marked wrong
    hint: str  # empty when right; what the chosen step is for (more cautious), or what the story has (too little)
    reason: str  # the story's own reason, always shown

    @property
    def accepted(self) -> bool:
        """Right, or more cautious than needed: not wrong."""
        return self.correct or self.more_cautious


class ChoiceError(ValueError):
    """The choice is not one of the outcomes (or nothing was chosen)."""


def judge(stories: CaseStories, story: CaseStory, choice: str | None) -> Judgement:
    """Compare a learner's choice with the story's expected step.

    Parameters
    ----------
    stories : CaseStories
        The story file (for the `more_cautious` and `too_little` texts).
    story : CaseStory
        One of its stories.
    choice : str or None
        An outcome id.

    Returns
    -------
    Judgement
        Right; more cautious (accepted, never wrong: the hint says what the chosen step is for, so a learner who
        picks the emergency number for a story with no emergency sign learns what it is for, without praise);
        or too little (the hint says what the story has that needs the expected step).

    Raises
    ------
    ChoiceError
        If nothing (or an unknown id) was chosen.
    """
    if choice not in OUTCOMES:
        raise ChoiceError(
            "Choose one of the steps first."
            if choice in (None, "")
            else f"unknown choice {choice!r}; expected one of {list(OUTCOMES)}"
        )
    ok = choice == story.expected
    cautious = SEVERITY[choice] > SEVERITY[story.expected]
    if ok:
        hint = ""
    elif cautious:  # more cautious than some step: a care step (no_warning_signs is the least cautious)
        hint = stories.more_cautious[cast(CareOutcome, choice)]
    else:  # less cautious than the story's step: that step is a care step
        hint = stories.too_little[cast(CareOutcome, story.expected)]
    return Judgement(choice, story.expected, ok, cautious, hint, story.reason)


def check_case_stories(stories: CaseStories, path: Path | str, region: str | None = None) -> CaseStories:
    """Refuse a story whose expected step differs from what the self-check rules give for its answers (the
    triage engine over content/triage.yaml is the one place that decides), or a self-care story whose reason
    no longer says when to see a healthcare professional."""
    from .triage import triage

    check_case_reasons(stories, path)
    rules = load_triage_rules(region=region)
    for s in stories.stories:
        outcome = triage(s.answers, rules).outcome
        if s.expected != outcome:
            raise ContentError(
                path,
                s.id,
                "expected",
                f"expected {s.expected!r}, but the self-check rules give {outcome!r} for these answers",
            )
    return stories


@lru_cache(maxsize=16)
def load_cases(region: str | None = None) -> CaseStories:
    """The practice stories of lesson 04 (content/cases.yaml), validated and checked for safety, with the
    services of `region` (care.yaml's default region for None) filled in."""
    return check_case_stories(load_file(CaseStories, CASES_PATH, region), CASES_PATH, region)
