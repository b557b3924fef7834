"""Session fixtures for the browser suite: one JupyterLab server and one Chromium for every test.

Where Chromium (or Playwright) is missing the tests skip on a laptop, but fail when ``CI=true``.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from .lab import CHROMIUM, LabPage, chromium_available, start_browser, start_lab

ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"


@pytest.fixture(scope="session")
def browser():
    if not chromium_available():
        msg = f"Chromium at {CHROMIUM} (or Playwright) not found"
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


def _finish(request, browser, lab, pages: list[LabPage], seen: int, close: bool) -> None:
    """Screenshot the pages of a failed test; close them if asked; fail if a request left the machine."""
    failed = getattr(request.node, "report_call", None) is not None and request.node.report_call.failed
    for n, page in enumerate(pages):
        if page.page.is_closed():
            continue
        if failed:  # what the page looked like when the test failed
            ARTIFACTS.mkdir(exist_ok=True)
            page.page.screenshot(path=str(ARTIFACTS / f"FAILED-{request.node.name}-{n}.png"))
        if close:
            page.close()
    foreign = browser.foreign_requests(lab, since=seen)
    assert not foreign, f"requests left the machine: {foreign[:5]}"


@pytest.fixture(scope="session")
def _ran_pages(lab, browser):
    """Lesson tabs already opened and run, shared by the tests that only read or click (one per notebook)."""
    pages: dict[str, LabPage] = {}
    yield pages
    for page in pages.values():
        if not page.page.is_closed():
            page.close()


@pytest.fixture
def ran_lesson(lab, browser, _ran_pages, request):
    """``ran_lesson("03_local_foot_causes.ipynb")`` → a LabPage after Run All, opened once per session.

    Tests share it: they may click widgets but must not restart or shut down its kernel.
    """
    used: list[LabPage] = []
    seen = len(browser.requests)

    def _get(notebook: str) -> LabPage:
        page = _ran_pages.get(notebook)
        if page is None or page.page.is_closed():
            page = _ran_pages[notebook] = LabPage.open(browser.context, lab, notebook)
            page.run_all()
        # the tab a learner works in is in front: a page opened later for another test would leave this one in the
        # background, where Chromium pauses its animation frames and idle callbacks (the figures' drawing ahead)
        page.page.bring_to_front()
        used.append(page)
        return page

    yield _get
    _finish(request, browser, lab, used, seen, close=False)


@pytest.fixture
def open_lesson(lab, browser, _ran_pages, request):
    """``open_lesson("01_what_is_a_twitch.ipynb")`` → a fresh tab with a new, idle kernel (not run yet).

    A shared tab of the same notebook is closed first (a notebook's tabs share one kernel). After the
    test: its tabs closed, their kernels shut down, and no request may have left the loopback server.
    """
    pages: list[LabPage] = []
    seen = len(browser.requests)

    def _open(notebook: str) -> LabPage:
        shared = _ran_pages.pop(notebook, None)
        if shared is not None:
            shared.close()
        lab.shutdown_kernels([notebook])
        page = LabPage.open(browser.context, lab, notebook)
        pages.append(page)
        return page

    yield _open
    _finish(request, browser, lab, pages, seen, close=True)
    lab.shutdown_kernels([p.notebook for p in pages])


@pytest.fixture(scope="session")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS
