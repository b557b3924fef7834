"""Numeric: a number the lessons teach (a count, a duration), never a dose or a lab value."""

from __future__ import annotations

import math
import random
from typing import Any, Literal

from pydantic import Field, model_validator

from ..schema import FieldError, Text
from .base import AnswerError, QuestionBase, Result


class Numeric(QuestionBase):
    """A number the lessons teach (a count, a duration), never a dose or a lab value."""

    KIND = "number"
    ONE_VALUE = True

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
        if isinstance(answer, bool) or answer is None or (isinstance(answer, str) and not answer.strip()):
            raise AnswerError(f"Type a number ({self.unit}) first.")
        try:
            value = float(answer.strip().replace(",", ".")) if isinstance(answer, str) else float(answer)
        except (TypeError, ValueError):
            raise AnswerError(f"Type a number, such as 3 ({self.unit}).") from None
        if not math.isfinite(value):
            raise AnswerError(f"Type a number, such as 3 ({self.unit}).")
        # a tiny epsilon so that a bound given in the file is inclusive despite float rounding
        diff = value - self.answer
        ok = abs(diff) <= self.tolerance + 1e-9
        fb = "Right." if ok else (self.low_feedback if diff < 0 else self.high_feedback)
        shown = f"{value:g}"
        return Result(ok, [shown], [fb], self.explanation, f"You answered {shown} {self.unit}.")

    def correct_answer_text(self) -> str:
        tol = f" (± {self.tolerance:g})" if self.tolerance else ""
        return f"{self.answer:g} {self.unit}{tol}"

    def _too(self, side: str) -> str:
        return f"{'below' if side == 'low' else 'above'} {self.answer:g} {self.unit}"

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
