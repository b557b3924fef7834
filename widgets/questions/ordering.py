"""Ordering: put the items in order."""

from __future__ import annotations

import random
from typing import Any, Literal

from pydantic import Field, model_validator

from ..schema import Id, Strict, Text, _unique
from .base import AnswerError, QuestionBase, Result


class OrderItem(Strict):
    id: Id
    text: Text


class Ordering(QuestionBase):
    """Put the items in order; `items` is listed in the right order."""

    KIND = "put in order"

    type: Literal["ordering"]
    items: list[OrderItem] = Field(min_length=3)
    wrong_feedback: Text

    @model_validator(mode="after")
    def _unique_items(self) -> Ordering:
        _unique([i.id for i in self.items], "item")
        return self

    def grade(self, answer: Any) -> Result:
        if answer is None or isinstance(answer, str):
            raise AnswerError("Put every step in a place first.")
        chosen = list(answer)
        expected = self.right_answer()
        if any(c is None or c == "" for c in chosen) or len(chosen) != len(expected):
            raise AnswerError("Put every step in a place first.")
        if sorted(chosen) != sorted(expected):
            raise AnswerError("Use each step once.")
        in_place = sum(a == b for a, b in zip(chosen, expected, strict=False))
        ok = in_place == len(expected)
        fb = "Right." if ok else self.wrong_feedback
        return Result(ok, chosen, [fb], self.explanation, f"{in_place} of {len(expected)} steps in the right place")

    def correct_answer_text(self) -> str:
        return " → ".join(i.text for i in self.items)

    def misconceptions(self) -> list[tuple[str, str]]:
        return [("A wrong order", self.wrong_feedback)]

    def wrong_picks(self, chosen: list[str]) -> list[tuple[str, str]]:
        texts = {i.id: i.text for i in self.items}
        return [(" → ".join(texts.get(c, c) for c in chosen), self.wrong_feedback)]

    def right_answer(self) -> list[str]:
        return [i.id for i in self.items]

    def wrong_answer(self, rng: random.Random) -> list[str]:
        ids = self.right_answer()
        ids[0], ids[1] = ids[1], ids[0]
        return ids
