"""Progress on the static site, in one Chromium: a learner answers a quiz on the site opened from file://, reloads and
sees the answer, sees it counted in the start page's progress table, downloads a progress file and a results file
(the kernel's documents: a restore and the teacher's roll-up accept them), and restores the download into a fresh
browser profile, where the table and the quiz show it again; a wrong file gets the store's own words. Then the same
site from `python -m http.server` on 127.0.0.1: the answer is kept, and the browser is asked once to keep it for good.
No request leaves the machine (file:, data:, blob: or 127.0.0.1 only).
"""

from __future__ import annotations

import json
import re

import jsonschema
import pytest
from playwright.sync_api import expect

from tools import site
from widgets.classroom.export import check_export
from widgets.classroom.rollup import rollup_folder
from widgets.content.load import load_bank, load_site_texts
from widgets.store.progress_doc import SCHEMA_FILE, read_progress_upload

from .test_site import Served, _shown_question

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

START, LESSON = site.page_name("00_start_here.ipynb"), site.page_name("01_what_is_a_twitch.ipynb")
WORDS = load_site_texts().progress


@pytest.fixture(scope="module")
def built(built_site):
    return built_site.out


class Profile:
    """A fresh browser profile (context) that refuses and records every request not to `allowed`."""

    def __init__(self, browser, allowed: str):
        self.context = browser.browser.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.context.route(re.compile(rf"^(?!{allowed}|data:|blob:)"), lambda route: route.abort())
        self.allowed = allowed

    def open(self, url: str):
        page = self.context.new_page()
        page.set_default_timeout(30_000)
        page.on("pageerror", lambda e: self.errors.append(str(e)))
        page.goto(url)
        page.wait_for_function(
            "(n) => document.querySelectorAll('.jupyter-widgets.lesson-view').length >= n",
            arg=page.locator('script[type="application/vnd.jupyter.widget-view+json"]').count(),
        )
        return page

    def close(self) -> list[str]:
        self.context.close()
        assert not self.errors, self.errors[:3]
        return [u for u in self.requests if not re.match(rf"{self.allowed}|data:|blob:", u)]


def answer_first_question(page) -> tuple[str, str]:
    question = load_bank("01-physiology").question("s1")
    right = next(o.text for o in question.options if o.id == question.answer)
    wrong = next(o.text for o in question.options if o.id != question.answer)
    card = _shown_question(page)
    card.get_by_role("radio", name=wrong, exact=True).check()
    card.locator(".quiz-check").click()
    expect(card.locator(".quiz-feedback")).to_have_attribute("data-stage", "hint", timeout=3_000)
    card.get_by_role("radio", name=right, exact=True).check()
    card.locator(".quiz-check").click()
    expect(card.locator(".quiz-feedback")).to_have_attribute("data-stage", "right", timeout=3_000)
    expect(card.locator(".quiz-saved")).to_have_text("Kept in this browser only.")
    return right, card.locator(".quiz-feedback").text_content()


def axe_on(page, scope: str) -> list[str]:
    """Serious and critical axe-core findings inside `scope`."""
    from axe_playwright_python.sync_playwright import Axe

    response = Axe().run(page, context={"include": [[scope]]}).response
    return [
        f"{v['id']}: {n['html'][:120]}"
        for v in response["violations"]
        if v["impact"] in ("serious", "critical")
        for n in v["nodes"]
    ]


def lesson_row(page):
    return page.locator(".site-progress table tbody tr").first.locator("td")


def saved(page, button: str):
    with page.expect_download() as info:
        page.get_by_role("button", name=button).click()
    download = info.value
    return download.suggested_filename, open(download.path(), "rb").read()


