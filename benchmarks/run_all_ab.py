"""Run All → everything drawn, this checkout against another one, side by side in one run (``--browser``).

The machine is shared, so a before/after pair measured ten minutes apart compares two different machines. Here two
JupyterLab servers run at once: A serves the base checkout (``FOOT_AB_BASE``, a folder; default: the commit where
this branch left ``main``, unpacked with ``git archive`` into a temporary folder) through ``PYTHONPATH``, with no
kernel settings, as ``main`` ships; B serves this checkout with the kernel settings it ships. Each round opens every
lesson in A and in B (in a shuffled order), runs Run All and times it as ``LabPage.run_all()`` does (page clock and
harness wall). Printed per lesson: p50 of A and B, and B/A.
"""

from __future__ import annotations

import os
import random
import statistics
import subprocess
import tempfile
from pathlib import Path

BROWSER = True
ROUNDS = 3
REPO = Path(__file__).resolve().parent.parent


def _base() -> Path:
    given = os.environ.get("FOOT_AB_BASE")
    if given:
        return Path(given)
    commit = subprocess.run(
        ["git", "-C", str(REPO), "merge-base", "HEAD", "main"], capture_output=True, text=True, check=True
    ).stdout.strip()
    out = Path(tempfile.mkdtemp(prefix="foot-lessons-base-"))
    archive = subprocess.run(["git", "-C", str(REPO), "archive", commit], capture_output=True, check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(out)], input=archive, check=True)
    return out


def run(args) -> list[str]:
    from tests.browser.lab import LabPage, lesson_notebooks, start_browser, start_lab

    base = _base()
    times: dict[tuple[str, str], list[float]] = {}
    walls: dict[tuple[str, str], list[float]] = {}
    rng = random.Random(14)
    with (
        start_lab(warm_kernels=False, lessons=base / "lessons", env={"PYTHONPATH": str(base)}) as lab_a,
        start_lab() as lab_b,
        start_browser() as browser,
    ):
        labs = {"A": lab_a, "B": lab_b}
        for _ in range(ROUNDS):
            for notebook in lesson_notebooks():
                order = ["A", "B"]
                rng.shuffle(order)
                for side in order:
                    lab = labs[side]
                    page = LabPage.open(browser.context, lab, notebook)
                    times.setdefault((notebook, side), []).append(page.run_all())
                    walls.setdefault((notebook, side), []).append(page.last_wall_ms)
                    problems = page.problems()
                    page.close()
                    lab.shutdown_kernels()
                    if problems:
                        raise RuntimeError(f"{side} {notebook}: {problems}")
    out = [f"A/B Run All: A = {base} (no kernel settings), B = {REPO} (its kernel settings); p50 of {ROUNDS}, ms"]
    for notebook in lesson_notebooks():
        a, b = statistics.median(times[(notebook, "A")]), statistics.median(times[(notebook, "B")])
        wa, wb = statistics.median(walls[(notebook, "A")]), statistics.median(walls[(notebook, "B")])
        out.append(
            f"A/B Run All {notebook}: page clock A {a:.0f}, B {b:.0f}, B/A {b / a:.2f}; "
            f"harness wall A {wa:.0f}, B {wb:.0f}, B/A {wb / wa:.2f}"
        )
    return out
