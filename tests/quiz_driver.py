"""A learner's tries from Python, through the kernel's real path: the message static/quiz.js sends for a try,
handed to ``Quiz.handle_attempt``, whose reply is returned. What the page draws is tested in node
(tests/page/test_quiz_page_node.py); here, what the kernel grades, saves and replies.

    reply = answer(quiz, 0, "b")        # a try at the first question: reply["response"]["stage"] == "hint"
    reply = show_answer(quiz, "99-test/q3")   # "Show the answer", by the question's full id
"""

from __future__ import annotations

import uuid
from typing import Any

from widgets.views.quiz import Card, Quiz


def page_form(value: Any) -> Any:
    """An answer as the page's control holds it and sends it: true/false and numbers as text, lists as lists."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def card(quiz: Quiz, which: int | str) -> Card:
    """A question of the quiz by its place (0, 1, ...) or its full id."""
    return quiz.cards[which] if isinstance(which, int) else next(c for c in quiz.cards if c.full_id == which)


def message(quiz: Quiz, which: int | str, value: Any = None, *, show: bool = False, **extra: Any) -> dict[str, Any]:
    """The message the page sends for one try (``extra`` overrides a field, e.g. attempt_id or hash)."""
    c = card(quiz, which)
    msg = {
        "kind": "attempt",
        "attempt_id": uuid.uuid4().hex,
        "question": c.full_id,
        "hash": c.hash,
        "answer": None if show else page_form(value),
        "show": show,
        "wrong_before": c.wrong,
    }
    return {**msg, **extra}


def answer(quiz: Quiz, which: int | str, value: Any, **extra: Any) -> dict[str, Any]:
    """Choose `value` and press Check: the kernel's reply ({outcome, response, status, ...})."""
    c = card(quiz, which)
    reply = quiz.handle_attempt(message(quiz, which, value, **extra))
    if reply["response"] and reply["response"]["valid"] and reply["status"] is None:  # as the page counts
        c.wrong += not reply["response"]["correct"]
    return reply


def show_answer(quiz: Quiz, which: int | str) -> dict[str, Any]:
    """Press "Show the answer": the kernel's reply."""
    return quiz.handle_attempt(message(quiz, which, show=True))
