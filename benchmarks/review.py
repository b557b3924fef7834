"""Kernel-side timings of the final review: plan + build from saved progress, and Check → graded and saved."""

from __future__ import annotations

import tempfile

from .common import line, page_try, time_calls

BROWSER = False


def run(args) -> list[str]:
    from widgets.store.progress import ProgressStore
    from widgets.views.review import review_quiz

    with tempfile.TemporaryDirectory() as d:
        store = ProgressStore(d)
        for i in range(40):  # a learner with some history: misses come first
            store.record("01-physiology", f"01-physiology/q{i % 6 + 1}", ["x"], i % 3 == 0)
        out = [
            line(
                "build",
                "review_quiz (plan + 15 cards)",
                time_calls(lambda i: review_quiz(store), runs=args.runs // 8 or 5),
            )
        ]
        review = review_quiz(store)
        card = review.cards[-1]
        q = card.question

        def check(i: int) -> None:
            review.handle_attempt(page_try(card, q.answer if hasattr(q, "answer") else [it.id for it in q.items]))

        out.append(
            line("callback", "review_check (the kernel's half: grade + save + reply)", time_calls(check, args.runs))
        )
    return out
