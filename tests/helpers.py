"""Shared test helpers: build content models from small dicts."""

from widgets.content.load import validate
from widgets.content.model import QuestionBank


def bank(*questions: dict, lesson: str = "99-test") -> QuestionBank:
    return validate(QuestionBank, {"lesson": lesson, "title": "Test quiz", "questions": list(questions)}, "<test>")


def single(qid="q1", **kw) -> dict:
    d = {
        "id": qid,
        "type": "single",
        "prompt": "Pick",
        "explanation": "Because.",
        "hint": "Think again.",
        "answer": "a",
        "options": [
            {"id": "a", "text": "A", "feedback": "fa"},
            {"id": "b", "text": "B", "feedback": "fb"},
            {"id": "c", "text": "None of the above", "feedback": "fc", "keep_last": True},
        ],
    }
    d.update(kw)
    return d


def multiple(qid="q2", **kw) -> dict:
    d = {
        "id": qid,
        "type": "multiple",
        "prompt": "Tick",
        "explanation": "Because.",
        "hint": "Think again.",
        "answer": ["a", "c"],
        "options": [{"id": i, "text": i.upper(), "feedback": f"f{i}"} for i in "abcd"],
    }
    d.update(kw)
    return d


def truefalse(qid="q3", **kw) -> dict:
    d = {
        "id": qid,
        "type": "truefalse",
        "prompt": "Is it?",
        "explanation": "Because.",
        "hint": "Think again.",
        "answer": False,
        "wrong_feedback": "No, it is false.",
    }
    d.update(kw)
    return d


def numeric(qid="q4", **kw) -> dict:
    d = {
        "id": qid,
        "type": "numeric",
        "prompt": "How many?",
        "explanation": "Because.",
        "hint": "Think again.",
        "answer": 3,
        "tolerance": 0.5,
        "unit": "weeks",
        "low_feedback": "too low",
        "high_feedback": "too high",
    }
    d.update(kw)
    return d


def ordering(qid="q5", **kw) -> dict:
    d = {
        "id": qid,
        "type": "ordering",
        "prompt": "Order",
        "explanation": "Because.",
        "hint": "Think again.",
        "items": [{"id": i, "text": i.upper()} for i in ("one", "two", "three", "four")],
        "wrong_feedback": "Not in order.",
    }
    d.update(kw)
    return d
