"""The quiz in the page: Check gives feedback at once (no kernel round trip), the kernel saves the attempt,
and when the kernel dies the page says plainly that the answer is not saved, keeps it in the browser and
saves it (once) when the lesson runs again."""

from __future__ import annotations

import itertools
import signal
import sqlite3

import psutil
import pytest
from playwright.sync_api import expect

from widgets.content.load import load_bank
from widgets.store.progress import ProgressStore

pytestmark = [pytest.mark.browser, pytest.mark.timeout(300)]

LESSON_01 = "01_what_is_a_twitch.ipynb"
PENDING = "foot-twitch-lessons:pending:"

# Click a card's Check and resolve with the ms until its feedback changed (NaN after 5 s).
CLICK_TO_FEEDBACK = """(card) => new Promise((resolve) => {
  const fb = card.querySelector('.quiz-feedback');
  const t0 = performance.now();
  const obs = new MutationObserver(() => { obs.disconnect(); resolve(performance.now() - t0); });
  obs.observe(fb, {childList: true, subtree: true, characterData: true});
  setTimeout(() => { obs.disconnect(); resolve(NaN); }, 5000);
  card.querySelector('.quiz-check').click();
})"""


def _kernel_process(lab, notebook: str) -> psutil.Process:
    """The kernel process of `notebook`, a child of the JupyterLab server this test suite started."""
    kid = next(s["kernel"]["id"] for s in lab.api("GET", "/api/sessions") if s["path"] == notebook)
    for p in psutil.Process(lab.process.pid).children(recursive=True):
        if any(kid in part for part in p.cmdline()):
            return p
    raise AssertionError(f"no kernel process for {notebook}")


def _card(quiz):
    """The question the quiz shows now (one at a time)."""
    return quiz.locator(".quiz-question:not([hidden])")


def _answer_right(card, q) -> None:
    if q.type == "single":
        card.get_by_role("radio", name=next(o.text for o in q.options if o.id == q.answer), exact=True).check()
    elif q.type == "truefalse":
        card.get_by_role("radio", name=str(q.answer).capitalize(), exact=True).check()
    elif q.type == "multiple":
        for o in q.options:
            if o.id in q.answer:
                card.get_by_role("checkbox", name=o.text, exact=True).check()
    elif q.type == "numeric":
        card.locator("input.quiz-number").fill(f"{q.answer:g}")
    else:
        raise AssertionError(f"not answered here: {q.type}")


def _rows(path, question: str) -> list[tuple]:
    with sqlite3.connect(path) as c:
        return c.execute("SELECT attempt_id, correct FROM attempts WHERE question = ?", (question,)).fetchall()


