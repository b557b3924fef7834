"""Test-wide setup: progress goes to a throwaway folder, also for the nbval kernels (they inherit the env).

The two tiers (README, "For maintainers") are marked here, in one place. `slow`: whatever starts a server, a
browser, a hub, a learning record store, a kernel per notebook (nbval, the site build), the crash loop, one
interpreter per module, or a type check; `browser` and `hub` tests are `slow` too. The fast tier, `make check`,
is `pytest -m "not slow and not browser and not hub"`.

`make test` runs everything with pytest-xdist (`--dist loadgroup`); the tests that must share one process are put
in one `xdist_group`: every hub test (one hub; they share a Unix group, so they run one at a time), the cells of one
notebook (nbval runs them in order in one kernel), and the type checks (one mypy cache). A browser module is a
group of its own: a worker starts its JupyterLab and Chromium once, for every browser module it is given.
"""

import os
import tempfile
from pathlib import Path

import pytest

from widgets.progress import ENV_DIR

os.environ[ENV_DIR] = tempfile.mkdtemp(prefix="foot-lessons-test-")

# Fixtures whose users are slow: they execute every lesson, or start a server.
SLOW_FIXTURES = {
    "built_site",  # tests/conftest.py: the lessons executed and the static site built, once (tools/site.py)
    "executed",  # tests/test_no_cdn.py: the executed lessons, from that same build
    "ralph",  # tests/test_xapi.py: a real learning record store
    "server",  # tests/test_lab_config.py: a real JupyterLab server
}


HUB = Path(__file__).parent / "tests" / "hub"


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects: the marks must be on by then
def pytest_collection_modifyitems(config, items):
    for item in items:
        path = item.path
        if path.is_relative_to(HUB):  # tests/hub/conftest.py marks them `hub` too, but only after this hook
            item.add_marker(pytest.mark.hub)
        if path.suffix == ".ipynb":  # nbval: one kernel per notebook, its cells in order
            item.add_marker(pytest.mark.slow)
            item.add_marker(pytest.mark.xdist_group(f"nbval-{path.parent.name}-{path.stem}"))
        elif item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.slow)
            item.add_marker(pytest.mark.xdist_group(f"browser-{path.stem}"))
        elif item.get_closest_marker("hub"):
            item.add_marker(pytest.mark.slow)
            item.add_marker(pytest.mark.xdist_group("hub"))
        elif SLOW_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.slow)
