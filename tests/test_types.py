"""The type check runs with the suite: `mypy` as configured in pyproject.toml (strict on the engine, the
views checked without strict because ipywidgets has no types) must find nothing.

Each run uses its own empty mypy cache (in the test's tmp folder), so the result never depends on a cache
left by an older tree; a cold run takes 4 to 8 s (a warm cache would take under 1 s).
"""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _mypy(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(tmp_path / "mypy-cache"), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_mypy_finds_nothing_in_the_package(tmp_path):
    run = _mypy(tmp_path)  # the configured run: `files = ["widgets"]`
    assert run.returncode == 0, f"mypy found problems:\n{run.stdout}{run.stderr}"
    assert "Success: no issues found" in run.stdout, run.stdout + run.stderr


def test_the_configuration_is_strict(tmp_path):
    """The configuration really is strict: an unannotated function outside the views is an error."""
    probe = tmp_path / "probe.py"
    probe.write_text("def double(x):\n    return 2 * x\n", encoding="utf-8")
    run = _mypy(tmp_path, str(probe))
    assert run.returncode == 1, run.stdout + run.stderr
    assert "[no-untyped-def]" in run.stdout, run.stdout + run.stderr
