"""Pure grading: a learner's answer to a question → right or wrong, feedback, explanation.

Each question type grades itself (widgets/questions/<type>.py); this is the one entry point, which turns
an unusable answer into an invalid `Result` instead of an error.
"""

from __future__ import annotations

from typing import Any

from .questions import AnswerError, QuestionBase, Result

__all__ = ["AnswerError", "Result", "correct_answer_text", "grade"]


def _invalid(message: str) -> Result:
    return Result(correct=False, chosen=[], feedback=[message], valid=False)


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
        return _invalid(str(e))


def correct_answer_text(question: QuestionBase) -> str:
    """The right answer in words (used by the answer key and after a wrong attempt)."""
    return question.correct_answer_text()
