"""The self-check in the browser: nothing answered asks for answers first; all "no" gives no warning sign; one
book-a-visit sign gives "Book a visit"; sudden numbness alone gives "Call 999 / 112 / 911 now" first, in the
emergency box, read out and focused; exploring shows the example, not a verdict. Screenshots at 1400 and 800 px
go to tests/artifacts/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from widgets import triage
from widgets.load import load_triage_rules

from .lab import lesson_showing

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]
WIDTHS = (1400, 800)


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


def focused_inside(page, selector: str) -> bool:
    """Is the keyboard focus on (or inside) the first element matching `selector`?"""
    return page.evaluate(
        "(s) => { const t = document.querySelector(s); return !!t && t.contains(document.activeElement); }", selector
    )


def axe_on(page, classes: list[str]) -> list[str]:
    """Serious and critical axe-core findings inside the shown notebook's elements of these classes."""
    from axe_playwright_python.sync_playwright import Axe

    scope = ".jp-NotebookPanel:not(.lm-mod-hidden) .jp-OutputArea "
    response = Axe().run(page, context={"include": [[scope + c] for c in classes]}).response
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {n['target']}: {n['html'][:160]}"
        for v in response["violations"]
        if v["impact"] in ("serious", "critical")
        for n in v["nodes"]
    ]


def shoot(page, locator, path, widths=WIDTHS, height=1200) -> None:
    """Screenshots of `locator` at each width, from its top down to at most `height` px (JupyterLab draws only
    what is near the window, so a taller element is cut at the window's bottom). The page gets its size back."""
    size = page.viewport_size
    try:
        for w in widths:
            page.set_viewport_size({"width": w, "height": height})
            page.wait_for_timeout(400)
            locator.evaluate("e => e.scrollIntoView({block: 'start'})")
            page.wait_for_timeout(200)
            box = locator.bounding_box()
            top = max(box["y"], 0)
            clip = {"x": box["x"], "y": top, "width": box["width"], "height": min(box["height"], height - top)}
            page.screenshot(path=str(path).format(width=w), clip=clip)
    finally:
        page.set_viewport_size(size)


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

    lab_page = ran_lesson(notebook)
    page = lab_page.page
    form = lab_page.notebook_panel.locator(".selfcheck").first
    result = form.locator(".selfcheck-result")
    live = form.locator(".lesson-announcer [role=status]")
    expect(live).to_have_attribute("aria-live", "polite")
    for item in (rules.emergency_signs[0], rules.book_visit_signs[-1]):  # each question group has a name
        expect(form.get_by_role("radiogroup", name=item.label, exact=True)).to_have_count(1)

    # issue 15 item 5: nothing answered -> one message, no verdict, no "call now" lines; read out and focused
    form.locator(".selfcheck-submit").click()
    expect(result.locator(".selfcheck-first")).to_contain_text("Answer the questions above first")
    expect(result.locator(".lesson-verdict, .lesson-caution")).to_have_count(0)
    expect(live).to_have_text(rules.form.answer_first)
    assert focused_inside(page, ".selfcheck .selfcheck-result .selfcheck-first")
    shoot(page, result, artifacts / "selfcheck-answer-first-{width}.png")

    # exploring with nothing answered: the worked example, labelled, and no verdict of the learner's own
    form.locator(".selfcheck-mode").get_by_role("radio", name=rules.form.mode_explore, exact=True).check()
    form.locator(".selfcheck-submit").click()
    expect(result.locator(".selfcheck-example")).to_contain_text(rules.example.label)
    expect(result.locator(".selfcheck-verdict")).to_have_count(0)
    shoot(page, result, artifacts / "selfcheck-explore-{width}.png")

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
    shoot(page, result, artifacts / "selfcheck-book-visit-{width}.png")

    # issue 11 defect: sudden numbness with no sudden weakness; issue 15: a box, larger, icon, read out, focused
    _answer(form, rules, flag.id, "no")
    _answer(form, rules, "sudden_numbness", "yes")
    form.locator(".selfcheck-submit").click()
    verdict = result.locator(".selfcheck-emergency")
    expect(verdict.locator("h4")).to_contain_text(emergency.title)
    expect(verdict).to_contain_text("If no adult is with you, call yourself")
    expect(live).to_contain_text(f"{emergency.kind}: {emergency.title}")
    assert focused_inside(page, ".selfcheck .selfcheck-result .lesson-verdict")
    assert verdict.locator(".lesson-icon-emergency").is_visible()
    title_px = verdict.locator("h4").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    body_px = verdict.locator("p").last.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert title_px >= 1.5 * body_px, (title_px, body_px)
    box = verdict.evaluate("e => [getComputedStyle(e).borderTopWidth, getComputedStyle(e).backgroundColor]")
    assert box[0] == "3px" and box[1] != "rgba(0, 0, 0, 0)", box
    snapshot = result.aria_snapshot()
    assert f'heading "{emergency.title}"' in snapshot, snapshot[:500]
    # the sources are named links
    links = form.locator(".lesson-small-print a")
    assert links.count() == sum(1 for s in rules.sources.values() if s.url)
    expect(links.first).to_have_accessible_name(next(s.name for s in rules.sources.values() if s.url))
    shoot(page, result, artifacts / "selfcheck-emergency-{width}.png")
    assert axe_on(page, [".selfcheck"]) == []

    # "not sure" about two sudden signs: get help today, with both "call now" cautions first, in one box
    _answer(form, rules, "sudden_numbness", "unsure")
    _answer(form, rules, "trouble_speaking", "unsure")
    form.locator(".selfcheck-submit").click()
    expect(result.locator(".selfcheck-same_day")).to_contain_text(rules.outcome("same_day").title)
    expect(result.locator(".lesson-caution li")).to_have_count(2)
    assert focused_inside(page, ".selfcheck .selfcheck-result .lesson-caution")
    shoot(page, result, artifacts / "selfcheck-same-day-{width}.png")
    shoot(page, form, artifacts / "selfcheck-form-{width}.png")
