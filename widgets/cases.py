"""Pure grading of the lesson 04 practice stories: the learner's choice → right or wrong, and why."""

from __future__ import annotations

from dataclasses import dataclass

from .model import CaseStory

# The three choices the learner has, in the order shown, as (outcome id, label).
CHOICES = (
    ("no_warning_signs", "Self-care is fine for now"),
    ("professional", "See a healthcare professional"),
    ("urgent", "Get urgent medical help now"),
)
LABELS = dict(CHOICES)
_RANK = {"no_warning_signs": 0, "professional": 1, "urgent": 2}

# What to tell a learner whose choice differs from the story's step, keyed by (chosen, expected).
_HINTS = {
    ("no_warning_signs", "professional"):
        "Self-care is not enough here. Look again for a red flag or a \"not sure\": "
        "any one of them means see a healthcare professional.",
    ("no_warning_signs", "urgent"):
        "This is not a time for self-care or waiting. The story has an urgent sign.",
    ("professional", "urgent"):
        "A normal appointment is too slow here. The story has an urgent sign, so help is needed now.",
    ("urgent", "professional"):
        "Getting help is never a mistake. But no urgent sign is in this story, so the step is to "
        "book a visit with a healthcare professional soon.",
    ("urgent", "no_warning_signs"):
        "Asking for help is never a mistake. But this story has no urgent sign and no red flag, "
        "so self-care is a fair first step for now.",
    ("professional", "no_warning_signs"):
        "Seeing a professional is never a mistake. But this story has no red flag and no \"not sure\", "
        "so self-care is a fair first step for now.",
}


@dataclass(frozen=True)
class Judgement:
    """The outcome of one practice decision."""

    correct: bool
    chosen: str          # outcome id the learner picked
    expected: str        # outcome id the story expects
    hint: str            # empty when correct; otherwise what to look at again
    reason: str          # the story's own reason, always shown
    too_cautious: bool   # wrong, but on the safe side (chose a more serious step than needed)


class ChoiceError(ValueError):
    """The choice is not one of CHOICES (or nothing was chosen)."""


def judge(story: CaseStory, choice: str | None) -> Judgement:
    """Compare a learner's choice with the story's expected step.

    Parameters
    ----------
    story : CaseStory
        One story from content/cases.yaml.
    choice : str or None
        An outcome id from CHOICES.

    Returns
    -------
    Judgement
        Right or wrong, a hint when wrong, and the story's reason.

    Raises
    ------
    ChoiceError
        If nothing (or an unknown id) was chosen.
    """
    if choice not in LABELS:
        raise ChoiceError("Choose one of the three steps first." if choice in (None, "")
                          else f"unknown choice {choice!r}; expected one of {list(LABELS)}")
    ok = choice == story.expected
    return Judgement(correct=ok, chosen=choice, expected=story.expected,
                     hint="" if ok else _HINTS[(choice, story.expected)], reason=story.reason,
                     too_cautious=_RANK[choice] > _RANK[story.expected])
