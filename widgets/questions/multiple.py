"""Multiple select: any non-empty subset of the options is right; the learner must tick exactly that subset."""

from __future__ import annotations

import random
from typing import Any, ClassVar, Literal

from pydantic import Field, model_validator

from ..content.schema import Id, _unique
from .base import AnswerError, Option, QuestionBase, Result, check_answer_keys, why_not_keys, wrong_option_feedback


class MultipleSelect(QuestionBase):
    """Any non-empty subset of the options is right; the learner must tick exactly that subset."""

    KIND = "tick all that fit"
    MESSAGES: ClassVar[dict[str, str]] = {
        "empty": "Tick at least one box first.",
        "unknown": "That is not one of the options.",
    }
    MISSED: ClassVar[str] = "You missed one: {text}."
    SUMMARY: ClassVar[str] = "{hits} of {total} right options ticked"
    SUMMARY_WRONG: ClassVar[str] = ", {wrong} wrong"

    type: Literal["multiple"]
    options: list[Option] = Field(min_length=2)
    answer: list[Id] = Field(min_length=1)

    @model_validator(mode="after")
    def _answers_known(self) -> MultipleSelect:
        _unique(self.answer, "answer")
        check_answer_keys(self.options, self.answer)
        return self

    @property
    def correct_ids(self) -> frozenset[str]:
        return frozenset(self.answer)

    def grade(self, answer: Any) -> Result:
        if not isinstance(answer, list | tuple):
            raise AnswerError(self.MESSAGES["empty"], "empty")
        if not answer:
            raise AnswerError(self.MESSAGES["empty"], "empty")
        ids = {o.id: o for o in self.options}
        if any(not isinstance(c, str) or c not in ids for c in answer):  # before hashing: a list is no id
            raise AnswerError(self.MESSAGES["unknown"], "unknown")
        chosen = list(dict.fromkeys(answer))
        right = self.correct_ids
        picked = set(chosen)
        keys = [f"option:{c}" for c in chosen]
        keys += [f"missed:{o.id}" for o in self.options if o.id in right and o.id not in picked]
        hits, wrong = len(picked & right), len(picked - right)
        summary = self.SUMMARY.format(hits=hits, total=len(right)) + (
            self.SUMMARY_WRONG.format(wrong=wrong) if wrong else ""
        )
        ordered = [o.id for o in self.options if o.id in picked]
        texts = self.texts()
        return Result(picked == right, ordered, [texts[k] for k in keys], self.explanation, summary, keys=keys)

    def texts(self) -> dict[str, str]:
        out = {f"option:{o.id}": o.feedback for o in self.options}
        out.update({f"missed:{o.id}": self.MISSED.format(text=o.text.rstrip(".")) for o in self.options})
        out.update({f"why_not:{o.id}": o.why_not for o in self.options if o.why_not})
        return out

    def hint_keys(self) -> dict[str, str]:
        return why_not_keys(self.options, self.correct_ids)

    def correct_answer_text(self) -> str:
        return "; ".join(o.text for o in self.options if o.id in self.correct_ids)

    def misconceptions(self) -> list[tuple[str, str]]:
        return wrong_option_feedback(self.options, self.correct_ids)

    def wrong_picks(self, chosen: list[str]) -> list[tuple[str, str]]:
        opts = {o.id: o for o in self.options}
        picked = set(chosen)
        out = [
            (f"ticked: {opts[c].text}", opts[c].why_not or opts[c].feedback)
            for c in chosen
            if c in opts and c not in self.correct_ids
        ]
        out += [
            (f"left out: {o.text}", self.explanation)
            for o in self.options
            if o.id in self.correct_ids and o.id not in picked
        ]
        return out

    def right_answer(self) -> list[str]:
        return [o.id for o in self.options if o.id in self.correct_ids]

    def wrong_answer(self, rng: random.Random) -> list[str]:
        right = self.right_answer()
        wrong = [o.id for o in self.options if o.id not in self.correct_ids]
        if wrong and (rng.random() < 0.6 or len(right) == 1):
            return [*right, wrong[0] if rng.random() < 0.7 else rng.choice(wrong)]
        return right[:-1]
