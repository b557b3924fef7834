"""A learner's steps in the browser: answer a quiz, come back later, use the interactive figures."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from widgets.content.load import load_bank, load_course
from widgets.engine import scoring
from widgets.store.progress import ProgressStore
from widgets.views.palette import stylesheet_colours

pytestmark = [pytest.mark.browser, pytest.mark.timeout(240)]

LESSON_01 = "01_what_is_a_twitch.ipynb"


def _single_choice(bank):
    """The first single-choice question of a bank, its number, a wrong option and the right one."""
    for n, q in enumerate(bank.questions):
        if q.type == "single":
            right = next(o for o in q.options if o.id == q.answer)
            wrong = next(o for o in q.options if o.id != q.answer)
            return n, q, wrong, right
    raise AssertionError("no single-choice question")


def rgb(name: str) -> str:
    """A stylesheet colour as the browser reports a computed colour, e.g. "rgb(166, 63, 0)"."""
    h = stylesheet_colours()[name].lstrip("#")
    return "rgb({}, {}, {})".format(*(int(h[i : i + 2], 16) for i in (0, 2, 4)))


def test_quiz_wrong_then_right_shows_feedback(ran_lesson, artifacts):
    """Feedback in words, icon and the stylesheet's colours (the page got lessons.css)."""
    bank = load_bank("01-physiology")
    n, q, wrong, right = _single_choice(bank)
    page = ran_lesson(LESSON_01)
    card = page.notebook_panel.locator(".quiz .quiz-question").nth(n)
    feedback = card.locator(".quiz-feedback")

    card.get_by_role("radio", name=wrong.text, exact=True).check()
    card.locator(".quiz-check").click()
    expect(feedback).to_contain_text("Not quite.")
    expect(feedback).to_contain_text(wrong.why_not or "")  # why that pick is wrong (issue 26)
    expect(feedback).to_contain_text(q.hint)  # and the hint, not the answer
    expect(feedback.locator(".lesson-wrong")).to_have_css("color", rgb("wrong-text"))
    expect(card).to_have_css("border-top-width", "1px")  # the card's frame comes from the stylesheet
    card.screenshot(path=str(artifacts / "quiz-card-wrong.png"))

    card.get_by_role("radio", name=right.text, exact=True).check()
    card.locator(".quiz-check").click()
    expect(feedback).to_contain_text("Right.")
    expect(feedback).not_to_contain_text(right.feedback)  # one confirmation, then Why once (issue 26)
    expect(feedback).to_contain_text(q.explanation.split(".")[0])
    expect(feedback).not_to_contain_text("Not quite.")
    expect(feedback.locator(".lesson-right")).to_have_css("color", rgb("right-text"))
    card.screenshot(path=str(artifacts / "quiz-card-right.png"))


