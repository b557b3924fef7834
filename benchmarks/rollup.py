"""Class results timings: export a learner's file, roll up 30 and 3,000 learners, redraw the instructor view.

The 3,000-learner line is the baseline issue 28 holds its new per-goal and per-question figures to (under 3 s); the
per-question statistics' own share of it (question_figures, Moodle's figures for every lesson question) is its own
line."""

from __future__ import annotations

import tempfile
from pathlib import Path

from .common import line, time_calls

BROWSER = False


def run(args) -> list[str]:
    from widgets.classroom.demo_results import write_demo
    from widgets.classroom.export import build_export
    from widgets.classroom.rollup import rollup_folder
    from widgets.content.load import all_banks
    from widgets.store.progress import ProgressStore
    from widgets.views.backup import progress_backup
    from widgets.views.class_results import ClassResults

    out = []
    banks = all_banks()
    runs = max(args.runs // 10, 5)
    with tempfile.TemporaryDirectory() as d:
        folder = write_demo(Path(d) / "class", learners=30)
        out.append(
            line(
                "engine",
                "rollup_folder (30 learners + 4 bad files, regraded)",
                time_calls(lambda i: rollup_folder(folder, banks), runs),
            )
        )
        big = write_demo(Path(d) / "big-class", learners=3000)
        out.append(
            line(
                "engine",
                "rollup_folder (3,000 learners + 4 bad files, regraded)",
                time_calls(lambda i: rollup_folder(big, banks), 3),
            )
        )
        from widgets.classroom.question_stats import question_figures
        from widgets.classroom.rollup import combine, grade_files, read_folder
        from widgets.content.load import load_review

        review = load_review().questions
        graded, _ = grade_files(read_folder(big)[0], banks, review)
        result = combine(graded, banks, review)
        questions = {bank.full_id(q): (bank, q) for bank in banks for q in bank.questions}
        out.append(
            line(
                "engine",
                "question_figures (3,000 learners: the per-question statistics inside the roll-up above)",
                time_calls(lambda i: question_figures(graded, questions, result.misconceptions), 5),
            )
        )
        store = ProgressStore(Path(d) / "store")
        import random

        from widgets.classroom.demo_results import learner_progress
        from widgets.store.progress import empty_progress

        made_up = learner_progress(0, banks, random.Random(1))
        store.replace(dict(empty_progress(made_up["learner"]), attempts=made_up["attempts"]))
        data = store.load()
        out.append(
            line(
                "engine",
                "build_export (one learner, every bank)",
                time_calls(lambda i: build_export(data, banks), args.runs),
            )
        )
        view = progress_backup(store)
        out.append(
            line(
                "callback",
                "backup Make my results file (export + link)",
                time_calls(lambda i: view.export_button.click(), runs),
            )
        )
        roll = ClassResults(str(folder))
        out.append(
            line(
                "callback",
                "class results Read (roll-up + chart + tables)",
                time_calls(lambda i: roll.read_button.click(), runs),
            )
        )
    return out
