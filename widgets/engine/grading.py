"""Pure grading: a learner's answer to a question → right or wrong, feedback, explanation; and what a try shows.

Each question type grades itself (widgets/questions/<type>.py); `grade` is the one entry point, which turns
an unusable answer into an invalid `Result` instead of an error. `respond` adds the feedback rule of the quiz
(the page runs the same rule in static/quiz.js; tests/page/test_quiz_parity.py checks they agree): a right answer
shows one short confirmation and why, once; a first wrong try shows why that choice is wrong (a choice
question's `why_not` for each wrong option picked) and the hint, never the answer (true/false, numeric and
ordering questions: the hint, and for a number whether it is too low or too high); a second wrong try, or
the learner asking to see it, shows the bank's feedback and the answer. Asking to see the answer counts as a
wrong try.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from ..questions import AnswerError, QuestionBase, Result

__all__ = ["AnswerError", "Response", "Result", "correct_answer_text", "grade", "respond", "shown_answer"]

Stage = Literal["invalid", "right", "hint", "answer", "shown"]


def _invalid(message: str, key: str) -> Result:
    return Result(correct=False, chosen=[], feedback=[message], valid=False, keys=[f"invalid:{key}"])


def grade(question: QuestionBase, answer: Any) -> Result:
    """Grade `answer` for `question`. Never raises on learner input: an unusable answer gives `valid=False`.

    Parameters
    ----------
    question : a question of a bank (any registered type, see widgets/questions/)
    answer : option id (single, truefalse as True/False or "true"/"false"), iterable of option ids
        (multiple), number or numeric text (numeric), list of item ids in order (ordering).
    """
    try:
        return question.grade(answer)
    except AnswerError as e:
        return _invalid(str(e), e.key)


def shown_answer(question: QuestionBase) -> Result:
    """The attempt saved when the learner asks to see the answer: nothing chosen, counted as wrong."""
    return Result(correct=False, chosen=[], feedback=[question.correct_answer_text()], keys=["answer"])


@dataclass(frozen=True)
class Response:
    """What one try shows: the stage, the feedback keys in order (texts: question.texts(), .messages(),
    plus "hint" and "answer"), and the summary line."""

    valid: bool
    correct: bool
    stage: Stage
    keys: list[str] = field(default_factory=list)
    chosen: list[str] = field(default_factory=list)
    summary: str = ""
    lines: list[str] = field(default_factory=list)  # the keys' texts (a type without keys: its feedback)


def texts(question: QuestionBase) -> dict[str, str]:
    """Every text a try can show, by feedback key: the type's feedback, its refusals, the hint and the answer."""
    return {
        **question.texts(),
        **question.messages(),
        "hint": question.hint,
        "answer": question.correct_answer_text(),
    }


def respond(question: QuestionBase, answer: Any, wrong_before: int = 0, show: bool = False) -> Response:
    """What the learner sees after a try.

    `wrong_before` counts the wrong tries (and shown answers) this learner already made at the question;
    `show` is the "Show the answer" button (the answer is not graded then)."""
    if show:
        return Response(True, False, "shown", ["answer"], lines=[question.correct_answer_text()])
    r = grade(question, answer)
    own = [] if r.keys else list(r.feedback)  # a type that gives no keys: its feedback as it is
    if not r.valid:
        stage: Stage = "invalid"
        keys = list(r.keys)
    elif r.correct:  # one short confirmation (the page's verdict line), then "Why" once: no feedback lines
        stage, keys = "right", []
    elif wrong_before < 1:  # why THIS choice is wrong (a choice question's why_not), then the hint
        shown = question.hint_keys()
        stage, keys, own = "hint", [*(shown[k] for k in r.keys if k in shown), "hint"], []
    else:
        stage, keys = "answer", [*r.keys, "answer"]
    words = texts(question)
    summary = r.summary if stage in ("hint", "answer") else ""
    lines = [*own, *(words[k] for k in keys if k in words)]
    return Response(r.valid, r.correct, stage, keys, list(r.chosen), summary, lines)


def correct_answer_text(question: QuestionBase) -> str:
    """The right answer in words (used by the answer key and after a wrong attempt)."""
    return question.correct_answer_text()