def test_feedback_in_the_page_saved_by_the_kernel_and_kept_through_a_dead_kernel(open_lesson, lab, artifacts):
    bank = load_bank("01-physiology")
    recap = bank.recap()
    ProgressStore(lab.data_dir).reset()  # the lab is shared: start from an empty store (other tests answered)
    page = open_lesson(LESSON_01)
    page.run_all()
    quiz = page.notebook_panel.locator(".quiz").last
    expect(quiz.locator(".quiz-progress")).to_have_text(f"Question 1 of {len(recap)}")
    expect(quiz.locator(".quiz-page")).to_have_attribute("data-kernel", "live")  # JupyterLab: a kernel to save

    # 1. Check → feedback, focus on it, and the kernel's "saved"
    first = recap[0]
    card = _card(quiz)
    _answer_right(card, first)
    live_ms = card.evaluate(CLICK_TO_FEEDBACK)  # the kernel is live: the page does not wait for it
    feedback = card.locator(".quiz-feedback")
    expect(feedback).to_contain_text("Right.")
    expect(feedback).to_be_focused()
    expect(feedback).to_have_attribute("aria-live", "polite")
    expect(card.locator('.quiz-saved[data-state="saved"]')).to_be_visible(timeout=10_000)
    rows = _rows(ProgressStore(lab.data_dir).path, bank.full_id(first))
    assert len(rows) == 1 and rows[0][0] and rows[0][1] == 1  # the kernel's verdict, with the page's attempt id

    # 2. kill the kernel mid-lesson: the next Check still gives feedback at once, then the warning
    _kernel_process(lab, LESSON_01).send_signal(signal.SIGKILL)
    dialog = page.page.locator(".jp-Dialog", has_text="Kernel Restarting")  # JupyterLab says it died
    dialog.wait_for(timeout=30_000)
    dialog.locator("button.jp-mod-accept").click()
    quiz.locator(".quiz-next").click()
    second = recap[1]
    card = _card(quiz)
    _answer_right(card, second)
    shown_ms = card.evaluate(CLICK_TO_FEEDBACK)  # measured in the page, from the click to the feedback drawn
    expect(card.locator(".quiz-feedback")).to_contain_text("Right.")
    warning = quiz.locator('.quiz-save[data-state="unsaved"]')
    expect(warning).to_contain_text("not saved yet", timeout=15_000)
    expect(card.locator(".quiz-saved")).to_contain_text("Not saved yet")
    quiz.screenshot(path=str(artifacts / "quiz-not-saved.png"))
    kept = page.page.evaluate(
        f"() => Object.keys(localStorage).filter((k) => k.startsWith('{PENDING}'))"
        ".map((k) => [k, JSON.parse(localStorage.getItem(k))])"
    )
    learner = ProgressStore(lab.data_dir).learner()  # keyed by learner and lesson: two learners never mix
    assert len(kept) == 1 and kept[0][0] == f"{PENDING}{learner}:01-physiology", kept
    assert [a["question"] for a in kept[0][1]] == [bank.full_id(second)]
    assert _rows(ProgressStore(lab.data_dir).path, bank.full_id(second)) == []
    assert shown_ms == shown_ms, "no feedback within 5 s of the click"  # not NaN: drawn with no kernel to ask
    print(f"click → feedback, measured in the page: {live_ms:.1f} ms (kernel live), {shown_ms:.1f} ms (kernel dead)")

    # 3. the kernel is back (JupyterLab restarts it): run the lesson again → the kept answer is saved once
    page.wait_kernel_idle(60_000)
    page.run_all()
    expect(page.notebook_panel.locator(".quiz").last.locator(".quiz-score")).to_have_text(
        f"2 of {len(recap)} right first time", timeout=15_000
    )
    # the score (a synced trait) and the reply that empties the page's queue are two messages: wait for the second
    page.page.wait_for_function(
        f"() => !Object.keys(localStorage).some((k) => k.startsWith('{PENDING}'))", timeout=15_000
    )
    rows = _rows(ProgressStore(lab.data_dir).path, bank.full_id(second))
    assert len(rows) == 1 and rows[0][0] == kept[0][1][0]["attempt_id"]

    # 4. the same kept answer sent again (a second tab, a late reply): still saved exactly once
    key, items = kept[0]
    page.page.evaluate("([k, v]) => localStorage.setItem(k, JSON.stringify(v))", [key, items])
    page.run_all()
    page.page.wait_for_function(
        f"() => !Object.keys(localStorage).some((k) => k.startsWith('{PENDING}'))", timeout=15_000
    )
    assert len(_rows(ProgressStore(lab.data_dir).path, bank.full_id(second))) == 1
    assert len(_rows(ProgressStore(lab.data_dir).path, bank.full_id(first))) == 1


def test_one_question_at_a_time_with_a_summary_and_a_move_list(open_lesson, lab, artifacts):
    bank = load_bank("01-physiology")
    recap = bank.recap()
    page = open_lesson(LESSON_01)
    page.run_all()
    quiz = page.notebook_panel.locator(".quiz").last
    assert quiz.locator(".quiz-question:not([hidden])").count() == 1
    n = next(i for i, q in enumerate(recap) if q.type == "ordering")
    for _ in range(n):
        quiz.locator(".quiz-next").click()
    expect(quiz.locator(".quiz-progress")).to_have_text(f"Question {n + 1} of {len(recap)}")
    card = _card(quiz)
    assert card.locator("select").count() == 0  # a move up / move down list, not dropdowns
    q = recap[n]
    items = card.locator(".quiz-item")
    expect(items).to_have_count(len(q.items))
    # put the items in order from the keyboard: focus a "Move up" button, press Enter
    for target, item in enumerate(q.items):
        while True:
            texts = [t.strip() for t in items.locator(".quiz-item-text").all_inner_texts()]
            at = texts.index(item.text)
            if at == target:
                break
            button = items.nth(at).locator(".quiz-up")
            button.focus()
            page.page.keyboard.press("Enter")
    card.locator(".quiz-check").focus()
    page.page.keyboard.press("Enter")
    expect(card.locator(".quiz-feedback")).to_contain_text("Right.")
    card.screenshot(path=str(artifacts / "quiz-ordering.png"))
    for _ in range(len(recap) - 1 - n):
        quiz.locator(".quiz-next").click()
    quiz.locator(".quiz-to-summary").click()
    summary = quiz.locator(".quiz-summary")
    expect(summary).to_be_visible()
    answered = len(ProgressStore(lab.data_dir).question_status([bank.full_id(x) for x in recap]))
    expect(summary).to_contain_text(f"You answered {answered} of {len(recap)} questions")
    summary.screenshot(path=str(artifacts / "quiz-summary.png"))
    assert quiz.locator(".quiz-page").get_attribute("data-lm-suppress-shortcuts") == "true"
    problems = [v for v in page.axe_violations() if "quiz" in v]
    assert not problems, problems

    page.page.set_viewport_size({"width": 800, "height": 900})
    while quiz.locator(".quiz-back").is_enabled():
        quiz.locator(".quiz-back").click()
    _no_overlap_at_800(quiz, len(recap))


