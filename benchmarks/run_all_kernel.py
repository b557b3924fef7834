"""Run All, kernel side: each lesson executed by nbclient in a fresh kernel, no browser.

The baseline is a fresh kernel running one cell, ``import ipywidgets`` (the least any widget lesson pays).
For each lesson: the kernel time of all its cells (execute request → reply, summed), the slowest cell, and
the bytes of widget state the page receives (the state nbclient saves, as JSON), each as a ratio to the
baseline measured in the same run (bytes: to one bare ``ipywidgets.Button``). Kernel output
(warnings on stderr) is not part of the numbers.
Goal (issue 14): Run All → everything drawn ≤ 2 s per lesson; executed lesson with widget state < 1 MB.
"""

from __future__ import annotations

import json
import statistics
from datetime import datetime
from pathlib import Path

BROWSER = False
LESSONS = Path(__file__).resolve().parent.parent / "lessons"
ROUNDS = 5  # fresh kernel pairs per lesson (the machine is shared: report the median ratio)


def _cell_seconds(cell) -> float:
    t = cell.metadata.get("execution", {})
    start, end = t.get("iopub.execute_input"), t.get("shell.execute_reply")
    if not (start and end):
        return 0.0
    parse = lambda s: datetime.fromisoformat(s.replace("Z", "+00:00"))  # noqa: E731
    return (parse(end) - parse(start)).total_seconds()


def _execute(nb) -> tuple[list[float], int]:
    """Run every cell in a fresh kernel; (seconds per code cell, bytes of saved widget state)."""
    from nbclient import NotebookClient

    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(LESSONS)}}).execute()
    seconds = [_cell_seconds(c) for c in nb.cells if c.cell_type == "code"]
    state = nb.metadata.get("widgets", {}).get("application/vnd.jupyter.widget-state+json", {})
    return seconds, len(json.dumps(state))


def _notebook(*sources: str):
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [nbformat.v4.new_code_cell(s) for s in sources]
    return nb


def run(args) -> list[str]:
    import nbformat

    base_bytes = _execute(_notebook("import ipywidgets\nipywidgets.Button()"))[1]
    out = [f"kernel baseline: a fresh kernel runs `import ipywidgets` before each lesson; a Button: {base_bytes} B"]
    for path in sorted(LESSONS.glob("[0-9][0-9]_*.ipynb")):
        bases, totals, ratios, slowest, size = [], [], [], [], 0
        for _ in range(ROUNDS):  # baseline and lesson side by side, so a busy moment hits both
            base = _execute(_notebook("import ipywidgets"))[0][0]
            seconds, size = _execute(nbformat.read(path, as_version=4))
            bases.append(base)
            totals.append(sum(seconds))
            ratios.append(sum(seconds) / base)
            slowest.append(max(seconds, default=0.0) / base)
        t, b = statistics.median(totals), statistics.median(bases)
        out.append(
            f"kernel Run All {path.stem}: {t * 1000:.0f} ms (baseline {b * 1000:.0f} ms), "
            f"ratio {statistics.median(ratios):.2f}x (slowest cell {statistics.median(slowest):.2f}x); "
            f"widget state {size / 1024:.0f} KiB = {size / max(base_bytes, 1):.0f}x a Button"
        )
    return out
