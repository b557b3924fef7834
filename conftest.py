"""Test-wide setup: progress goes to a throwaway folder, also for the nbval kernels (they inherit the env).

The two tiers (README, "For maintainers") are marked here, in one place. `slow`: whatever starts a server, a
browser, a hub, a learning record store, a kernel per notebook (nbval, the site build), the crash loop, one
interpreter per module, or a type check; `browser` and `hub` tests are `slow` too. The fast tier, `make check`,
is `pytest -m "not slow and not browser and not hub"`.

`make test` runs everything on pytest-xdist workers, one test file to a worker at a time (`--dist loadscope`:
a browser module starts its worker's JupyterLab and Chromium once, for every browser module that worker gets; an
nbval notebook runs its cells in order in one kernel). `pytest_xdist_make_scheduler` below adds one rule: every
hub test goes to one worker, one at a time (one hub; they share a Unix group).
"""

import os
import tempfile
from pathlib import Path

import pytest

from widgets.store.progress import ENV_DIR

os.environ[ENV_DIR] = tempfile.mkdtemp(prefix="foot-lessons-test-")

# Fixtures whose users are slow: they execute every lesson, or start a server.
SLOW_FIXTURES = {
    "built_site",  # tests/conftest.py: the lessons executed and the static site built, once (tools/site.py)
    "executed",  # tests/integration/test_no_cdn.py: the executed lessons, from that same build
    "ralph",  # tests/integration/test_xapi.py: a real learning record store
    "server",  # tests/integration/test_lab_config.py: a real JupyterLab server
}


HUB = Path(__file__).parent / "tests" / "hub"


def pytest_itemcollected(item):
    """Marks each test as it is collected: before any `pytest_collection_modifyitems`, where `-m` deselects."""
    path = item.path
    if path.suffix == ".ipynb" or item.get_closest_marker("browser"):  # nbval, or a real Chromium
        item.add_marker(pytest.mark.slow)
    elif path.is_relative_to(HUB):  # tests/hub/conftest.py marks them `hub` too, later
        item.add_marker(pytest.mark.hub)
        item.add_marker(pytest.mark.slow)
    elif SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
        item.add_marker(pytest.mark.slow)


@pytest.hookimpl(optionalhook=True)  # a hook of pytest-xdist: nothing without it (`-p no:xdist`)
def pytest_xdist_make_scheduler(config, log):
    """`--dist loadscope`, with every test under tests/hub/ in one scope (pytest 9 ignores xdist_group marks:
    pytest-xdist 3.8 renames the test ids for them, and pytest 9 no longer reads that name)."""
    if config.getvalue("dist") != "loadscope":
        return None
    from xdist.scheduler import LoadScopeScheduling

    class HubTogether(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return "tests/hub/" if nodeid.startswith("tests/hub/") else super()._split_scope(nodeid)

    return HubTogether(config, log)


# Where `make test`'s time goes: seconds per test file (setup + call + teardown of its tests, fixtures included,
# summed on whichever worker ran it) and per worker, printed at the end of the run (the 15-minute budget).
_FILE_SECONDS: dict[str, float] = {}
_WORKER_SECONDS: dict[str, float] = {}


def pytest_runtest_logreport(report):
    _FILE_SECONDS[report.nodeid.split("::")[0]] = _FILE_SECONDS.get(report.nodeid.split("::")[0], 0) + report.duration
    worker = getattr(getattr(report, "node", None), "gateway", None)
    if worker is not None:
        _WORKER_SECONDS[worker.id] = _WORKER_SECONDS.get(worker.id, 0) + report.duration


def pytest_terminal_summary(terminalreporter):
    slow = sorted(_FILE_SECONDS.items(), key=lambda kv: -kv[1])
    if not slow or sum(_FILE_SECONDS.values()) < 60:
        return
    tr = terminalreporter
    tr.section("seconds per test file (the 15 slowest)")
    for path, seconds in slow[:15]:
        tr.write_line(f"{seconds:8.1f}  {path}")
    tr.write_line(f"{sum(_FILE_SECONDS.values()):8.1f}  all {len(_FILE_SECONDS)} files")
    for worker, seconds in sorted(_WORKER_SECONDS.items()):
        tr.write_line(f"{seconds:8.1f}  on {worker}")
