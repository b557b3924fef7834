"""The course tab's rules for when a lesson runs by itself and when it counts as stopped
(labextension/src/lesson_kernel.js), run in node over the states a notebook's session goes through
(tests/js/lesson_kernel.mjs). The flaky CI walk came from the old rule, which took a kernel still starting for a
stopped one and started a second kernel over it; tests/browser/test_course_tab_slow_kernel.py shows the same in
JupyterLab with slow kernel starts."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
NODE = shutil.which("node") or "/usr/bin/node"


@pytest.fixture(scope="module")
def played() -> dict:
    harness, rules = ROOT / "tests/js/lesson_kernel.mjs", ROOT / "labextension/src/lesson_kernel.js"
    out = subprocess.run([NODE, "--no-warnings", str(harness), str(rules)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout)


def test_a_kernel_still_starting_is_waited_for_never_taken_for_a_stopped_one_and_the_lesson_runs_once_on_it(played):
    assert played["slow_start"] == ["wait", "wait", "wait", "run", "ran", "none", "none"]


def test_a_lesson_whose_kernel_was_shut_down_is_stopped_waits_for_the_new_one_and_runs_once_on_it(played):
    stop, restart = ["stopped", "stopped"], ["wait", "wait", "run", "ran", "none"]
    assert played["stopped_then_restarted"] == ["run", "ran", *stop, *restart]
    assert played["disposed"] == ["run", "ran", "stopped"]


def test_a_kernel_the_lesson_already_ran_on_is_not_run_again(played):
    assert played["learner_ran_first"] == ["ran", "none"]
    assert played["restarted_same_id"] == ["run", "ran", "none", "none"]
    assert played["live"] == ["k1", None, None]
