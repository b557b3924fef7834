"""Every lesson in JupyterLab in Chromium: Run All draws every widget, no errors, offline, accessible."""

from __future__ import annotations

import pytest

from .lab import lesson_notebooks

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]


@pytest.mark.parametrize("notebook", lesson_notebooks())
def test_lesson_runs_and_every_widget_renders(notebook, ran_lesson, browser, lab, artifacts):
    seen = len(browser.requests)
    page = ran_lesson(notebook)  # opened, Run All, every widget and figure drawn (or a clear failure)
    page.screenshot(artifacts / (notebook.replace("/", "__").removesuffix(".ipynb") + ".png"))
    assert page.problems() == []
    assert page.axe_violations() == []
    assert browser.foreign_requests(lab, since=seen) == []


def test_the_checks_themselves_catch_a_bad_widget_and_an_outside_request(ran_lesson, browser, lab):
    """The axe scope reaches widget output, and the request log sees a request to another host."""
    page = ran_lesson("01_what_is_a_twitch.ipynb")
    # an unlabelled text field, as if one of our widgets had one
    page.notebook_panel.locator(".quiz").first.evaluate(
        "e => { const i = document.createElement('input'); i.type = 'text'; i.id = 'axe-probe'; e.appendChild(i); }"
    )
    try:
        found = page.axe_violations()
    finally:
        page.page.evaluate("() => document.getElementById('axe-probe').remove()")
    assert any("axe-probe" in v for v in found), found

    seen = len(browser.requests)
    probe = browser.context.new_page()
    try:
        probe.route("**/*", lambda route: route.abort())  # nothing really leaves the machine
        probe.set_content('<img src="http://192.0.2.1/probe.png" alt="">')
        probe.wait_for_timeout(200)
    finally:
        probe.close()
    assert browser.foreign_requests(lab, since=seen) == ["http://192.0.2.1/probe.png"]
    del browser.requests[seen:]  # expected: not a real leak
