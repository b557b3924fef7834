"""A lesson's life in JupyterLab: opened, run, its kernel stopped, reopened, run again, left by "Next".

These tests run their own JupyterLab with the settings the project ships (widgets/jupyter/lab_server.py, installed
into a temporary prefix), as ``make lab``, Binder and the hubs do.
"""

from __future__ import annotations

import itertools
import json
import re
import time
import urllib.error

import pytest
from playwright.sync_api import expect

from tests.browser.lab import BROKEN_TEXT, LabPage, start_lab
from widgets.content.load import load_course
from widgets.jupyter import lab_server

pytestmark = pytest.mark.browser

START = ".lesson-start"  # the "Run → Run All Cells" line atop each lesson
STOPPED_NOTE = ".lesson-stopped-note"


@pytest.fixture(scope="module")
def lab(browser, tmp_path_factory):
    prefix = tmp_path_factory.mktemp("prefix")
    lab_server.install(prefix)
    # this prefix is not the server's own: point JupyterLab at the shipped defaults installed in it
    settings = prefix / "share/jupyter/lab/settings"
    (prefix / "etc/jupyter/jupyter_server_config.json").write_text(
        json.dumps({"LabApp": {"app_settings_dir": str(settings)}})
    )
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("JUPYTER_CONFIG_PATH", str(prefix / "etc/jupyter"))
        with start_lab() as running:
            yield running


@pytest.fixture
def pages(browser, lab):
    opened: list = []
    yield opened
    for page in opened:
        if not page.is_closed():
            page.close()
    lab.shutdown_kernels()


def _open(browser, lab, pages, notebook: str) -> LabPage:
    page = LabPage.open(browser.context, lab, notebook)
    pages.append(page.page)
    return page


def _start_line_shown(page: LabPage) -> bool:
    return page.notebook_panel.locator(START).first.is_visible()


def _tabs(page: LabPage) -> list[str]:
    return page.page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab").all_inner_texts()


def _dirty_tabs(page: LabPage) -> int:
    return page.page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.jp-mod-dirty").count()


def _wait_stopped(page: LabPage, timeout: float = 20) -> None:
    """Every lesson view of the notebook shows the stopped state (each outer view its note)."""
    page.page.wait_for_function(
        """(panel) => {
            const nb = document.querySelector(panel);
            const views = [...nb.querySelectorAll('.lesson-view')]
                .filter((v) => !v.parentElement.closest('.lesson-view'));
            return views.length > 0 && views.every((v) => v.classList.contains('lesson-stopped')
                && v.querySelector(':scope > .lesson-stopped-note'));
        }""",
        arg=page.NOTEBOOK,
        timeout=timeout * 1000,
    )


def test_a_lesson_reopened_after_its_kernel_stopped_shows_the_start_line_not_broken_widgets(browser, lab, pages):
    notebook = "01_what_is_a_twitch.ipynb"
    page = _open(browser, lab, pages, notebook)
    assert _start_line_shown(page), "the Run All line is hidden before the lesson ran"
    assert _dirty_tabs(page) == 0, "the lesson's tab shows as modified as soon as it opens"
    page.run_all()
    assert not _start_line_shown(page), "the Run All line is still shown after Run All"
    page.page.keyboard.press("Control+s")  # as JupyterLab's autosave would
    page.page.wait_for_function("() => !document.querySelector('.lm-DockPanel-tabBar .jp-mod-dirty')")
    lab.shutdown_kernels([notebook])
    page.close()

    again = _open(browser, lab, pages, notebook)
    text = again.notebook_panel.inner_text()
    assert not [bad for bad in BROKEN_TEXT if bad in text], "a widget cell shows a broken widget after reopening"
    assert again.notebook_panel.locator(".jp-OutputArea-output").count() == 0, "outputs were saved in the lesson"
    assert _start_line_shown(again), "the Run All line is not shown on a lesson that has not run"
    assert _dirty_tabs(again) == 0
    again.run_all()
    assert not _start_line_shown(again)
    assert not again.problems()


