"""What the LMS exports share: the notes that say where a format cannot hold a question exactly, plain text.

The three writers (lms_qti.py, lms_moodle.py, lms_gift.py) each map every question type to the
closest type of their format. Where the format cannot hold the question as the lessons ask it, the
writer adds a `Note`: it goes into the file as a comment beside the question and is printed by
`python -m widgets.lms.bank`. A question type a writer has no mapping for is an `ExportError`,
never a silent skip.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TypeVar

from ..content.model import QuestionBank
from ..questions import Numeric, QuestionBase

T = TypeVar("T")


class ExportError(ValueError):
    """A question cannot be exported (its type has no mapping in a format)."""


@dataclass(frozen=True)
class Note:
    """A place where a format holds a question differently from the lessons."""

    fmt: str  # "QTI 1.2", "Moodle XML", "GIFT"
    question: str  # full id, e.g. "01-physiology/q3"
    text: str

    def __str__(self) -> str:
        return f"{self.fmt}: {self.question}: {self.text}"


@dataclass
class Notes:
    """The notes one format collects while it writes one bank."""

    fmt: str
    items: list[Note] = field(default_factory=list)

    def add(self, question: str, text: str) -> str:
        self.items.append(Note(self.fmt, question, text))
        return text


def one_line(text: str) -> str:
    """Content text on one line (the banks' folded YAML already is; this also tidies stray spaces)."""
    return " ".join(str(text).split())


def xml_comment(text: str) -> str:
    """Text that is safe inside an XML comment (which may not hold "--")."""
    return " " + re.sub(r"-(?=-)", "- ", text) + " "


def handler(table: dict[str, T], question: QuestionBase, fmt: str) -> T:
    """The writer function for this question's type, or one clear error naming the type and the format."""
    try:
        return table[question.type]
    except KeyError:
        raise ExportError(
            f"{fmt} has no mapping for question type {question.type!r} (question {question.id!r}); "
            f"add one to the {fmt} writer, next to {', '.join(sorted(table))}"
        ) from None


def numeric_ranges(q: Numeric) -> list[tuple[float, float, str]]:
    """(low, high, feedback) of the wrong ranges a numeric question answers: below and above the right one."""
    out = []
    if q.minimum < q.answer - q.tolerance:
        out.append((q.minimum, q.answer - q.tolerance, q.low_feedback))
    if q.answer + q.tolerance < q.maximum:
        out.append((q.answer + q.tolerance, q.maximum, q.high_feedback))
    return out


# Texts of the notes the writers share (one home per wording).
PARTIAL_CREDIT = (
    "the lessons count a tick-all-that-fit question right only when exactly the right options are ticked; "
    "here each right tick earns a share and any wrong tick takes the score to 0, so a learner who misses "
    "one right option gets part marks"
)
CANVAS_PARTIAL_CREDIT = (
    "the lessons count a tick-all-that-fit question right only when exactly the right options are ticked; "
    "Canvas scores a multiple-answers question by its own rule (part marks per tick in Classic Quizzes): "
    "check the quiz's scoring after import"
)
ORDER_AS_MATCHING = (
    "{fmt} has no ordering question; exported as matching: each step is matched to its place "
    "(1 = first), and each step placed right earns a share, while the lessons count it right only when "
    "every step is in place"
)
HINT_AS_FEEDBACK = (
    "{fmt} has no hints; the hint is put in the feedback shown after a wrong answer (the lessons show it on "
    "request or after a wrong try)"
)


Writer = Callable[[QuestionBank, Notes], bytes]
