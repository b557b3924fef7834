"""A lesson's life in JupyterLab: opened, run, its kernel stopped, reopened, run again, closed.

These tests run their own JupyterLab with the settings the project ships (widgets/jupyter/lab_server.py, installed
into a temporary prefix), as ``make lab``, Binder and the hubs do; ``course_lab`` adds the course tab extension
(labextension/), which owns a lesson's kernel: the walk through the course is tests/browser/test_course_tab.py.
"""

from __future__ import annotations

import contextlib
import json
import re
import time

import pytest
from playwright.sync_api import TimeoutError as PlaywrightTimeout
from playwright.sync_api import expect

from tests.browser.lab import BROKEN_TEXT, LabPage, start_course_lab, start_lab
from widgets.jupyter import lab_server

pytestmark = pytest.mark.browser

START = ".lesson-start"  # the "Run → Run All Cells" line atop each lesson


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


@pytest.fixture(scope="module")
def course_lab(browser):
    with start_course_lab() as running:
        yield running


@pytest.fixture
def course_pages(browser, course_lab):
    opened: list = []
    yield opened
    for page in opened:
        if not page.is_closed():
            page.close()
    course_lab.shutdown_kernels()


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


# Records, in the page, the moment the stopped note first shows: whether every outer view was marked, the note's
# role and text, and where a click on "Reset my progress" puts the focus while the lesson is stopped.
_WATCH_STOPPED = """(panel) => {
  const w = window.__lessonsStopped = {seen: false};
  const obs = new MutationObserver(() => {
    const nb = document.querySelector(panel);
    const note = nb && nb.querySelector('.lesson-stopped-note');
    if (!note || w.seen) return;
    w.seen = true;
    obs.disconnect();
    const views = [...nb.querySelectorAll('.lesson-view')].filter((v) => !v.parentElement.closest('.lesson-view'));
    w.allMarked = views.length > 0 && views.every((v) => v.classList.contains('lesson-stopped'));
    w.role = note.getAttribute('role');
    w.text = note.textContent;
    const reset = nb.querySelector('.progress-reset');
    reset.dispatchEvent(new MouseEvent('click', {bubbles: true, cancelable: true}));
    w.focusAfterClick = document.activeElement.className;
    w.confirmShown = [...nb.querySelectorAll('.progress-overview')].some((p) => /Are you sure/.test(p.innerText));
  });
  obs.observe(document.body, {subtree: true, childList: true});
}"""


def test_a_stopped_kernel_says_so_then_the_lesson_comes_back_by_itself(browser, course_lab, course_pages):
    notebook = "00_start_here.ipynb"
    page = _open(browser, course_lab, course_pages, notebook)
    page.wait_rendered()  # it ran by itself
    views = page.notebook_panel.locator(".lesson-view").count()
    page.page.evaluate(_WATCH_STOPPED, page.NOTEBOOK)
    course_lab.shutdown_kernels([notebook])  # from outside the page, as a hub's idle culler does
    page.page.wait_for_function("() => window.__lessonsStopped.seen", timeout=20_000)
    seen = page.page.evaluate("() => window.__lessonsStopped")
    assert seen["allMarked"], "a view was not marked stopped"
    assert seen["role"] == "alert" and "Run All Cells" in seen["text"], seen
    # "Reset my progress" (any control) in a stopped lesson: no silent nothing, the note comes to the front
    assert "lesson-stopped-note" in seen["focusAfterClick"], seen
    assert not seen["confirmShown"]

    # the learner is on the tab: a new kernel starts and the lesson runs again, with no Run All and no dialog
    page.page.wait_for_function(
        "(panel) => { const nb = document.querySelector(panel);"
        " return !nb.querySelector('.lesson-stopped') && nb.querySelectorAll('.lesson-view').length > 0; }",
        arg=page.NOTEBOOK,
        timeout=60_000,
    )
    page.wait_rendered()
    assert page.page.locator(".jp-Dialog").count() == 0  # no "Error starting kernel"
    assert not page.problems()
    assert page.notebook_panel.locator(".lesson-view").count() == views
    assert len(course_lab.kernels()) == 1


def test_a_kernel_stopped_while_its_tab_is_hidden_starts_again_only_when_the_learner_is_back(
    browser, course_lab, course_pages
):
    notebook = "01_what_is_a_twitch.ipynb"
    page = _open(browser, course_lab, course_pages, notebook)
    page.wait_rendered()
    page.page.locator(".jp-DirListing-item", has_text="SOURCES.md").dblclick()  # another tab in front
    page.page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab.lm-mod-current", has_text="SOURCES.md").wait_for()
    course_lab.shutdown_kernels([notebook])  # a culler stopped it while the learner read something else
    time.sleep(6)  # two of the extension's checks
    assert course_lab.kernels() == [], "a kernel was started for a lesson nobody is looking at"
    page.page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text=notebook).click()
    page.page.wait_for_function(
        "(panel) => !document.querySelector(panel).querySelector('.lesson-stopped')", arg=page.NOTEBOOK, timeout=60_000
    )
    page.wait_rendered()
    assert not page.problems()
    assert len(course_lab.kernels()) == 1


def test_close_and_shut_down_leaves_no_kernel_behind(browser, course_lab, course_pages):
    notebook = "05_review.ipynb"
    page = _open(browser, course_lab, course_pages, notebook)
    page.wait_rendered()
    page.menu("File", "Close and Shut Down Notebook…")
    dialog = page.page.locator(".jp-Dialog")
    with contextlib.suppress(PlaywrightTimeout):  # JupyterLab asks first
        dialog.get_by_role("button", name=re.compile("Shut Down|Ok", re.I)).click(timeout=5000)
    page.page.locator(".lm-DockPanel-tabBar .lm-TabBar-tab", has_text=notebook).wait_for(state="detached")
    time.sleep(6)  # long enough for a kernel started behind the learner's back to show
    assert course_lab.kernels() == []


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
