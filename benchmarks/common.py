"""Timing helpers shared by the benchmark modules."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


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
