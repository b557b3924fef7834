"""The before/after checks and the learner's goal view in JupyterLab, as a pupil uses them: lesson 00's "what do you
know already?" answered (some wrong) and saved, with no right or wrong shown; lesson 05's "what do you know now?"
answered and saved; the goal view under it shows before → now and a band for each goal. axe finds nothing serious
in either check or the goal view. Screenshots at 1400 and 800 px go to tests/artifacts/."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from widgets.content.load import load_checks, load_course

from .test_selfcheck import axe_on, shoot

pytestmark = [pytest.mark.browser, pytest.mark.timeout(420)]


def _answer(form, check, right: bool) -> None:
    """Pick an option for each question (the right one, or a wrong one) by its label, as a click would."""
    for n, q in enumerate(check.questions):
        option = q.answer if right else next(o.id for o in q.options if o.id != q.answer)
        text = q.option_text(option)
        form.locator(".widget-radio").nth(n).get_by_role("radio", name=text, exact=True).check()


def test_both_checks_and_the_goal_view(ran_lesson, artifacts):
    before, after = load_checks().checks
    start = ran_lesson("00_start_here.ipynb")
    form = start.notebook_panel.locator(".before-check").first
    expect(form).to_contain_text("This is not a test", timeout=60_000)
    _answer(form, before, right=False)
    form.get_by_role("button", name=before.save).click()
    status = form.locator(".goal-check-status")
    expect(status).to_contain_text("saved", timeout=30_000)
    assert "right" not in status.inner_text().lower() and "wrong" not in status.inner_text().lower()
    assert axe_on(start.page, [".before-check"]) == []
    shoot(start.page, form, artifacts / "check-before-{width}.png")

    review = ran_lesson("05_review.ipynb")
    form = review.notebook_panel.locator(".after-check").first
    expect(form).to_contain_text("This is not a test", timeout=60_000)
    _answer(form, after, right=True)
    form.get_by_role("button", name=after.save).click()
    expect(form.locator(".goal-check-status")).to_contain_text("saved", timeout=30_000)
    goals = review.notebook_panel.locator(".goals-view").first
    for goal in load_course().goals:  # the goal view redrew with the after-check: 0 of 2 at the start, 2 of 2 now
        row = goals.locator("tr", has_text=goal.short)
        expect(row).to_contain_text("0 of 2", timeout=30_000)
        expect(row).to_contain_text("2 of 2")
    expect(goals).to_contain_text(load_checks().goal_view.revisit)
    assert axe_on(review.page, [".after-check", ".goals-view"]) == []
    shoot(review.page, goals, artifacts / "goals-view-{width}.png")


def test_the_class_page_shows_did_the_class_learn_it_for_the_demo_class(ran_lesson, artifacts):
    """The teacher's notebook, its made-up class: the goal table, the before/after chart with its words, the CSV."""
    teacher = ran_lesson("instructor/class_results.ipynb")
    section = teacher.notebook_panel.locator(".class-goals").last
    expect(section).to_contain_text("Did the class learn it?", timeout=60_000)
    expect(section.locator("table tbody tr")).to_have_count(len(load_course().goals))
    expect(section.locator(".class-goals-chart .main-svg").first).to_be_visible(timeout=30_000)
    expect(section.get_by_role("link", name="Download the per-learner, per-goal table (CSV)")).to_be_visible()
    assert axe_on(teacher.page, [".class-goals"]) == []
    shoot(teacher.page, section, artifacts / "class-goals-{width}.png")
