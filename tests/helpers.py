"""Shared test helpers: build content models from small dicts; helpers only tests use (the package does without)."""

from widgets.classroom import xapi
from widgets.content.load import validate
from widgets.content.model import QuestionBank
from widgets.engine.simulation import RATE_HZ, SECONDS, MuscleSignal, draws, signal_from
from widgets.views import inputs


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
    return _why_not(d, kw)


def _why_not(d: dict, kw: dict) -> dict:
    """The made-up options get a why_not ("w" + id) on each wrong option, unless the test gave its own options."""
    if "options" not in kw:
        right = d["answer"] if isinstance(d["answer"], list) else [d["answer"]]
        d["options"] = [o if o["id"] in right else {**o, "why_not": "w" + o["id"]} for o in d["options"]]
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
    return _why_not(d, kw)


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


def muscle_signal(
    settings: dict[str, str], seed: int = 0, seconds: float = SECONDS, rate_hz: int = RATE_HZ
) -> MuscleSignal:
    """About ten seconds of a cartoon muscle recording: quiet noise plus a brief spike per spontaneous firing.

    The same seed gives the same recording. Firing times come from one fixed series of random gaps
    scaled by the firing rate, so a more excitable setting never shows fewer firings than a calmer one
    with the same seed.

    Parameters
    ----------
    settings : dict
        Setting name → choice (see ``TRIGGER_LEVELS`` and ``ACTIVITY``).
    seed : int
        Seed of the random numbers.
    seconds, rate_hz : float, int
        Length of the recording and samples per second.
    """
    return signal_from(draws(seed, seconds, rate_hz), settings, seconds, rate_hz)


def attempt_statements(s, learner: str, attempts, grader=None) -> list[dict]:
    """The statements of `attempts` given in the order they were made (as the store keeps them)."""
    count: dict[str, int] = {}
    out = []
    for a in attempts:
        count[a["question"]] = count.get(a["question"], 0) + 1
        out.append(xapi.attempt_statement(s, learner, a, count[a["question"]], grader))
    return out


def remove_control(name: str) -> None:
    """Forget the input control of question type `name` (a test's own type, registered for that test)."""
    del inputs._CONTROLS[name]
