"""The stepped self-check in the browser, as a pupil uses it.

Lesson 00: choosing "United Kingdom" makes lesson 04's verdicts name 999 and A&E. Lesson 04: with no mode chosen
nothing is judged; a blank step 1 names the questions left and gives no verdict; each step fits an 800 x 900
window with the side panel open; an injury gives "urgent care" after step 2, first aider first; calm answers walk
through every step to the everyday steps; a step-1 "yes" gives the emergency verdict at once, in its box, read out
and focused; exploring gives the worked example and never a verdict. Screenshots at 1400 and 800 px go to
tests/artifacts/.
"""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import expect

from widgets.content.load import load_care_file, load_triage_rules
from widgets.content.vocab import BOOK_VISIT_SIGNS, EMERGENCY_SIGNS, SAME_DAY_SIGNS, URGENT_CARE_SIGNS

from .lab import lesson_showing

pytestmark = [pytest.mark.browser, pytest.mark.timeout(420)]
WIDTHS = (1400, 800)
STEPS = {
    "sudden": list(EMERGENCY_SIGNS),
    "today": list(URGENT_CARE_SIGNS + SAME_DAY_SIGNS),
    "visit": list(BOOK_VISIT_SIGNS),
    "how_long": ["duration"],
}


def _answer(form, rules, step: str, qid: str, value: str) -> None:
    """Answer as a pupil does: pick the answer beside a sign (a drop-down), or the radio button for how long."""
    if qid == "duration":
        name = next(c.text for c in rules.duration.choices if c.id == value)
        form.locator(".selfcheck-item", has_text=rules.duration.text).get_by_role(
            "radio", name=name, exact=True
        ).check()
    else:
        item = rules.item(qid)
        name = next(o.text for o in rules.step(step).options if o.id == value)
        form.get_by_role("combobox", name=item.label, exact=True).select_option(label=name)


def _answer_step(form, rules, step: str, **special: str) -> None:
    for q in STEPS[step]:
        _answer(form, rules, step, q, special.get(q, "under_1_week" if q == "duration" else "no"))


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
            _clip(page, locator, path, w, height)
    finally:
        page.set_viewport_size(size)


def shoot_with_panel(lab_page, locator, path, widths=WIDTHS, height=900) -> None:
    """As `shoot`, in a `height`-px window with JupyterLab's side panel open, as a pupil on a small laptop sees it."""
    page = lab_page.page
    size = page.viewport_size
    try:
        for w in widths:
            lab_page.set_width(w, left_panel=True, height=height)
            page.wait_for_timeout(300)
            _clip(page, locator, path, w, height)
    finally:
        page.set_viewport_size(size)


def _clip(page, locator, path, width: int, height: int) -> None:
    locator.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(200)
    box = locator.bounding_box()
    top = max(box["y"], 0)
    clip = {"x": box["x"], "y": top, "width": box["width"], "height": min(box["height"], height - top)}
    page.screenshot(path=str(path).format(width=width), clip=clip)


def kernel_says(lab_page, expr: str) -> str:
    """What the lesson's own kernel prints for `expr`, asked over a second connection to it (as a console would):
    ``mirror`` is the SelfCheck the lesson's cell showed."""
    from jupyter_client import BlockingKernelClient

    lab = lab_page.lab
    session = next(s for s in lab.api("GET", "/api/sessions") if s["path"].endswith(lab_page.notebook))
    client = BlockingKernelClient(
        connection_file=str(lab.root.parent / "runtime" / f"kernel-{session['kernel']['id']}.json")
    )
    client.load_connection_file()
    client.start_channels()
    said: list[str] = []

    def hook(msg) -> None:
        if msg["msg_type"] == "stream":
            said.append(msg["content"]["text"])
        elif msg["msg_type"] == "error":
            said.append("\n".join(msg["content"]["traceback"]))

    code = "mirror = [o for o in Out.values() if type(o).__name__ == 'SelfCheck'][-1]\n" + f"print({expr})"
    try:
        client.execute_interactive(code, timeout=30, output_hook=hook, store_history=False)
    finally:
        client.stop_channels()
    return "".join(said).strip()


