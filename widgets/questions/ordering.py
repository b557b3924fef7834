"""Ordering: put the items in order."""

from __future__ import annotations

import random
from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from ..content.schema import Id, Strict, Text, _unique
from .base import AnswerError, QuestionBase, Result


class OrderItem(Strict):
    id: Id
    text: Text


class Ordering(QuestionBase):
    """Put the items in order; `items` is listed in the right order."""

    KIND = "put in order"
    MESSAGES: ClassVar[dict[str, str]] = {
        "empty": "Put every step in a place first.",
        "repeated": "Use each step once.",
    }
    SUMMARY: ClassVar[str] = "{right} of {total} steps in the right place"

    type: Literal["ordering"]
    items: list[OrderItem] = Field(min_length=3)
    wrong_feedback: Text

    @model_validator(mode="after")
    def _unique_items(self) -> Ordering:
        _unique([i.id for i in self.items], "item")
        return self

    def grade(self, answer: Any) -> Result:
        if not isinstance(answer, list | tuple):
            raise AnswerError(self.MESSAGES["empty"], "empty")
        chosen = list(answer)
        expected = self.right_answer()
        if any(c is None or c == "" for c in chosen) or len(chosen) != len(expected):
            raise AnswerError(self.MESSAGES["empty"], "empty")
        if not all(isinstance(c, str) for c in chosen) or sorted(chosen) != sorted(expected):
            raise AnswerError(self.MESSAGES["repeated"], "repeated")
        in_place = sum(a == b for a, b in zip(chosen, expected, strict=False))
        ok = in_place == len(expected)
        key = "right" if ok else "wrong"
        summary = self.SUMMARY.format(right=in_place, total=len(expected))
        return Result(ok, chosen, [self.texts()[key]], self.explanation, summary, keys=[key])

    def texts(self) -> dict[str, str]:
        return {"right": "Right.", "wrong": self.wrong_feedback}

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
