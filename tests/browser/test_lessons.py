"""Every lesson in JupyterLab in Chromium: Run All draws every widget, no errors, offline, accessible."""

from __future__ import annotations

import pytest

from widgets.bench.lab import lesson_notebooks

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]


@pytest.mark.parametrize("notebook", lesson_notebooks())
def test_lesson_runs_and_every_widget_renders(notebook, ran_lesson, browser, lab, artifacts):
    seen = len(browser.requests)
    page = ran_lesson(notebook)       # opened, Run All, every widget and figure drawn (or a clear failure)
    page.screenshot(artifacts / (notebook.replace("/", "__").removesuffix(".ipynb") + ".png"))
    assert page.problems() == []
    assert page.axe_violations() == []
    assert browser.foreign_requests(lab, since=seen) == []
