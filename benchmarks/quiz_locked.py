"""Benchmark: Check → reply (``Quiz.handle_attempt``, the kernel's whole path) with the progress file free, and
with it locked by another process (``BEGIN EXCLUSIVE``, then ``BEGIN IMMEDIATE``), in one run: p50/p95 of each
and the ratio locked / free. While locked the reply is "waiting" and must come within 1 s (p95); the run fails
otherwise. The Checks run on an asyncio event loop, as in a kernel, so the store's retry runs between them;
after the lock goes, the time until the last "saved" message reaches the page is printed, and an answer not
saved by then fails the run.

    make bench BENCH_ARGS="--only quiz_locked"   (or: .venv/bin/python -m benchmarks.quiz_locked [--runs 20])
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Coroutine
from pathlib import Path
from typing import Any, TypeVar

from benchmarks.common import line, page_try, percentile

BROWSER = False
LOCKS = ("BEGIN EXCLUSIVE", "BEGIN IMMEDIATE")
LOCKED_RUNS = 20  # each locked Check waits CHECK_BUDGET (0.3 s)

HOLDER = """
import sqlite3, sys
conn = sqlite3.connect(sys.argv[1], isolation_level=None)
for line in sys.stdin:
    if line.strip() == "lock":
        conn.execute(sys.argv[2])
    else:
        conn.execute("ROLLBACK")
    print("done", flush=True)
"""


class LockHolder:
    """A second process holding `begin` (BEGIN EXCLUSIVE / IMMEDIATE) on an SQLite file until told to let go."""

    def __init__(self, path: Path, begin: str):
        self.proc = subprocess.Popen(
            [sys.executable, "-c", HOLDER, str(path), begin], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        self.lock()

    def _say(self, what: str) -> None:
        assert self.proc.stdin and self.proc.stdout
        self.proc.stdin.write(what + "\n")
        self.proc.stdin.flush()
        assert self.proc.stdout.readline().strip() == "done", f"the lock holder could not {what}"

    def lock(self) -> None:
        self._say("lock")

    def release(self) -> None:
        self._say("release")

    def close(self) -> None:
        self.proc.communicate(timeout=10)  # closes its stdin (it lets go and ends), reads to the end

    def __enter__(self) -> LockHolder:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


async def _measure(directory: str, free_runs: int, locked_runs: int) -> list[str]:
    from widgets.store.progress import ProgressStore
    from widgets.views.quiz import quiz

    q = quiz("01-physiology", ProgressStore(directory))
    sent: list[dict[str, Any]] = []
    q.page.send = sent.append  # type: ignore[method-assign]  # what the comm carries to the page
    rng = random.Random(7)
    n = 0

    async def check(expect: str) -> float:
        nonlocal n
        n += 1
        card = q.cards[n % len(q.cards)]  # every question in turn: none reaches its limit of saved answers
        answer = card.question.right_answer() if n % 2 else card.question.wrong_answer(rng)
        msg = page_try(card, answer, attempt_id=f"bench-{n:06d}")
        t = time.perf_counter()
        reply = q.handle_attempt(msg)
        elapsed = (time.perf_counter() - t) * 1000
        assert reply["outcome"] == expect, (reply["outcome"], expect)
        await asyncio.sleep(0)  # the kernel's event loop runs between messages (the store's retry, if due)
        return elapsed

    for _ in range(3):
        await check("saved")
    free = [await check("saved") for _ in range(free_runs)]
    out = [line("callback", "Check -> reply, progress file free", free)]
    for begin in LOCKS:
        before = len(sent)
        with LockHolder(q.store.path, begin) as holder:
            locked = [await check("waiting") for _ in range(locked_runs)]
            holder.release()
            t = time.perf_counter()
            while len(sent) < before + locked_runs and time.perf_counter() - t < 10:
                await asyncio.sleep(0.005)
            later = (time.perf_counter() - t) * 1000
        saved = [m for m in sent[before:] if m["outcome"] == "saved"]
        assert len(saved) == locked_runs, f"{locked_runs - len(saved)} answers not saved 10 s after the lock went"
        p95 = percentile(locked, 95)
        out.append(line("callback", f"Check -> reply, progress file locked by another process ({begin})", locked))
        out.append(
            f"ratio locked/free ({begin}): p50 {statistics.median(locked) / statistics.median(free):.0f}x, "
            f"p95 {p95 / percentile(free, 95):.0f}x; locked p95 {p95:.0f} ms "
            f"{'<' if p95 < 1000 else '>='} 1000 ms"
        )
        out.append(f"retry ({begin}): all {locked_runs} waiting answers saved {later:.0f} ms after the lock went")
        assert p95 < 1000, f"a Check while locked took {p95:.0f} ms (p95): over 1 s"
    conn = sqlite3.connect(q.store.path)
    try:
        rows = conn.execute("SELECT count(*) FROM attempts").fetchone()[0]
    finally:
        conn.close()
    assert rows == n, f"{n} Checks, {rows} answers saved"
    return out


T = TypeVar("T")


def on_fresh_loop(main: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """``asyncio.run(main())`` on a thread of its own: a kernel-like event loop, also where one already runs in
    this thread (Playwright's sync API leaves one in a pytest worker that ran a browser test)."""
    out: dict[str, Any] = {}

    def go() -> None:
        try:
            out["value"] = asyncio.run(main())
        except BaseException as e:  # raised again in the caller's thread
            out["error"] = e

    t = threading.Thread(target=go, name="fresh-event-loop")
    t.start()
    t.join()
    if "error" in out:
        raise out["error"]
    return out["value"]


def run(args: argparse.Namespace) -> list[str]:
    """The lines `python -m benchmarks` prints: `args.runs` free Checks, at most LOCKED_RUNS per lock."""
    runs = getattr(args, "runs", 200)
    with tempfile.TemporaryDirectory() as d:
        return on_fresh_loop(lambda: _measure(d, runs, min(runs, LOCKED_RUNS)))


if __name__ == "__main__":
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--runs", type=int, default=200)
    for text in run(p.parse_args()):
        print(text)
