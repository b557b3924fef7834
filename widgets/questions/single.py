"""Single choice: exactly one option is right."""

from __future__ import annotations

import random
from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from ..content.schema import Id
from .base import AnswerError, Option, QuestionBase, Result, check_answer_keys, why_not_keys, wrong_option_feedback


class SingleChoice(QuestionBase):
    """Exactly one option is right."""

    KIND = "choose one"
    ONE_VALUE = True
    MESSAGES: ClassVar[dict[str, str]] = {
        "empty": "Choose one answer first.",
        "unknown": "That is not one of the options.",
    }

    type: Literal["single"]
    options: list[Option] = Field(min_length=2)
    answer: Id

    @model_validator(mode="after")
    def _answer_known(self) -> SingleChoice:
        check_answer_keys(self.options, [self.answer])
        return self

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset([self.answer])

    def grade(self, answer: Any) -> Result:
        ids = {o.id: o for o in self.options}
        if answer is None or answer == "":
            raise AnswerError(self.MESSAGES["empty"], "empty")
        if not isinstance(answer, str) or answer not in ids:
            raise AnswerError(self.MESSAGES["unknown"], "unknown")
        return Result(
            answer == self.answer, [answer], [ids[answer].feedback], self.explanation, keys=[f"option:{answer}"]
        )

    def texts(self) -> dict[str, str]:
        out = {f"option:{o.id}": o.feedback for o in self.options}
        out.update({f"why_not:{o.id}": o.why_not for o in self.options if o.why_not})
        return out

    def hint_keys(self) -> dict[str, str]:
        return why_not_keys(self.options, self.correct_ids)

    def correct_answer_text(self) -> str:
        return next(o.text for o in self.options if o.id == self.answer)

    def misconceptions(self) -> list[tuple[str, str]]:
        return wrong_option_feedback(self.options, self.correct_ids)

    def wrong_picks(self, chosen: list[str]) -> list[tuple[str, str]]:
        opts = {o.id: o for o in self.options}
        return [(opts[c].text, opts[c].why_not or opts[c].feedback) for c in chosen if c in opts and c != self.answer]

    def right_answer(self) -> str:
        return self.answer

    def wrong_answer(self, rng: random.Random) -> str:
        wrong = [o.id for o in self.options if o.id != self.answer]
        return wrong[0] if rng.random() < 0.6 else rng.choice(wrong)
