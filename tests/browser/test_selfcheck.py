"""The self-check in the browser: all "no" gives no warning sign; one red flag ticked sends you to a professional."""

from __future__ import annotations

import itertools

import pytest
from playwright.sync_api import expect

from widgets import triage
from .lab import lesson_showing

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]


def _calm_choices(rules) -> dict[str, str]:
    """Every sign answered "no", with the first duration/fixes pair the engine finds free of warning signs."""
    items = {i.id: "no" for i in (*rules.urgent, *rules.red_flags)}
    for d, f in itertools.product(rules.duration.choices, rules.fixes.choices):
        choices = items | {"duration": d.id, "fixes": f.id}
        if triage.triage(triage.answers_from_choices(choices)[0], rules).outcome == "no_warning_signs":
            return choices
    raise AssertionError("no answers give the no-warning-signs outcome")


def _answer(form, rules, qid: str, value: str) -> None:
    if qid in ("duration", "fixes"):
        q = getattr(rules, qid)
        text, name = q.text, next(c.text for c in q.choices if c.id == value)
    else:
        text, name = rules.item(qid).text, {"yes": "Yes", "no": "No", "unsure": "Not sure"}[value]
    form.locator(".selfcheck-item", has_text=text).get_by_role("radio", name=name, exact=True).check()


def test_a_red_flag_ticked_gives_the_professional_outcome(ran_lesson):
    notebook = lesson_showing("selfcheck")
    assert notebook, "no lesson notebook shows selfcheck()"
    rules = triage.load_rules()
    calm = _calm_choices(rules)
    flag = rules.red_flags[0]
    flagged = triage.triage(triage.answers_from_choices(calm | {flag.id: "yes"})[0], rules)
    assert flagged.outcome == "professional"
    relaxed = rules.outcome("no_warning_signs")

    page = ran_lesson(notebook)
    form = page.notebook_panel.locator(".selfcheck").first
    result = form.locator(".selfcheck-result")
    for qid, value in calm.items():
        _answer(form, rules, qid, value)
    form.locator(".selfcheck-submit").click()
    expect(result.locator(".selfcheck-no_warning_signs")).to_contain_text(relaxed.title)

    _answer(form, rules, flag.id, "yes")
    expect(result).to_contain_text("Your answers changed")
    form.locator(".selfcheck-submit").click()
    verdict = result.locator(".selfcheck-professional")
    expect(verdict).to_contain_text(flagged.title)
    expect(verdict).to_contain_text(flag.label)
    expect(result.locator(".selfcheck-no_warning_signs")).to_have_count(0)
