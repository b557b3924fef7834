"""The benchmarks (`make bench`, never shipped) still import: a moved module or a renamed name fails here, not
on the day someone wants the numbers. They are not run: speed goals are ratios printed by `make bench`."""

from __future__ import annotations

import importlib
import pkgutil

import pytest

import benchmarks

MODULES = sorted(m.name for m in pkgutil.iter_modules(benchmarks.__path__) if m.name != "__main__")


@pytest.mark.parametrize("name", MODULES)
def test_benchmark_module_imports(name):
    module = importlib.import_module(f"benchmarks.{name}")
    assert module.__doc__, f"benchmarks/{name}.py says what it measures in its docstring"


def test_the_selfcheck_benchmark_still_walks_the_form():
    """The self-check benchmark drives the stepped form (its asserts check each press reaches the next step and the
    verdict): run it once, small, so a change of the form's driving breaks here and not on the day of `make bench`."""
    from types import SimpleNamespace

    from benchmarks import selfcheck

    lines = selfcheck.run(SimpleNamespace(runs=4))
    assert len(lines) == 5 and all(" p50 " in text for text in lines)