def test_a_stopped_kernel_says_so_and_run_all_brings_every_widget_back(browser, lab, pages):
    notebook = "00_start_here.ipynb"
    page = _open(browser, lab, pages, notebook)
    page.run_all()
    views = page.notebook_panel.locator(".lesson-view").count()
    lab.shutdown_kernels([notebook])  # from outside the page, as a hub's idle culler does
    _wait_stopped(page)
    assert _start_line_shown(page), "the Run All line does not come back when the kernel stopped"

    # "Reset my progress" (any control) in a stopped lesson: no silent nothing, the note comes to the front
    reset = page.notebook_panel.locator(".progress-reset").first
    reset.click()
    focused = page.page.evaluate("() => document.activeElement.className")
    assert "lesson-stopped-note" in focused, focused
    note = page.notebook_panel.locator(STOPPED_NOTE).first
    assert note.get_attribute("role") == "alert"
    assert re.search(r"Run All Cells", note.inner_text())
    assert page.notebook_panel.locator(".progress-overview").first.locator("text=Are you sure?").is_hidden()

    # one Run All after the shutdown runs every widget cell (JupyterLab alone ran only one of them)
    page.page.wait_for_function(
        "() => !document.querySelector('.jp-Dialog')", timeout=5000
    )  # no "Error starting kernel" dialog
    page.wait_kernel_idle()
    page.run_all()
    assert not page.problems()
    assert page.notebook_panel.locator(".lesson-stopped").count() == 0
    assert page.notebook_panel.locator(".lesson-view").count() == views
    assert len(lab.api("GET", "/api/kernels")) == 1


def test_following_next_through_the_course_keeps_one_tab_per_lesson_and_one_kernel(browser, lab, pages):
    lessons = [l.notebook for l in load_course().lessons]
    page = _open(browser, lab, pages, lessons[0])
    for here, there in itertools.pairwise(lessons):
        page.run_all()
        page.notebook_panel.locator(".jp-RenderedMarkdown p", has_text="Next:").locator("a").first.click()
        page = LabPage(page.page, lab, there)
        page.page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current", has_text=there).wait_for()
        page.wait_kernel_idle()
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:  # the lesson left behind lets go of its kernel
            sessions = {s["path"]: s for s in lab.api("GET", "/api/sessions") if s.get("kernel")}
            if here not in sessions:
                break
            time.sleep(0.5)
        assert here not in sessions, f"{here} still has a kernel after Next"
    # jupyter_server answers 500 to a kernel list taken while a kernel is still stopping (its model is half gone):
    # ask again until the stopped kernel has left the list
    kernels: list = []
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            kernels = lab.api("GET", "/api/kernels")
        except urllib.error.HTTPError as e:
            assert e.code == 500, e
            kernels = []
        if len(kernels) == 1:
            break
        time.sleep(0.5)
    assert len(kernels) == 1, kernels
    tabs = _tabs(page)
    assert len(tabs) == len(set(tabs)) <= len(lessons), tabs


def test_the_start_notebook_saves_files_at_once_and_names_them_after_the_learner(browser, lab, pages):
    page = _open(browser, lab, pages, "00_start_here.ipynb")
    page.run_all()
    backup = page.notebook_panel.locator(".progress-backup")
    backup.get_by_role("textbox", name="Your name or a nickname").fill("Ann B.")
    backup.locator(".backup-export").click()  # nothing answered yet: it says so, no file
    expect(backup.locator(".backup-export-out")).to_contain_text("not answered any quiz questions yet")
    with page.page.expect_download() as info:  # one click, the file comes
        backup.locator(".backup-download").click()
    assert info.value.suggested_filename == "foot-twitch-progress-ann-b.json"
    upload = backup.locator(".backup-upload")
    assert upload.inner_text().strip() == "Choose a progress file"

    # the progress table is live: an answer saved by another kernel (here: this test's own store over the same
    # file, as lesson 01's kernel would) shows without running anything again
    from widgets.content.load import load_bank
    from widgets.store.progress import ProgressStore
    from widgets.views.quiz import quiz

    from ..quiz_driver import answer

    n = len(load_bank("01-physiology").full_ids())
    table = page.notebook_panel.locator(".progress-overview table")
    expect(table).to_contain_text(f"0/{n}")
    q = quiz("01-physiology", ProgressStore(lab.data_dir))
    answer(q, 0, q.cards[0].question.answer)  # through the kernel's path, as lesson 01's page would send it
    table.scroll_into_view_if_needed()  # the learner comes back to the table
    expect(table).to_contain_text(f"1/{n}", timeout=5_000)
    q = quiz("01-physiology", ProgressStore(lab.data_dir))
    answer(q, 1, q.cards[1].question.answer)
    expect(table).to_contain_text(f"2/{n}", timeout=15_000)  # while it stays on screen: within a few seconds


def test_the_teachers_guide_opens_rendered(browser, lab, pages):
    page = browser.context.new_page()
    pages.append(page)
    page.goto(f"{lab.url}/lab/tree/instructor/guide.md?reset&token={lab.token}")
    shown = page.locator(".jp-MainAreaWidget:not(.lm-mod-hidden) .jp-RenderedMarkdown h1").first
    expect(shown).to_be_visible(timeout=60_000)  # Markdown Preview, not the text editor
    assert page.locator(".jp-MainAreaWidget:not(.lm-mod-hidden) .jp-FileEditor").count() == 0
    assert page.locator(".jp-Notification-Toast").count() == 0  # no "get notified about news?" pop-up