def test_a_learner_answers_on_the_site_reloads_downloads_and_restores_into_a_fresh_profile(
    browser, built, artifacts, tmp_path
):
    first = Profile(browser, "file:")
    page = first.open((built / LESSON).as_uri())
    right, shown = answer_first_question(page)
    expect(page.locator(".quiz-save").first).not_to_contain_text(WORDS.persist)  # file://: never asked
    page.reload()
    page.wait_for_selector(".quiz-page[data-kernel='static']")
    card = _shown_question(page)
    expect(card.locator(".quiz-feedback")).to_have_text(shown, timeout=5_000)
    expect(card.get_by_role("radio", name=right, exact=True)).to_be_checked()
    expect(card.locator(".quiz-saved")).to_have_text("Kept in this browser from before: 2 tries, first try wrong.")
    card.screenshot(path=str(artifacts / "site-progress-quiz-after-reload.png"))

    start = first.open((built / START).as_uri())
    row = lesson_row(start)
    expect(row.nth(0)).to_have_text(re.compile(r"^Lesson 1 of 5: "))
    expect(row.nth(1)).to_have_text(re.compile(r"^1/\d+$"))
    expect(row.nth(2)).to_have_text("0")  # wrong first time
    expect(row.nth(3)).to_have_text("1")  # right now
    expect(start.locator(".site-progress-where")).to_have_text(WORDS.where)
    start.locator(".site-progress").first.scroll_into_view_if_needed()
    start.screenshot(path=str(artifacts / "site-progress-table.png"))
    start.get_by_label("Your name or a nickname").fill("Zoë B.")
    results_name, results = saved(start, "Make my results file")
    doc = check_export(json.loads(results))
    assert doc["name"] == "Zoë B." and doc["questions"]["01-physiology/s1"]["first_correct"] is False
    assert results_name == f"class-results-zoe-b-{doc['learner']}.json"
    handed_in = tmp_path / "class"
    handed_in.mkdir()
    (handed_in / results_name).write_bytes(results)
    rolled = rollup_folder(handed_in)
    assert rolled.learners == ["Zoë B."] and not rolled.skipped and not rolled.flagged
    progress_name, progress = saved(start, "Download my progress file")
    assert progress_name == "foot-twitch-progress-zoe-b.json"
    kept = read_progress_upload(progress)
    jsonschema.validate(kept, json.loads(SCHEMA_FILE.read_text(encoding="utf-8")))
    assert [a["question"] for a in kept["attempts"]] == ["01-physiology/s1"] * 2 and kept["learner"] == doc["learner"]
    start.locator(".site-progress[data-part='backup']").scroll_into_view_if_needed()
    start.screenshot(path=str(artifacts / "site-progress-backup.png"))
    assert not axe_on(start, ".site-progress"), axe_on(start, ".site-progress")
    assert not first.close()

    fresh = Profile(browser, "file:")  # another browser, or this one after its site data was cleared
    start = fresh.open((built / START).as_uri())
    expect(lesson_row(start).nth(1)).to_have_text(re.compile(r"^0/\d+$"))
    confirm = start.get_by_role("button", name="Yes, replace my answers")
    expect(confirm).to_be_hidden()  # nothing to confirm before a good file is chosen
    chooser = start.locator(".site-progress input[type=file]")
    chooser.set_input_files(files=[{"name": results_name, "mimeType": "application/json", "buffer": results}])
    out = start.locator(".backup-restore-out")
    expect(out).to_have_text(
        f"{results_name} cannot be restored: this is a class-results file, not a progress file; choose the file made "
        "by 'Download my progress file'. Nothing was changed."
    )
    expect(confirm).to_be_hidden()
    chooser.set_input_files(files=[{"name": progress_name, "mimeType": "application/json", "buffer": progress}])
    expect(out).to_have_text(
        f"{progress_name} is a good progress file with 2 saved answer(s). Restoring it replaces the 0 answer(s) saved "
        "here now."
    )
    confirm.click()
    expect(out).to_have_text("Restored 2 saved answer(s). Open the lessons again to see them.")
    expect(lesson_row(start).nth(1)).to_have_text(re.compile(r"^1/\d+$"))
    start.screenshot(path=str(artifacts / "site-progress-restored.png"))
    lesson = fresh.open((built / LESSON).as_uri())
    expect(_shown_question(lesson).get_by_role("radio", name=right, exact=True)).to_be_checked()
    assert not fresh.close()


def test_served_over_http_the_answers_are_kept_and_the_browser_is_asked_once_to_keep_them(browser, built, artifacts):
    served = Served(built)
    try:
        profile = Profile(browser, re.escape(served.url))
        page = profile.open(served.url + LESSON)
        answer_first_question(page)
        expect(page.locator(".quiz-save").first).to_contain_text(WORDS.persist)  # a secure context: asked, and why
        page.locator(".quiz").first.screenshot(path=str(artifacts / "site-progress-persist-asked.png"))
        page.reload()
        page.wait_for_selector(".quiz-page[data-kernel='static']")
        expect(page.locator(".quiz-save").first).not_to_contain_text(WORDS.persist)  # once
        expect(_shown_question(page).locator(".quiz-saved")).to_contain_text("Kept in this browser from before")
        start = profile.open(served.url + START)
        expect(lesson_row(start).nth(1)).to_have_text(re.compile(r"^1/\d+$"))
        assert not profile.close()
    finally:
        served.stop()