def _no_overlap_at_800(quiz, n: int) -> None:
    """Every question of `quiz` (from the first, at 800 px): no sideways scrolling, no answer over another."""
    for _ in range(n):
        card = _card(quiz)
        assert card.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), "the card scrolls sideways at 800 px"
        boxes = [b for b in (o.bounding_box() for o in card.locator(".quiz-option, .quiz-item").all()) if b]
        for upper, lower in itertools.pairwise(boxes):
            assert upper["y"] + upper["height"] <= lower["y"] + 0.5, (upper, lower)
        if quiz.locator(".quiz-next").is_visible():
            quiz.locator(".quiz-next").click()


def test_long_answers_never_overlap_at_800_px(ran_lesson, artifacts):
    """Issue 15 item 2: in lesson 03 a long answer wrapped over the next one at 800 px."""
    page = ran_lesson("03_local_foot_causes.ipynb")
    page.page.set_viewport_size({"width": 800, "height": 900})
    try:
        quiz = page.notebook_panel.locator(".quiz").last
        _no_overlap_at_800(quiz, len(load_bank("03-foot").recap()))
        quiz.screenshot(path=str(artifacts / "quiz-800px-last-question.png"))
    finally:
        page.page.set_viewport_size({"width": 1280, "height": 900})


# Two tries in one click task (no frame between them): a wrong answer, then the right one.
TWO_TRIES = """(card, [wrong, right]) => {
  const pick = (id) => card.querySelector(`.quiz-option input[value="${CSS.escape(id)}"]`).click();
  pick(wrong); card.querySelector('.quiz-check').click();
  pick(right); card.querySelector('.quiz-check').click();
}"""


def test_tries_sent_after_the_paint_keep_their_order(ran_lesson):
    """The page sends each try after the feedback's frame: two tries in one frame still reach the kernel in
    the order given (first-try scoring depends on it), each saved once with its own attempt id."""
    bank = load_bank("03-foot")
    page = ran_lesson("03_local_foot_causes.ipynb")
    quiz = page.notebook_panel.locator(".quiz").last
    by_id = {bank.full_id(q): q for q in bank.recap()}
    while by_id[_card(quiz).get_attribute("data-question")].type not in ("single", "truefalse"):
        quiz.locator(".quiz-back").click()  # back to a question with one right option
    card = _card(quiz)
    full = card.get_attribute("data-question")
    q = by_id[full]
    right = str(q.answer).lower() if q.type == "truefalse" else q.answer
    wrong = next(o for o in (["true", "false"] if q.type == "truefalse" else [o.id for o in q.options]) if o != right)
    path = ProgressStore(page.lab.data_dir).path
    with sqlite3.connect(path) as c:
        before = c.execute("SELECT coalesce(max(id), 0) FROM attempts").fetchone()[0]
    card.evaluate(TWO_TRIES, [wrong, right])
    expect(card.locator(".quiz-feedback")).to_contain_text("Right.")
    expect(card.locator('.quiz-saved[data-state="saved"]')).to_be_visible(timeout=10_000)
    with sqlite3.connect(path) as c:
        rows = c.execute(
            "SELECT attempt_id, correct FROM attempts WHERE question = ? AND id > ? ORDER BY id", (full, before)
        ).fetchall()
    assert [r[1] for r in rows] == [0, 1], rows  # the wrong try first, as given
    assert len({r[0] for r in rows}) == 2 and all(r[0] for r in rows)  # each with its own attempt id
