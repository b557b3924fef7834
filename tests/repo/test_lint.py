"""ruff (lint rules and formatting, configured in pyproject.toml) is clean over the whole tree, so a bare
`pytest` (and `make test`, `make check` and CI) fails on a lint or format slip. Notebooks are checked by
test_notebooks. ruff keeps its own cache (`.ruff_cache/`, git-ignored): it re-reads only the files that changed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ruff", *args], cwd=ROOT, capture_output=True, text=True, timeout=120)


def test_ruff_finds_nothing():
    done = ruff("check", ".")
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_tree_is_formatted():
    done = ruff("format", "--check", ".")
    assert done.returncode == 0, "run `ruff format .`:\n" + done.stdout + done.stderr
