"""The type check runs with the suite: `mypy` as configured in pyproject.toml (strict on the engine, the
views checked without strict because ipywidgets has no types) must find nothing.

The package check uses mypy's own cache in the repository (`.mypy_cache/`, git-ignored, the one a plain `mypy`
run uses): mypy re-checks what changed since (it compares each file's hash, mypy's version and the options), so
a warm run takes about 1 s instead of 4 to 8 s cold. The probe below gets an empty cache of its own.
"""

import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # a type check (not in `make check`)

ROOT = Path(__file__).resolve().parents[2]
CACHE = ROOT / ".mypy_cache"


def _mypy(cache: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "mypy", "--cache-dir", str(cache), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )


def test_mypy_finds_nothing_in_the_package():
    run = _mypy(CACHE)  # the configured run: `files = ["widgets"]`
    assert run.returncode == 0, f"mypy found problems:\n{run.stdout}{run.stderr}"
    assert "Success: no issues found" in run.stdout, run.stdout + run.stderr


def test_the_configuration_is_strict(tmp_path):
    """The configuration really is strict: an unannotated function outside the views is an error."""
    probe = tmp_path / "probe.py"
    probe.write_text("def double(x):\n    return 2 * x\n", encoding="utf-8")
    run = _mypy(tmp_path / "mypy-cache", str(probe))
    assert run.returncode == 1, run.stdout + run.stderr
    assert "[no-untyped-def]" in run.stdout, run.stdout + run.stderr
