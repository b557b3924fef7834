"""Timing helpers shared by the benchmark modules."""

from __future__ import annotations

import statistics
import time
import uuid
from collections.abc import Callable
from typing import Any


def percentile(values: list[float], p: float) -> float:
    """The p-th percentile (0..100) by linear interpolation."""
    xs = sorted(values)
    if len(xs) == 1:
        return xs[0]
    k = (len(xs) - 1) * p / 100
    lo = int(k)
    hi = min(lo + 1, len(xs) - 1)
    return xs[lo] + (xs[hi] - xs[lo]) * (k - lo)


def line(kind: str, name: str, samples_ms: list[float]) -> str:
    """`callback <name>: p50 <x> ms, p95 <y> ms (n=<runs>)`."""
    return (
        f"{kind} {name}: p50 {statistics.median(samples_ms):.3f} ms, "
        f"p95 {percentile(samples_ms, 95):.3f} ms (n={len(samples_ms)})"
    )


def time_calls(fn: Callable[[int], None], runs: int, warmup: int = 3) -> list[float]:
    """Call fn(i) `warmup` + `runs` times; return the timed runs in ms."""
    for i in range(warmup):
        fn(i)
    out = []
    for i in range(runs):
        t = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - t) * 1000)
    return out


def page_try(card: Any, answer: Any, attempt_id: str | None = None) -> dict[str, Any]:
    """The message the quiz page (static/quiz.js) sends for a first try at `card` (a ``views.quiz.Card``):
    ``quiz.handle_attempt(page_try(card, "a"))`` is a Check through the kernel's path. True/False and numbers
    go as text, as the page's controls hold them."""
    if isinstance(answer, bool):
        answer = str(answer).lower()
    elif isinstance(answer, int | float):
        answer = str(answer)
    return {
        "kind": "attempt",
        "attempt_id": attempt_id or uuid.uuid4().hex,
        "question": card.full_id,
        "hash": card.hash,
        "answer": list(answer) if isinstance(answer, tuple) else answer,
        "show": False,
        "wrong_before": 0,
    }
