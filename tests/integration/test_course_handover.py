"""The kernel's side of the course tab's hand-over (widgets/jupyter/handover.py): a kernel given to the next lesson
keeps no widget and no name of the lesson before, and counts cells from 1 again, as a new kernel would. The tab's side
(the session moved to the next lesson's path, one kernel all along): tests/browser/test_course_tab_slow_kernel.py."""

from __future__ import annotations

import json
import subprocess
import sys

SCRIPT = """
import json
from IPython.core.interactiveshell import InteractiveShell
import ipywidgets
from widgets.jupyter.handover import next_lesson
from ipywidgets.widgets.widget import _instances

shell = InteractiveShell.instance()
shell.run_cell("import ipywidgets; box = ipywidgets.VBox([ipywidgets.Button(description='Check')])", store_history=True)
shell.run_cell("left = 'from the last lesson'", store_history=True)
before = {"widgets": len(_instances), "count": shell.execution_count}
closed = next_lesson()
after = {"widgets": len(_instances), "count": shell.execution_count, "closed": closed,
         "names": sorted(k for k in ("box", "left", "ipywidgets") if k in shell.user_ns)}
shell.run_cell("again = ipywidgets.Button(description='Next')" )  # the namespace is empty: this name is gone
after["again"] = "again" in shell.user_ns
print(json.dumps({"before": before, "after": after}))
"""


def test_a_kernel_handed_to_the_next_lesson_keeps_no_widget_no_name_and_counts_from_one():
    out = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True, timeout=120)
    got = json.loads(out.stdout.strip().splitlines()[-1])
    assert got["before"]["count"] == 3 and got["before"]["widgets"] >= 2  # a box, a button (and their layouts)
    assert got["after"]["widgets"] == 0 and got["after"]["closed"] == got["before"]["widgets"]
    assert got["after"]["names"] == [], "a name of the last lesson is left in the namespace"
    assert got["after"]["count"] == 1
    assert got["after"]["again"] is False  # `ipywidgets` itself was a name of the last lesson
