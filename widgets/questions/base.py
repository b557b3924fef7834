"""What every question type is and does: the shared fields, the graded `Result`, and the methods a type fills in.

A question type is a subclass of `QuestionBase` with a `type: Literal["<name>"]` field, registered with
`registry.register` (see truefalse.py for a short one). Its view-side input control is registered under
the same name in widgets/views/inputs.py.
"""

from __future__ import annotations

import random
from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pydantic import Field

from ..content.schema import FieldError, Id, Strict, Text, _unique


@dataclass(frozen=True)
class Result:
    """The outcome of one attempt."""

    correct: bool
    chosen: list[str]  # what was answered, as ids (or the number, as text)
    feedback: list[str] = field(default_factory=list)  # one line per chosen/missed option or item
    explanation: str = ""
    summary: str = ""  # e.g. "2 of 3 right options ticked"
    valid: bool = True  # False: the answer was empty or of the wrong kind; not recorded
    keys: list[str] = field(default_factory=list)  # one feedback key per `feedback` line (see `texts`)


class AnswerError(ValueError):
    """The answer is empty or not of the kind this question needs; `key` names which message it is."""

    def __init__(self, message: str, key: str = "invalid"):
        super().__init__(message)
        self.key = key


class QuestionBase(Strict, ABC):
    """The fields every question has, and what each type must answer about itself."""

    KIND: ClassVar[str]  # the answer key's word for the type, e.g. "choose one"
    ONE_VALUE: ClassVar[bool] = False  # the answer is one id or text (not a list of them)
    # Feedback keys a first wrong try may show (it shows the hint, never the answer): key → the key shown
    # instead, e.g. numeric "low" → "too-low". Keys not listed are held back until the answer is shown.
    HINT_KEYS: ClassVar[dict[str, str]] = {}
    MESSAGES: ClassVar[dict[str, str]] = {}  # why an answer is refused, by AnswerError key

    def messages(self) -> dict[str, str]:
        """The refusal messages as `grade` words them, keyed like an invalid Result's key ("invalid:empty")."""
        return {f"invalid:{k}": v for k, v in self.MESSAGES.items()}

    type: str  # each type narrows it to its registered name: `type: Literal["<name>"]`
    id: Id
    prompt: Text
    explanation: Text
    topic: str | None = Field(None, description="Glossary term or foot-map region this question is about.")
    goal: Id | None = Field(
        None,
        description="The course's learning goal this question checks (course.yaml's goals); a lesson bank needs it.",
    )
    hint: Text = Field(description="A nudge shown on request or after a wrong try; never the answer.")
    section_check: bool = Field(
        False,
        description="Asked inside a lesson section (quiz(lesson, questions=[id])), not in the recap quiz at the end.",
    )

    @abstractmethod
    def grade(self, answer: Any) -> Result:
        """Grade a learner's answer; raise AnswerError when it is empty or of the wrong kind."""

    @abstractmethod
    def correct_answer_text(self) -> str:
        """The right answer in words (the answer key, the class roll-up)."""

    @abstractmethod
    def misconceptions(self) -> list[tuple[str, str]]:
        """(wrong answer, the bank's feedback to it) for every wrong answer the bank gives feedback to."""

    @abstractmethod
    def wrong_picks(self, chosen: list[str]) -> list[tuple[str, str]]:
        """(what was picked, the bank's feedback) for each wrong part of a saved answer (the class roll-up)."""

    @abstractmethod
    def right_answer(self) -> Any:
        """An answer `grade` marks right (made-up class results)."""

    @abstractmethod
    def wrong_answer(self, rng: random.Random) -> Any:
        """A plausible wrong answer (made-up class results); the first wrong option is the most tempting one."""

    def texts(self) -> dict[str, str]:
        """Every feedback key `grade` can give (Result.keys) → its text; the page grades with these."""
        return {}

    def hint_keys(self) -> dict[str, str]:
        """What a first wrong try shows instead of a feedback key (HINT_KEYS, plus a choice question's why_not
        for each wrong option); keys not listed wait until the answer is shown."""
        return dict(self.HINT_KEYS)

    def answer_from_saved(self, chosen: list[str]) -> Any:
        """The answer `grade` takes, rebuilt from the ids (or text) saved with an attempt."""
        if self.ONE_VALUE:
            return chosen[0] if len(chosen) == 1 else None
        return list(chosen)


class Option(Strict):
    """One answer option of a choice question."""

    id: Id
    text: Text
    feedback: Text = Field(
        description="Shown once the answer is out (a right try, a second wrong try, Show the answer)."
    )
    why_not: Text | None = Field(
        None,
        description="A wrong option only: the misconception it shows, in plain words, shown on a first wrong try "
        "with the hint. It never gives the right answer (the loader refuses one that contains a right option's text).",
    )
    keep_last: bool = Field(False, description="Keep at the end when shuffling (e.g. 'none of the above').")


def _words(text: str) -> str:
    """Text compared for giving the answer away: lower case, one space between words, no end punctuation."""
    return " ".join(text.casefold().split()).rstrip(".!?;:, ")


def check_answer_keys(options: list[Option], answers: list[str]) -> None:
    """The option ids are unique, every answer is one of them, and every wrong option (only those) has a
    `why_not` that does not contain a right option's text."""
    ids = [o.id for o in options]
    _unique(ids, "option")
    for a in answers:
        if a not in ids:
            raise FieldError("answer", f"answer {a!r} is not among the option ids {ids}")
    right = [o for o in options if o.id in answers]
    for n, o in enumerate(options):
        where = f"options[{n}].why_not"
        if o.id in answers:
            if o.why_not is not None:
                raise FieldError(where, f"option {o.id!r} is a right answer: only wrong options have a why_not")
            continue
        if o.why_not is None:
            raise FieldError(
                where, f"wrong option {o.id!r} needs a why_not (why that choice is wrong, without the answer)"
            )
        for r in right:
            if _words(r.text) in _words(o.why_not):
                raise FieldError(
                    where,
                    f"the why_not of option {o.id!r} gives the answer away: it contains the right option "
                    f"{r.id!r} ({r.text!r})",
                )


def wrong_option_feedback(options: list[Option], right: frozenset[str]) -> list[tuple[str, str]]:
    """(text, why_not) of every option that is not right: a choice question's misconceptions."""
    return [(o.text, o.why_not or o.feedback) for o in options if o.id not in right]


def why_not_keys(options: list[Option], right: frozenset[str]) -> dict[str, str]:
    """A choice question's first-try keys: each wrong option's feedback key → its why_not key."""
    return {f"option:{o.id}": f"why_not:{o.id}" for o in options if o.id not in right}
