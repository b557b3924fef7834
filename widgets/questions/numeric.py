"""Numeric: a number the lessons teach (a count, a duration), never a dose or a lab value."""

from __future__ import annotations

import math
import random
import re
from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from ..content.schema import FieldError, Text
from .base import AnswerError, QuestionBase, Result

# What counts as a number (the page uses the same rule, static/quiz.js): a plain decimal number, a comma for
# the decimal point allowed, spaces around it ignored; no digit groups, no "inf" or "nan".
_SPACE = " \t\n\r\f\v"
_NUMBER = re.compile(r"[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?", re.ASCII)
# A whole number typed as a word ("one", "Three") counts as that number; any other word gets the "nan" message.
# fmt: off
_WORDS = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen", "twenty",
)
# fmt: on


class Numeric(QuestionBase):
    """A number the lessons teach (a count, a duration), never a dose or a lab value."""

    KIND = "number"
    ONE_VALUE = True
    MESSAGES: ClassVar[dict[str, str]] = {
        "empty": "Type a number ({unit}) first.",
        "nan": "Type a number, like 3 ({unit}).",
    }
    HINT_KEYS: ClassVar[dict[str, str]] = {"low": "too-low", "high": "too-high"}
    SUMMARY: ClassVar[str] = "You answered {value} {unit}."
    NUMBER_WORDS: ClassVar[dict[str, int]] = {w: n for n, w in enumerate(_WORDS)}

    type: Literal["numeric"]
    answer: float
    tolerance: float = Field(0.0, ge=0)
    unit: Text
    low_feedback: Text
    high_feedback: Text
    minimum: float = 0
    maximum: float = 1000

    @model_validator(mode="after")
    def _answer_in_range(self) -> Numeric:
        if not self.minimum <= self.answer <= self.maximum:
            raise FieldError(
                "answer", f"answer {self.answer} lies outside minimum..maximum ({self.minimum}..{self.maximum})"
            )
        return self

    def grade(self, answer: Any) -> Result:
        if isinstance(answer, bool) or answer is None or (isinstance(answer, str) and not answer.strip(_SPACE)):
            raise AnswerError(self.MESSAGES["empty"].format(unit=self.unit), "empty")
        if isinstance(answer, str):
            text = answer.strip(_SPACE).replace(",", ".")
            word = self.NUMBER_WORDS.get(text.lower())
            value = float(word) if word is not None else float(text) if _NUMBER.fullmatch(text) else math.nan
        elif isinstance(answer, int | float):
            try:
                value = float(answer)
            except OverflowError:  # an integer past the largest float (10**400): no number a lesson asks for
                value = math.nan
        else:
            value = math.nan
        if not math.isfinite(value):
            raise AnswerError(self.MESSAGES["nan"].format(unit=self.unit), "nan")
        # a tiny epsilon so that a bound given in the file is inclusive despite float rounding
        diff = value - self.answer
        ok = abs(diff) <= self.tolerance + 1e-9
        key = "right" if ok else ("low" if diff < 0 else "high")
        shown = f"{value:g}"
        return Result(
            ok,
            [shown],
            [self.texts()[key]],
            self.explanation,
            self.SUMMARY.format(value=shown, unit=self.unit_for(value)),
            keys=[key],
        )

    def messages(self) -> dict[str, str]:
        return {f"invalid:{k}": v.format(unit=self.unit) for k, v in self.MESSAGES.items()}

    def texts(self) -> dict[str, str]:
        return {
            "right": "Right.",
            "low": self.low_feedback,
            "high": self.high_feedback,
            "too-low": "Your answer is too low.",
            "too-high": "Your answer is too high.",
        }

    def unit_for(self, value: float) -> str:
        """The unit as it reads after `value`: "1 nerve cell", "2 nerve cells" (banks give units as plurals)."""
        return self.unit[:-1] if value == 1 and self.unit.endswith("s") and not self.unit.endswith("ss") else self.unit

    def correct_answer_text(self) -> str:
        tol = f" (± {self.tolerance:g})" if self.tolerance else ""
        return f"{self.answer:g} {self.unit_for(self.answer)}{tol}"

    def _too(self, side: str) -> str:
        return f"{'below' if side == 'low' else 'above'} {self.answer:g} {self.unit_for(self.answer)}"

    def misconceptions(self) -> list[tuple[str, str]]:
        return [
            (f"Too low ({self._too('low')})", self.low_feedback),
            (f"Too high ({self._too('high')})", self.high_feedback),
        ]

    def wrong_picks(self, chosen: list[str]) -> list[tuple[str, str]]:
        try:
            value = float(chosen[0].replace(",", "."))
        except (IndexError, ValueError):
            return []
        if value < self.answer:
            return [(f"too low ({self._too('low')})", self.low_feedback)]
        return [(f"too high ({self._too('high')})", self.high_feedback)]

    def right_answer(self) -> float:
        return self.answer

    def wrong_answer(self, rng: random.Random) -> float:
        low = self.answer - self.tolerance - 1
        return (
            low if low >= self.minimum and rng.random() < 0.5 else min(self.maximum, self.answer + self.tolerance + 2)
        )
