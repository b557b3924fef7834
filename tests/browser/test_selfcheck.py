"""The self-check in the browser: all "no" gives no warning sign; one book-a-visit sign gives "Book a visit";
sudden numbness alone gives "Call 999 / 112 / 911 now" first; exploring shows the example, not a verdict."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from widgets import triage
from widgets.load import load_triage_rules

from .lab import lesson_showing

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]


def _calm_choices(rules) -> dict[str, str]:
    """Every sign answered "no", with the first duration the engine finds free of warning signs."""
    items = {i.id: "no" for i in rules.signs}
    for d in rules.duration.choices:
        choices = items | {"duration": d.id}
        if triage.triage(triage.answers_from_choices(choices)[0], rules).outcome == "no_warning_signs":
            return choices
    raise AssertionError("no answers give the no-warning-signs outcome")


def _answer(form, rules, qid: str, value: str) -> None:
    if qid == "duration":
        text, name = rules.duration.text, next(c.text for c in rules.duration.choices if c.id == value)
    else:
        text, name = rules.item(qid).text, {"yes": "Yes", "no": "No", "unsure": "Not sure"}[value]
    form.locator(".selfcheck-item", has_text=text).get_by_role("radio", name=name, exact=True).check()


def test_the_self_check_in_the_browser(ran_lesson, artifacts):
    notebook = lesson_showing("selfcheck")
    assert notebook, "no lesson notebook shows selfcheck()"
    rules = load_triage_rules()
    calm = _calm_choices(rules)
    flag = rules.book_visit_signs[0]
    flagged = triage.triage(triage.answers_from_choices(calm | {flag.id: "yes"})[0], rules)
    assert flagged.outcome == "book_visit"
    relaxed = rules.outcome("no_warning_signs")
    emergency = rules.outcome("emergency")

    page = ran_lesson(notebook)
    form = page.notebook_panel.locator(".selfcheck").first
    result = form.locator(".selfcheck-result")

    # exploring with nothing answered: the worked example, labelled, and no verdict of the learner's own
    form.locator(".selfcheck-mode").get_by_role("radio", name=rules.form.mode_explore, exact=True).check()
    form.locator(".selfcheck-submit").click()
    expect(result.locator(".selfcheck-example")).to_contain_text(rules.example.label)
    expect(result.locator(".selfcheck-verdict")).to_have_count(0)
    result.screenshot(path=str(artifacts / "selfcheck-explore.png"))

    for qid, value in calm.items():
        _answer(form, rules, qid, value)
    form.locator(".selfcheck-submit").click()
    expect(result.locator(".selfcheck-no_warning_signs")).to_contain_text(relaxed.title)

    _answer(form, rules, flag.id, "yes")
    expect(result).to_contain_text("Your answers changed")
    form.locator(".selfcheck-submit").click()
    verdict = result.locator(".selfcheck-book_visit")
    expect(verdict).to_contain_text(flagged.title)
    expect(verdict).to_contain_text(flag.label)
    expect(result.locator(".selfcheck-no_warning_signs")).to_have_count(0)

    # issue 11 defect: sudden numbness with no sudden weakness
    _answer(form, rules, flag.id, "no")
    _answer(form, rules, "sudden_numbness", "yes")
    form.locator(".selfcheck-submit").click()
    verdict = result.locator(".selfcheck-emergency")
    expect(verdict.locator("h4")).to_contain_text(emergency.title)
    expect(verdict).to_contain_text("If no adult is with you, call yourself")
    result.screenshot(path=str(artifacts / "selfcheck-emergency.png"))
