"""Benchmark: the whole path of one answer through the views at 10, 1,000 and 100,000 saved answers.

Check clicked in a quiz → graded → stored (one SQLite transaction, fsync'ed) → quiz score and the progress
overview updated (the overview listens to the store). The saved answers are spread over 2,500 questions
(the course's and retired ones, at most 40 each), so no per-question limit blocks them. Sizes are measured
in interleaved rounds so that disk noise hits all of them alike; printed as p50/p95 and as ratios to 10.

    make bench BENCH_ARGS="--only progress_store"   (or: .venv/bin/python -m benchmarks.progress_store [--runs 40])
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time

from benchmarks.common import page_try, percentile
from widgets.content.load import all_banks
from widgets.store.progress import ProgressStore
from widgets.store.progress_doc import FORMAT, VERSION
from widgets.views.progress import progress_overview
from widgets.views.quiz import quiz

SIZES = (10, 1_000, 100_000)


def filled_store(directory: str, n: int) -> ProgressStore:
    real = [(b.lesson, q) for b in all_banks() for q in b.full_ids()]
    ids = real + [(f"old-{i % 25:02d}", f"old-{i % 25:02d}/q{i}") for i in range(2_500 - len(real))]
    attempts = [
        {
            "question": q,
            "lesson": lesson,
            "chosen": ["a"],
            "correct": i % 3 == 0,
            "time": "2026-01-01T09:00:00+00:00",
            "hash": "0123456789abcdef",
        }
        for i, (lesson, q) in ((i, ids[(i * 7) % len(ids)]) for i in range(n))
    ]
    store = ProgressStore(directory)
    store.replace(
        {
            "format": FORMAT,
            "version": VERSION,
            "learner": "learner-0123456789abcdef",
            "created": "2026-01-01T09:00:00+00:00",
            "attempts": attempts,
        }
    )
    return store


BROWSER = False


def run(args: argparse.Namespace) -> list[str]:
    """The lines `python -m benchmarks` prints; `args.runs` answers per size (at most 40: 3 sizes x fsync)."""
    out: list[str] = []
    runs = min(getattr(args, "runs", 40), 40)
    setups, samples, reads = {}, {n: [] for n in SIZES}, {n: [] for n in SIZES}
    with tempfile.TemporaryDirectory() as root:
        for n in SIZES:
            t = time.perf_counter()
            store = filled_store(f"{root}/{n}", n)
            overview = progress_overview(store)
            q = quiz("01-physiology", store)
            card = q.cards[0]
            wrong = next(o.id for o in card.question.options if o.id != card.question.answer)
            setups[n] = (store, overview, q, card, wrong, time.perf_counter() - t)
        for i in range(runs + 3):
            for n in SIZES:
                store, overview, q, card, wrong, _ = setups[n]
                msg = page_try(card, card.question.answer if i % 2 else wrong)
                t = time.perf_counter()
                q.handle_attempt(msg)
                elapsed = (time.perf_counter() - t) * 1000
                assert store.notice() is None, store.notice()
                t = time.perf_counter()  # the same refresh without the write, to see past fsync
                q.status = store.question_status(q.ids)
                q._refresh()
                overview.refresh()
                if i >= 3:
                    samples[n].append(elapsed)
                    reads[n].append((time.perf_counter() - t) * 1000)
        for n in SIZES:  # the live overview agrees with one built from scratch
            store, overview = setups[n][:2]
            assert overview.table.value == progress_overview(store).table.value, "the overview did not update"
            assert not store.events, store.events  # no answer was refused
        base = statistics.median(samples[SIZES[0]])
        out.append(f"progress path: Check -> stored -> quiz and overview updated ({runs} answers per size)")
        for n in SIZES:
            saved = len(setups[n][0].load()["attempts"])
            p50, p95 = statistics.median(samples[n]), percentile(samples[n], 95)
            out.append(
                f"  {n:>7,} saved answers (now {saved:,}): p50 {p50:6.1f} ms, p95 {p95:6.1f} ms, "
                f"ratio to 10: {p50 / base:4.2f}x  (setup {setups[n][5]:.1f} s)"
            )
        rbase = statistics.median(reads[SIZES[0]])
        out.append("the same views refreshed without a write (what grows if anything does):")
        for n in SIZES:
            p50 = statistics.median(reads[n])
            out.append(f"  {n:>7,} saved answers: p50 {p50:6.2f} ms, ratio to 10: {p50 / rbase:4.2f}x")
        ratio = statistics.median(samples[SIZES[-1]]) / base
        out.append(f"goal: 100,000 within 2x of 10 -> {ratio:.2f}x {'met' if ratio <= 2 else 'NOT met'}")
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=40, help="answers timed per size (default 40)")
    for text in run(p.parse_args()):
        print(text)


if __name__ == "__main__":
    main()
