"""True or false: a statement that is true or false."""

from __future__ import annotations

import random
from typing import Any, ClassVar, Literal

from ..content.schema import Text
from .base import AnswerError, QuestionBase, Result


class TrueFalse(QuestionBase):
    """A statement that is true or false; `wrong_feedback` answers the learner who picks the other one."""

    KIND = "true or false"
    ONE_VALUE = True
    MESSAGES: ClassVar[dict[str, str]] = {"empty": "Choose True or False first."}

    type: Literal["truefalse"]
    answer: bool
    wrong_feedback: Text

    def grade(self, answer: Any) -> Result:
        if isinstance(answer, str) and answer.lower() in ("true", "false"):
            answer = answer.lower() == "true"
        if not isinstance(answer, bool):
            raise AnswerError(self.MESSAGES["empty"], "empty")
        ok = answer == self.answer
        key = "right" if ok else "wrong"
        return Result(ok, [str(answer).lower()], [self.texts()[key]], self.explanation, keys=[key])

    def texts(self) -> dict[str, str]:
        return {"right": "Right.", "wrong": self.wrong_feedback}

    def correct_answer_text(self) -> str:
        return "True" if self.answer else "False"

    def misconceptions(self) -> list[tuple[str, str]]:
        return [(f"Answering {'False' if self.answer else 'True'}", self.wrong_feedback)]

    def wrong_picks(self, chosen: list[str]) -> list[tuple[str, str]]:
        return [("True" if not self.answer else "False", self.wrong_feedback)]

    def right_answer(self) -> bool:
        return self.answer

    def wrong_answer(self, rng: random.Random) -> bool:
        return not self.answer
