"""Session fixtures for the browser suite: one JupyterLab server and one Chromium for every test.

Where Chromium (or Playwright) is missing the tests skip on a laptop, but fail when ``CI=true``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from widgets.bench.lab import LabPage, chromium_available, start_browser, start_lab

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture(scope="session")
def browser():
    if not chromium_available():
        msg = "Chromium at /usr/bin/chromium (or Playwright) not found"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{msg}; CI needs it (apt-get install -y chromium)")
        pytest.skip(msg)
    with start_browser() as b:
        yield b


@pytest.fixture(scope="session")
def lab(browser):
    with start_lab() as running:
        yield running


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


@pytest.fixture
def open_lesson(lab, browser, request):
    """``open_lesson("01_what_is_a_twitch.ipynb")`` → a LabPage with an idle kernel.

    After the test: pages closed, kernels shut down, and no request may have left the loopback server.
    """
    pages = []
    seen = len(browser.requests)

    def _open(notebook: str) -> LabPage:
        page = LabPage.open(browser.context, lab, notebook)
        pages.append(page)
        return page

    yield _open
    failed = getattr(request.node, "report_call", None) is not None and request.node.report_call.failed
    for n, page in enumerate(pages):
        if not page.page.is_closed():
            if failed:  # what the page looked like when the test failed
                ARTIFACTS.mkdir(exist_ok=True)
                page.page.screenshot(path=str(ARTIFACTS / f"FAILED-{request.node.name}-{n}.png"))
            page.close()
    lab.shutdown_kernels()
    foreign = browser.foreign_requests(lab, since=seen)
    assert not foreign, f"requests left the machine: {foreign[:5]}"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
