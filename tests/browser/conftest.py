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


@pytest.fixture
def open_lesson(lab, browser):
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
    for page in pages:
        if not page.page.is_closed():
            page.close()
    lab.shutdown_kernels()
    foreign = browser.foreign_requests(lab, since=seen)
    assert not foreign, f"requests left the machine: {foreign[:5]}"


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
