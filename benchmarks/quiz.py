"""Kernel-side quiz timings: import, build, and Check → graded, saved and feedback re-rendered."""

from __future__ import annotations

import subprocess
import sys
import tempfile

from .common import line, page_try, time_calls

BROWSER = False


def run(args) -> list[str]:
    from widgets.store.progress import ProgressStore
    from widgets.views.quiz import quiz

    out = []
    imports = []
    for _ in range(5):
        t = subprocess.run(
            [sys.executable, "-X", "importtime", "-c", "import widgets"], capture_output=True, text=True, check=True
        )
        total = [l for l in t.stderr.splitlines() if l.rstrip().endswith("| widgets")]
        imports.append(int(total[-1].split("|")[1]) / 1000 if total else float("nan"))
    out.append(line("import", "widgets", imports))
    cold = []
    for _ in range(3):
        code = (
            "import time; t = time.perf_counter(); from widgets import quiz; import tempfile; "
            "from widgets.store.progress import ProgressStore; "
            "quiz('01-physiology', ProgressStore(tempfile.mkdtemp())); "
            "print((time.perf_counter() - t) * 1000)"
        )
        cold.append(
            float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout)
        )
    out.append(line("cold", "import widgets + first quiz (ipywidgets, pydantic, yaml)", cold))

    with tempfile.TemporaryDirectory() as d:
        store = ProgressStore(d)
        builds = time_calls(lambda i: quiz("01-physiology", store), runs=args.runs // 4 or 5)
        out.append(line("build", "quiz 01-physiology", builds))
        q = quiz("01-physiology", store)
        card = q.cards[0]
        wrong = next(o.id for o in card.question.options if o.id != card.question.answer)

        def check(i: int) -> None:
            q.handle_attempt(page_try(card, card.question.answer if i % 2 else wrong))

        out.append(
            line("callback", "quiz_check (the kernel's half: grade + save + reply)", time_calls(check, args.runs))
        )

        from widgets.engine.grading import grade

        out.append(line("callback", "grade only", time_calls(lambda i: grade(card.question, "a"), args.runs)))
    return out
