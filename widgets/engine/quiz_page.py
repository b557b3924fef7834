"""The question data the quiz page grades with (static/quiz.js), as plain JSON built from the validated bank.

The page gets, per question: its saved id and content hash, the prompt, the options in this learner's stable
order (or the items in their scrambled start order), the right answer, and every text a try can show, keyed
as `grading.respond` keys them. The page grades and shows feedback at once; the kernel grades the same
answer again with the engine and saves its own verdict (views/quiz.py). Answers are in the page: fine for
self-study (they are in the package already); a tampered page changes only what it shows.
"""

from __future__ import annotations

import re
from typing import Any

from ..content.content_hash import question_hash
from ..questions import BUILT_IN, MultipleSelect, Numeric, Ordering, QuestionBase, SingleChoice, TrueFalse, registry
from . import grading
from .scoring import QuestionStatus
from .shuffle import scrambled_items, shuffled_options

# The types static/quiz.js grades itself (the built-in five); any other registered type is graded by the kernel.
PAGE_GRADED = tuple(registry.type_name(cls) for cls in BUILT_IN)


def _choices(q: SingleChoice | MultipleSelect, seed: str) -> list[dict[str, str]]:
    return [{"id": o.id, "text": o.text} for o in shuffled_options(q, seed)]


_SENTENCE_END = re.compile(r"(?<=[.?!])\s+")
SHORT_WORDS = 7  # a question sentence shorter than this ("What should he do?") gets its story's opening too
SHORT_CHARS = 60  # how much of that opening


def short_prompt(prompt: str) -> str:
    """A question named in a line ("How you did"): its question sentence (the last one that asks, else the last);
    a short one ("What now?") after the start of the first sentence ("Ben, 13, has had a twitch in his foot…")."""
    sentences = [s for s in _SENTENCE_END.split(" ".join(prompt.split())) if s]
    if not sentences:
        return ""
    asks = [s for s in sentences if s.endswith("?")]
    question = (asks or sentences)[-1]
    first = sentences[0]
    if len(question.split()) >= SHORT_WORDS or first == question:
        return question
    if len(first) > SHORT_CHARS:
        first = first[:SHORT_CHARS].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return f"{first} {question}"


def page_question(q: QuestionBase, seed: str, full_id: str) -> dict[str, Any]:
    """One question as the page needs it (plain JSON). `seed` fixes this learner's option order."""
    data: dict[str, Any] = {
        "id": full_id,
        "hash": question_hash(q),
        "type": q.type,
        "graded_in_page": q.type in PAGE_GRADED,
        "prompt": q.prompt,
        "short": short_prompt(q.prompt),
        "explanation": q.explanation,
        "texts": grading.texts(q),
    }
    if isinstance(q, SingleChoice):
        data.update(options=_choices(q, seed), right=q.answer)
    elif isinstance(q, MultipleSelect):
        data.update(
            options=_choices(q, seed),
            right=[o.id for o in q.options if o.id in q.correct_ids],
            bank_order=[o.id for o in q.options],
            summary=q.SUMMARY,
            summary_wrong=q.SUMMARY_WRONG,
        )
    elif isinstance(q, TrueFalse):
        data.update(options=[{"id": "true", "text": "True"}, {"id": "false", "text": "False"}], right=q.answer)
    elif isinstance(q, Numeric):
        data.update(
            right=q.answer,
            tolerance=q.tolerance,
            unit=q.unit,
            unit_one=q.unit_for(1),
            summary=q.SUMMARY,
            number_words=dict(q.NUMBER_WORDS),
        )
    elif isinstance(q, Ordering):
        data.update(
            items=[{"id": i.id, "text": i.text} for i in scrambled_items(q, seed)],
            right=q.right_answer(),
            summary=q.SUMMARY,
        )
    if q.hint_keys():
        data["hint_keys"] = q.hint_keys()
    return data


def page_answer(q: QuestionBase, chosen: list[str]) -> Any:
    """A saved answer (its ids or text) as the page's control holds it: an id, ids, "true"/"false", text."""
    answer = q.answer_from_saved(chosen)
    if isinstance(answer, bool):
        return str(answer).lower()
    return answer


def page_status(q: QuestionBase, status: QuestionStatus | None, current_hash: str) -> dict[str, Any] | None:
    """What the page shows of a saved question: the last answer, tries, first try right, now right.

    An answer to an older version of the question (another content hash) is not shown as an answer."""
    if status is None:
        return None
    stale = bool(status.last_hash) and status.last_hash != current_hash
    # Only counts are saved, not each try's order of right and wrong: enough for the rule of grading.respond
    # (no wrong try yet → a hint; one or more → the answer).
    wrong = 0 if status.first_correct and status.now_correct else 1
    before_last = 0 if status.attempts == 1 or (status.attempts == 2 and status.first_correct) else 1
    return {
        "attempts": status.attempts,
        "first_correct": status.first_correct,
        "now_correct": status.now_correct,
        "wrong_tries": wrong,
        "wrong_before_last": before_last,  # what the last try was shown with (a hint or the answer)
        "stale": stale,
        "answer": None if stale or not status.last_chosen else page_answer(q, status.last_chosen),
    }
