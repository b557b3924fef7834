"""Issue 26 items 4 and 9, the quiz from the keyboard in JupyterLab: each radio group is one Tab stop with the arrow
keys inside, a first wrong try explains that choice without the answer, a visible focus ring wherever the quiz moves
focus (the feedback after Check and Show the answer, the question after Next: told apart by pixels), the "your
answer, not right" mark in the option's accessible description, and icons out of the buttons' names."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from widgets.content.load import load_bank
from widgets.store.progress import ProgressStore

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

LESSON_01 = "01_what_is_a_twitch.ipynb"

RING = """() => { const s = getComputedStyle(document.activeElement);
  return [s.outlineStyle, parseFloat(s.outlineWidth)]; }"""


def _ring_seen(page, element, artifacts, name: str) -> None:
    """`element` has the focus, draws a ring of at least 2 px, and looks different without the focus."""
    expect(element).to_be_focused()
    style, width = page.page.evaluate(RING)
    assert style != "none" and width >= 2, (name, style, width)
    box = element.bounding_box()
    clip = {"x": box["x"] - 6, "y": box["y"] - 6, "width": box["width"] + 12, "height": box["height"] + 12}
    focused = page.page.screenshot(clip=clip, path=str(artifacts / f"quiz-keyboard-{name}.png"))
    page.page.evaluate("() => document.activeElement.blur()")
    assert page.page.screenshot(clip=clip) != focused, f"{name}: the focus changes no pixel"
    element.focus()


def test_the_quiz_from_the_keyboard_one_tab_stop_per_radio_group_and_a_ring_wherever_focus_lands(
    open_lesson, lab, artifacts
):
    bank = load_bank("01-physiology")
    recap = bank.recap()
    first = recap[0]
    assert first.type == "single"
    ProgressStore(lab.data_dir).reset()  # the lab is shared: start from an empty store
    page = open_lesson(LESSON_01)
    page.run_all()
    keys = page.page.keyboard
    quiz = page.notebook_panel.locator(".quiz").last
    card = quiz.locator(".quiz-question:not([hidden])")
    radios = card.locator("input[type=radio]")
    expect(radios).to_have_count(len(first.options))

    # icons are hidden from names: the buttons are named by their words alone
    expect(card.locator(".quiz-check")).to_have_accessible_name("Check your answer to question 1")
    assert all(i.get_attribute("aria-hidden") == "true" for i in quiz.locator("svg.quiz-icon").all())

    # one Tab stop: from the first radio, Tab goes on to Check; the arrow keys move inside the group
    radios.first.focus()
    keys.press("Tab")
    expect(card.locator(".quiz-check")).to_be_focused()
    keys.press("Shift+Tab")
    start = page.page.evaluate("() => document.activeElement.value")
    keys.press("ArrowDown")
    now = page.page.evaluate("() => [document.activeElement.value, document.activeElement.checked]")
    assert now[0] != start and now[1] is True, now
    while page.page.evaluate("() => document.activeElement.value") == first.answer:
        keys.press("ArrowDown")  # a wrong option, chosen from the keyboard
    wrong = next(o for o in first.options if o.id == page.page.evaluate("() => document.activeElement.value"))

    # Check from the keyboard: why that choice is wrong and the hint, never the answer; focus on the feedback
    keys.press("Tab")
    keys.press("Enter")
    feedback = card.locator(".quiz-feedback")
    expect(feedback).to_contain_text(wrong.why_not or "")
    expect(feedback).to_contain_text(f"Hint: {first.hint}")
    right_text = next(o.text for o in first.options if o.id == first.answer)
    assert right_text not in feedback.inner_text() and "The answer" not in feedback.inner_text()
    expect(card.locator(f'input[value="{wrong.id}"]')).to_have_accessible_description("your answer, not right")
    _ring_seen(page, feedback, artifacts, "feedback-after-check")

    # Show the answer: the answer, the focus on the feedback again, with its ring
    card.locator(".quiz-show").focus()
    keys.press("Enter")
    expect(feedback).to_contain_text(f"The answer: {right_text}")
    _ring_seen(page, feedback, artifacts, "feedback-after-show")

    # Next question: the focus on the new question's text, with its ring
    quiz.locator(".quiz-next").focus()
    keys.press("Enter")
    prompt = quiz.locator(".quiz-question:not([hidden]) .quiz-prompt")
    expect(prompt).to_contain_text(recap[1].prompt.split()[0])
    _ring_seen(page, prompt, artifacts, "question-after-next")
    quiz.screenshot(path=str(artifacts / "quiz-keyboard-next.png"))
    problems = [v for v in page.axe_violations() if "quiz" in v]
    assert not problems, problems
