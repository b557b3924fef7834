"""Pure grading: a learner's answer to a question → right or wrong, feedback, explanation."""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from .model import MultipleSelect, Numeric, Ordering, SingleChoice, TrueFalse


@dataclass(frozen=True)
class Result:
    """The outcome of one attempt."""

    correct: bool
    chosen: list[str]                      # what was answered, as ids (or the number, as text)
    feedback: list[str] = field(default_factory=list)  # one line per chosen/missed option or item
    explanation: str = ""
    summary: str = ""                      # e.g. "2 of 3 right options ticked"
    valid: bool = True                     # False: the answer was empty or of the wrong kind; not recorded


class AnswerError(ValueError):
    """The answer is empty or not of the kind this question needs."""


def _invalid(message: str) -> Result:
    return Result(correct=False, chosen=[], feedback=[message], valid=False)


def grade(question, answer: Any) -> Result:
    """Grade `answer` for `question`. Never raises on learner input: an unusable answer gives `valid=False`.

    Parameters
    ----------
    question : a content model from `widgets.model`
    answer : option id (single, truefalse as True/False or "true"/"false"), iterable of option ids
        (multiple), number or numeric text (numeric), list of item ids in order (ordering).
    """
    try:
        return _GRADERS[type(question)](question, answer)
    except AnswerError as e:
        return _invalid(str(e))


def _grade_single(q: SingleChoice, answer: Any) -> Result:
    ids = {o.id: o for o in q.options}
    if answer is None or answer == "":
        raise AnswerError("Choose one answer first.")
    if not isinstance(answer, str) or answer not in ids:
        raise AnswerError("That is not one of the options.")
    ok = answer == q.answer
    return Result(ok, [answer], [ids[answer].feedback], q.explanation)


def _grade_multiple(q: MultipleSelect, answer: Any) -> Result:
    if answer is None or isinstance(answer, str):
        raise AnswerError("Tick at least one box first.")
    chosen = list(dict.fromkeys(answer))
    if not chosen:
        raise AnswerError("Tick at least one box first.")
    ids = {o.id: o for o in q.options}
    if any(not isinstance(c, str) or c not in ids for c in chosen):
        raise AnswerError("That is not one of the options.")
    right = q.correct_ids
    picked = set(chosen)
    ok = picked == right
    feedback = [ids[c].feedback for c in chosen]
    missed = [o for o in q.options if o.id in right and o.id not in picked]
    feedback += [f"You missed one: {o.text}. {o.feedback}" for o in missed]
    hits = len(picked & right)
    wrong = len(picked - right)
    summary = f"{hits} of {len(right)} right options ticked" + (f", {wrong} wrong" if wrong else "")
    ordered = [o.id for o in q.options if o.id in picked]
    return Result(ok, ordered, feedback, q.explanation, summary)


def _grade_truefalse(q: TrueFalse, answer: Any) -> Result:
    if isinstance(answer, str) and answer.lower() in ("true", "false"):
        answer = answer.lower() == "true"
    if not isinstance(answer, bool):
        raise AnswerError("Choose True or False first.")
    ok = answer == q.answer
    fb = "Right." if ok else q.wrong_feedback
    return Result(ok, [str(answer).lower()], [fb], q.explanation)


def _grade_numeric(q: Numeric, answer: Any) -> Result:
    if isinstance(answer, bool) or answer is None or (isinstance(answer, str) and not answer.strip()):
        raise AnswerError(f"Type a number ({q.unit}) first.")
    try:
        value = float(answer.strip().replace(",", ".")) if isinstance(answer, str) else float(answer)
    except (TypeError, ValueError):
        raise AnswerError(f"Type a number, such as 3 ({q.unit}).") from None
    if not math.isfinite(value):
        raise AnswerError(f"Type a number, such as 3 ({q.unit}).")
    # a tiny epsilon so that a bound given in the file is inclusive despite float rounding
    diff = value - q.answer
    ok = abs(diff) <= q.tolerance + 1e-9
    fb = "Right." if ok else (q.low_feedback if diff < 0 else q.high_feedback)
    shown = f"{value:g}"
    return Result(ok, [shown], [fb], q.explanation, f"You answered {shown} {q.unit}.")


def _grade_ordering(q: Ordering, answer: Any) -> Result:
    if answer is None or isinstance(answer, str):
        raise AnswerError("Put every step in a place first.")
    chosen = list(answer)
    expected = [i.id for i in q.items]
    if any(c is None or c == "" for c in chosen) or len(chosen) != len(expected):
        raise AnswerError("Put every step in a place first.")
    if sorted(chosen) != sorted(expected):
        raise AnswerError("Use each step once.")
    in_place = sum(a == b for a, b in zip(chosen, expected))
    ok = in_place == len(expected)
    fb = "Right." if ok else q.wrong_feedback
    return Result(ok, chosen, [fb], q.explanation, f"{in_place} of {len(expected)} steps in the right place")


_GRADERS = {
    SingleChoice: _grade_single,
    MultipleSelect: _grade_multiple,
    TrueFalse: _grade_truefalse,
    Numeric: _grade_numeric,
    Ordering: _grade_ordering,
}


def correct_answer_text(question) -> str:
    """The right answer in words (used by the answer key and after a wrong attempt)."""
    if isinstance(question, SingleChoice):
        return next(o.text for o in question.options if o.id == question.answer)
    if isinstance(question, MultipleSelect):
        return "; ".join(o.text for o in question.options if o.id in question.correct_ids)
    if isinstance(question, TrueFalse):
        return "True" if question.answer else "False"
    if isinstance(question, Numeric):
        tol = f" (± {question.tolerance:g})" if question.tolerance else ""
        return f"{question.answer:g} {question.unit}{tol}"
    if isinstance(question, Ordering):
        return " → ".join(i.text for i in question.items)
    raise TypeError(type(question).__name__)