def step_fits(lab_page, form, step: str) -> list[str]:
    """At 1400 and 800 px wide, 900 px high, side panel open: does the step, from its heading to the buttons, fit
    in the notebook's visible height? Returns the misfits."""
    misfits = []
    page = lab_page.page
    for w in WIDTHS:
        lab_page.set_width(w, left_panel=True, height=900)
        page.wait_for_timeout(300)
        screen = form.locator(f".selfcheck-step-{step}")
        screen.evaluate("e => e.scrollIntoView({block: 'start'})")
        page.wait_for_timeout(200)
        top = screen.bounding_box()["y"]
        bottom = form.locator(".selfcheck-submit").bounding_box()
        window = lab_page.notebook_panel.locator(".jp-WindowedPanel-outer, .jp-Notebook").first.bounding_box()
        used = bottom["y"] + bottom["height"] - top
        if used > window["height"]:
            misfits.append(f"{step} at {w} px: {used:.0f} px of {window['height']:.0f}")
    return misfits


def test_the_stepped_self_check_in_the_browser(ran_lesson, open_lesson, artifacts):
    rules = load_triage_rules()
    uk = load_triage_rules(region="uk")
    start = ran_lesson("00_start_here.ipynb")
    chooser = start.notebook_panel.locator(".region-chooser").first
    uk_name = load_care_file().region("uk").name
    chooser.get_by_role("radio", name=uk_name, exact=True).check()
    expect(chooser).to_contain_text("Emergency number: 999.")
    shoot_with_panel(start, chooser, artifacts / "region-uk-{width}.png")

    notebook = lesson_showing("selfcheck")
    assert notebook, "no lesson notebook shows selfcheck()"
    lab_page = open_lesson(notebook)  # a fresh kernel: the self-check reads the region when it is made
    lab_page.run_all()
    page = lab_page.page
    form = lab_page.notebook_panel.locator(".selfcheck").first
    result = form.locator(".selfcheck-result")
    status = form.locator(".selfcheck-missing")
    live = form.locator(".selfcheck-page > .lesson-sr-only[role=status]")
    submit = form.locator(".selfcheck-submit")
    expect(live).to_have_attribute("aria-live", "polite")
    expect(form.get_by_role("combobox", name=rules.item("face_drooping").label, exact=True)).to_have_count(1)
    expect(form.locator(".selfcheck-step-today")).to_be_hidden()

    # no mode chosen: nothing judged
    submit.click()
    expect(form.locator(".selfcheck-first")).to_contain_text(rules.form.choose_mode)
    expect(result.locator(".lesson-verdict, .lesson-caution")).to_have_count(0)

    # personal check, step 1 with two answers: the button names the nine left; no verdict, no call-now line
    form.locator(".selfcheck-mode").get_by_role("radio", name=rules.form.mode_own, exact=True).check()
    _answer(form, rules, "sudden", "face_drooping", "no")
    _answer(form, rules, "sudden", "trouble_breathing", "no")
    submit.click()
    expect(status).to_contain_text(rules.form.missing)
    expect(status).to_contain_text(rules.item("sudden_confusion").label)
    expect(result.locator(".lesson-verdict, .lesson-caution")).to_have_count(0)
    assert focused_inside(page, ".selfcheck .selfcheck-missing")
    assert step_fits(lab_page, form, "sudden") == []
    shoot_with_panel(lab_page, form, artifacts / "selfcheck-step1-missing-{width}.png")

    # an injury: step 2 ends the form with urgent care, in the UK's words, first aider first
    _answer_step(form, rules, "sudden")
    submit.click()
    expect(form.locator(".selfcheck-step-today")).to_be_visible()
    expect(form.locator(".selfcheck-step-sudden")).to_be_hidden()
    assert step_fits(lab_page, form, "today") == []
    _answer_step(form, rules, "today", injury_cannot_walk="yes")
    submit.click()
    verdict = result.locator(".selfcheck-urgent_care")
    expect(verdict.locator("h4")).to_contain_text(uk.outcome("urgent_care").title)
    expect(verdict).to_contain_text("A&E, an urgent treatment centre or a minor injuries unit")
    expect(verdict.locator("li").first).to_contain_text("tell the first aider now")
    assert focused_inside(page, ".selfcheck .selfcheck-result .lesson-verdict")
    # the page decided; the kernel mirrors the same state and reaches the same verdict with the Python engine
    # (the page's state reaches the kernel over the page's own connection, this question over another: no order
    # between the two is promised, so the kernel is asked until it has caught up, at most 15 s)
    expr = "mirror.mode, mirror.step, mirror.verdict and mirror.verdict.outcome"
    deadline = time.monotonic() + 15
    while (said := kernel_says(lab_page, expr)) != "own today urgent_care" and time.monotonic() < deadline:
        time.sleep(0.5)
    assert said == "own today urgent_care"
    shoot_with_panel(lab_page, result, artifacts / "selfcheck-urgent-care-{width}.png")

    # no injury: on through step 3, then how long and the triggers, to the everyday steps
    _answer(form, rules, "today", "injury_cannot_walk", "no")
    expect(result).to_contain_text("Your answers changed")
    submit.click()
    expect(form.locator(".selfcheck-step-visit")).to_be_visible()
    assert step_fits(lab_page, form, "visit") == []
    _answer_step(form, rules, "visit")
    submit.click()
    expect(form.locator(".selfcheck-step-how_long")).to_be_visible()
    expect(submit).to_have_text(rules.form.show)
    assert step_fits(lab_page, form, "how_long") == []
    _answer_step(form, rules, "how_long")
    form.locator(".selfcheck-trigger", has_text=rules.trigger("stress").text).locator("input").check()
    submit.click()
    verdict = result.locator(".selfcheck-no_warning_signs")
    expect(verdict).to_contain_text(rules.outcome("no_warning_signs").title)
    expect(verdict).to_contain_text("Childline on 0800 1111")
    shoot_with_panel(lab_page, result, artifacts / "selfcheck-none-{width}.png")

    # back to step 1 (answers kept): sudden numbness "yes" -> the emergency verdict at once, in the UK's words
    for _ in range(3):
        form.locator(".selfcheck-back").click()
    expect(form.locator(".selfcheck-step-sudden")).to_be_visible()
    _answer(form, rules, "sudden", "sudden_numbness", "yes")
    submit.click()
    verdict = result.locator(".selfcheck-emergency")
    emergency = uk.outcome("emergency")
    expect(verdict.locator("h4")).to_contain_text("Call 999 now")
    expect(verdict).to_contain_text("Shout for the nearest adult and ask them to call 999.")
    expect(live).to_contain_text(f"{emergency.kind}: {emergency.title}")
    assert focused_inside(page, ".selfcheck .selfcheck-result .lesson-verdict")
    assert verdict.locator(".lesson-icon-emergency").is_visible()
    title_px = verdict.locator("h4").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    body_px = verdict.locator("p").last.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
    assert title_px >= 1.5 * body_px, (title_px, body_px)
    box = verdict.evaluate("e => [getComputedStyle(e).borderTopWidth, getComputedStyle(e).backgroundColor]")
    assert box[0] == "3px" and box[1] != "rgba(0, 0, 0, 0)", box
    assert f'heading "{emergency.title}"' in result.aria_snapshot()
    shoot_with_panel(lab_page, result, artifacts / "selfcheck-emergency-{width}.png")
    assert axe_on(page, [".selfcheck"]) == []

    # exploring: whatever is answered or ticked, the worked example and the steps "not about you", never a verdict
    form.locator(".selfcheck-mode").get_by_role("radio", name=rules.form.mode_explore, exact=True).check()
    for _ in range(4):
        submit.click()
        page.wait_for_timeout(150)
    example = result.locator(".selfcheck-example")
    expect(example).to_contain_text(rules.example.label)
    expect(example).to_contain_text("not about you")
    expect(result.locator(".selfcheck-verdict")).to_have_count(0)
    shoot_with_panel(lab_page, result, artifacts / "selfcheck-explore-{width}.png")

    # leave the region as the other browser tests expect it (international wording)
    start.page.bring_to_front()
    chooser.get_by_role("radio", name=load_care_file().region("international").name, exact=True).check()
    expect(chooser).to_contain_text("Emergency number: 999 / 112 / 911.")
