"""Going to the next lesson until every widget is usable, kernel start included (``--browser``): the course tab
(labextension/: Next replaces the lesson in the same tab, which runs itself) beside today's plain JupyterLab (Next
opens a new tab, then one Run → Run All Cells), in one run. Per lesson: p50/p95 of each, and course/plain.

Both are timed from the click on the lesson text's "Next:" link to the moment every code cell shows its widget,
every figure is drawn and the kernel is idle (tests/browser/lab.py ``LabPage.wait_rendered``), on the harness's
clock; a lesson not usable within 2 minutes is counted as failed, apart from the times. The plain walk clicks
Run All as soon as the new tab's kernel is idle (a learner takes longer). Each walk goes
Start here → lesson 5 `rounds` times, on a fresh server each, warmed by one untimed open of Start here.

``COURSE_TAB_BEFORE=<folder>`` adds a third walk in the same run: the course tab built as in that folder (an older
``widgets/jupyter/labextension``, e.g. ``git archive <commit> widgets/jupyter/labextension | tar -x -C /tmp/before``),
with its p50 and the ratio of this build to it.
"""

from __future__ import annotations

import math
import os
import re
import statistics
import time
from pathlib import Path

from .common import percentile

BROWSER = True
GOAL_MS = 2000  # the course tab's goal for every lesson's p50


def _follow_next(page) -> None:
    para = page.notebook_panel.locator(".jp-RenderedMarkdown p", has_text=re.compile(r"^Next:"))
    para.last.locator("a").first.click()


def _walk(browser, lab, lessons: list[str], course: bool) -> dict[str, float]:
    """One walk Start here → the last lesson; ms per lesson from the Next click to every widget usable."""
    from tests.browser.lab import LabPage

    out: dict[str, float] = {}
    page = LabPage.open(browser.context, lab, lessons[0], timeout=120_000)
    try:
        if not course:
            page.run_all(120_000)
        page.wait_rendered(120_000)
        for notebook in lessons[1:]:
            t = time.perf_counter()
            _follow_next(page)
            page.page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current", has_text=notebook).wait_for()
            page = LabPage(page.page, lab, notebook)
            try:
                if course:
                    page.wait_rendered(120_000)
                else:
                    page.wait_kernel_idle(120_000)
                    page.run_all(120_000)
            except AssertionError:  # never usable within 2 minutes: counted as a failure, not as a time
                out[notebook] = math.nan
                continue
            out[notebook] = (time.perf_counter() - t) * 1000
    finally:
        page.page.close()
        lab.shutdown_kernels()
    return out


def run(args) -> list[str]:
    from tests.browser.lab import start_browser, start_course_lab, start_lab
    from widgets.content.load import load_course

    lessons = [l.notebook for l in load_course().lessons]
    rounds = max(2, min(5, args.runs // 50))
    before = os.environ.get("COURSE_TAB_BEFORE")
    modes = ["plain", "course", *(["before"] if before else [])]
    samples: dict[str, dict[str, list[float]]] = {m: {} for m in modes}
    with start_browser() as browser:
        for _ in range(rounds):
            for mode in modes:  # the walks take turns, so a machine getting busier weighs on each alike
                if mode == "plain":
                    server = start_lab()
                elif mode == "course":
                    server = start_course_lab()
                else:
                    server = start_course_lab(labextension=Path(before, "widgets/jupyter/labextension"))
                with server as lab:
                    for notebook, ms in _walk(browser, lab, lessons, mode != "plain").items():
                        samples[mode].setdefault(notebook, []).append(ms)
    lines = []
    for notebook in lessons[1:]:
        got = {m: [ms for ms in samples[m][notebook] if not math.isnan(ms)] or [math.nan] for m in modes}
        failed = ", ".join(f"{m} {len(samples[m][notebook]) - len(got[m])}" for m in modes)
        p50, b50 = statistics.median(got["course"]), statistics.median(got["plain"])
        old = ""
        if before:
            o50 = statistics.median(got["before"])
            o95 = percentile(got["before"], 95)
            old = f" | before (COURSE_TAB_BEFORE) p50 {o50:.0f} ms, p95 {o95:.0f} ms, ratio {p50 / o50:.2f}"
        lines.append(
            f"browser next -> every widget usable, {notebook}: course tab p50 {p50:.0f} ms, p95 "
            f"{percentile(got['course'], 95):.0f} ms | plain + one Run All p50 {b50:.0f} ms, p95 "
            f"{percentile(got['plain'], 95):.0f} ms | ratio {p50 / b50:.2f}{old}"
            f" | goal p50 <= {GOAL_MS} ms: {'met' if p50 <= GOAL_MS else 'NOT met'}"
            f" (n={len(samples['course'][notebook])}; failed: {failed})"
        )
    return lines