def test_saved_progress_is_read_back_after_the_kernel_is_shut_down(open_lesson, lab, artifacts):
    bank = load_bank("01-physiology")
    recap = bank.recap()  # the lesson's last quiz; section checks come before it
    n = next(i for i, q in enumerate(recap) if q.type == "truefalse")
    q = recap[n]
    page = open_lesson(LESSON_01)
    page.run_all()
    for _ in range(n):  # one question at a time
        page.notebook_panel.locator(".quiz").last.locator(".quiz-next").click()
    card = page.notebook_panel.locator(".quiz").last.locator(".quiz-question").nth(n)
    card.get_by_role("radio", name=str(q.answer).capitalize(), exact=True).check()
    card.locator(".quiz-check").click()
    expect(card.locator(".quiz-feedback")).to_contain_text("Right.")
    # the kernel's "saved" reply is a second message: shut the kernel down only once it came (else the page keeps the
    # answer queued, resends it on the next run, and the kernel rightly answers "duplicate")
    expect(card.locator(".quiz-saved")).to_have_attribute("data-state", "saved", timeout=15_000)

    page.menu("Kernel", "Shut Down Kernel")
    page.page.wait_for_function(  # the status bar no longer shows a live kernel
        "() => ![...document.querySelectorAll('.jp-StatusBar-Widget')].some((e) => e.textContent.includes('| Idle'))",
        timeout=30_000,
    )
    page.close()

    again = open_lesson(LESSON_01)
    again.run_all()
    saved = ProgressStore(lab.data_dir).load()["attempts"]
    ids = [bank.full_id(x) for x in recap]
    score = scoring.lesson_score(bank.lesson, ids, saved)
    status = scoring.question_status(saved)[bank.full_id(q)]
    assert score.answered >= 1
    quiz = again.notebook_panel.locator(".quiz").last
    expect(quiz.locator(".quiz-score")).to_have_text(f"{score.first_try} of {score.total} right first time")
    for _ in range(n):
        quiz.locator(".quiz-next").click()
    card = quiz.locator(".quiz-question").nth(n)
    tries = "1 try" if status.attempts == 1 else f"{status.attempts} tries"
    expect(card.locator(".quiz-saved")).to_contain_text(
        f"Saved from before: {tries}, first try {'right' if status.first_correct else 'wrong'}."
    )
    expect(card.get_by_role("radio", name=str(q.answer).capitalize(), exact=True)).to_be_checked()
    again.close()

    start = open_lesson("00_start_here.ipynb")
    start.run_all()
    title = next(lesson.title for lesson in load_course().lessons if lesson.id == bank.lesson)
    row = start.notebook_panel.locator(".progress-overview tr", has_text=re.compile(re.escape(title)))
    lesson = scoring.lesson_score(bank.lesson, bank.full_ids(), saved)  # the overview counts section checks too
    expect(row).to_contain_text(f"{lesson.answered}/{lesson.total}")
    # the table helper's class, styled: lessons.css pads cells by 0.75em of the widget text
    size = float(row.locator("td").first.evaluate("e => parseFloat(getComputedStyle(e).fontSize)"))
    expect(row.locator("td").first).to_have_css("padding-left", f"{0.75 * size:g}px")
    start.notebook_panel.locator(".progress-overview").first.screenshot(path=str(artifacts / "progress-overview.png"))


def test_quiz_works_from_the_keyboard_alone(ran_lesson):
    """The arrow keys walk a question's options (a radio group), Tab reaches Check and Enter presses it,
    focus goes to the feedback; Next moves to the next question (JupyterLab's arrow-key shortcut is kept
    out by the quiz's root)."""
    bank = load_bank("01-physiology")
    recap = bank.recap()
    n = next(i for i, q in enumerate(recap) if q.type == "single")
    page = ran_lesson(LESSON_01)
    keys = page.page.keyboard
    quiz = page.notebook_panel.locator(".quiz").last
    for _ in range(n):
        quiz.locator(".quiz-next").click()
    card = quiz.locator(".quiz-question").nth(n)
    radios = card.get_by_role("radio")
    radios.first.focus()
    keys.press("ArrowDown")
    expect(radios.nth(1)).to_be_focused()
    expect(radios.nth(1)).to_be_checked()
    expect(radios.first).not_to_be_checked()
    keys.press("Tab")
    expect(card.locator(".quiz-check")).to_be_focused()
    keys.press("Enter")
    expect(card.locator(".quiz-feedback")).to_contain_text(re.compile(r"Right\.|Not quite\."))
    expect(card.locator(".quiz-feedback")).to_be_focused()


def test_notebook_shortcuts_do_not_fire_from_widget_controls(ran_lesson):
    """In command mode "b" inserts a cell and ArrowDown moves to the next cell; on a focused quiz option
    or figure control they must leave the notebook alone (the arrow key stays inside the widget)."""
    page = ran_lesson(LESSON_01)
    cells = page.notebook_panel.locator(".jp-Cell")
    before = cells.count()
    for root, control in ((".quiz", ".quiz-question input[type=radio]"), (".simulator", "button")):
        target = page.notebook_panel.locator(root).first.locator(control).first
        target.focus()
        expect(target).to_be_focused()
        for key in ("b", "ArrowDown"):
            page.page.keyboard.press(key)
            inside = page.page.evaluate(f"() => !!document.activeElement.closest('{root}')")
            assert inside, (key, page.page.evaluate("() => document.activeElement.outerHTML.slice(0, 200)"))
        expect(cells).to_have_count(before)
