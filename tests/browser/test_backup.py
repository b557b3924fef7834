"""Keep your progress in the browser: the download links save real files, and a saved file restores."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import expect

from widgets.classroom.export import check_export
from widgets.store.progress import check_progress

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]

START = "00_start_here.ipynb"


def choose(page, backup, path) -> None:
    """Pick a file with the upload button (its <input type=file> is not in the page, so use the chooser)."""
    with page.page.expect_file_chooser() as chooser:
        backup.locator(".backup-upload").click()
    chooser.value.set_files(str(path))


def test_results_and_progress_download_then_restore(open_lesson, tmp_path):
    page = open_lesson(START)
    page.run_all()
    backup = page.notebook_panel.locator(".progress-backup")
    backup.get_by_role("textbox", name="Your name or a nickname").fill("Test <Learner>")
    backup.locator(".backup-export").click()
    link = backup.locator(".backup-export-out a.backup-link")
    expect(link).to_have_attribute("download", re.compile(r"^class-results-test-learner-learner-[0-9a-f]+\.json$"))
    with page.page.expect_download() as info:
        link.click()
    info.value.save_as(tmp_path / "r.json")
    doc = check_export(json.loads((tmp_path / "r.json").read_text()))
    assert doc["name"] == "Test <Learner>"

    backup.locator(".backup-download").click()
    with page.page.expect_download() as info:
        backup.locator(".backup-download-out a.backup-link").click()
    info.value.save_as(tmp_path / "p.json")
    saved = check_progress(json.loads((tmp_path / "p.json").read_text()))

    choose(page, backup, tmp_path / "r.json")  # a results file is not a progress file
    expect(backup.locator(".backup-restore-out")).to_contain_text("Nothing was changed")
    choose(page, backup, tmp_path / "p.json")
    expect(backup.locator(".backup-restore-out")).to_contain_text(
        f"good progress file with {len(saved['attempts'])} saved answer(s)"
    )
    backup.locator(".backup-confirm").click()
    expect(backup.locator(".backup-restore-out")).to_contain_text("Restored")
