"""The mastery rule (widgets/engine/mastery.py), checked on cases worked out by hand from the README's rule."""

from __future__ import annotations

import pytest

from widgets.engine import mastery

GOALS = ["g1", "g2"]
QUESTIONS = {"g1": ["01-a/q1", "01-a/q2", "01-a/q3"], "g2": ["02-b/q1", "05-review/q9"]}
CHECKS = {
    "check-before/b1": "g1",
    "check-before/b2": "g1",
    "check-before/b3": "g2",
    "check-before/b4": "g2",
    "check-after/a1": "g1",
    "check-after/a2": "g1",
    "check-after/a3": "g2",
    "check-after/a4": "g2",
}


@pytest.mark.parametrize(
    ("answered", "right", "after_all_right", "band"),
    [
        (0, 0, False, "not-started"),  # nothing answered
        (3, 0, True, "attempted"),  # tried, none right first time
        (1, 1, False, "familiar"),  # one right, but one answer is too little for Proficient (needs 2)
        (5, 2, False, "familiar"),  # 40 % < 60 %
        (5, 3, False, "proficient"),  # 60 % exactly
        (2, 2, False, "proficient"),  # the before-check alone can reach Proficient at most
        (5, 4, False, "proficient"),  # 80 %, but the after-check is not all right
        (5, 4, True, "mastered"),  # 80 %, ≥ 4 answered, both after-check questions right
        (3, 3, True, "proficient"),  # 100 % but fewer than 4 first tries
        (10, 7, True, "proficient"),  # 70 % < 80 %
    ],
)
def test_band_rule_by_hand(answered, right, after_all_right, band):
    assert mastery.band(answered, right, after_all_right) == band


def test_evidence_is_lessons_review_and_after_check_but_not_the_before_check():
    first = {"01-a/q1": True, "01-a/q2": False, "05-review/01-a/q2": True, "01-a/q3": True, "99-x/q1": False}
    before = {"check-before/b1": True, "check-before/b2": True, "check-before/b3": False}
    after = {"check-after/a1": True, "check-after/a2": True}
    g1, g2 = mastery.goal_results(GOALS, QUESTIONS, first, before, after, CHECKS)
    # g1: lessons 3 first tries (2 right) + the review's try of q2 (right) + after a1, a2 (right) = 6, 5 right: 83 %
    assert (g1.answered, g1.right, g1.band) == (6, 5, "mastered")
    assert (g1.before.right, g1.before.total) == (2, 2) and g1.before_band == "proficient"
    assert (g1.after.right, g1.after.total) == (2, 2)
    assert g1.revisit == ()  # q2 was missed in the lesson but right when the review brought it back
    # g2: nothing answered in the lessons; the after-check's g2 questions were left out (count as not right)
    assert (g2.answered, g2.right, g2.band) == (0, 0, "not-started")
    assert (g2.before.right, g2.before.answered, g2.before.total) == (0, 1, 2) and g2.before_band == "attempted"
    assert (g2.after.right, g2.after.total) == (0, 2)
    assert g2.revisit == ("02-b/q1", "05-review/q9")


def test_a_check_not_done_is_none_and_mastered_needs_the_after_check():
    first = dict.fromkeys(QUESTIONS["g1"], True) | {"05-review/01-a/q1": True}
    (g1, _) = mastery.goal_results(GOALS, QUESTIONS, first, {}, {}, CHECKS)
    assert g1.before is None and g1.after is None and g1.before_band == "not-started"
    assert (g1.answered, g1.right, g1.band) == (4, 4, "proficient")  # 100 %, but no after-check yet


def test_moved_up_counts_a_higher_band_now_than_before():
    first = {"01-a/q1": True, "01-a/q2": True, "01-a/q3": True}
    before = {"check-before/b1": False, "check-before/b2": False}
    after = {"check-after/a1": True, "check-after/a2": True}
    up = mastery.goal_results(GOALS, QUESTIONS, first, before, after, CHECKS)[0]
    same = mastery.goal_results(GOALS, QUESTIONS, {}, {"check-before/b1": True}, {"check-after/a1": False}, CHECKS)[0]
    assert (up.before_band, up.band) == ("attempted", "mastered")
    assert (same.before_band, same.band) == ("familiar", "attempted")
    assert mastery.moved_up([up, same]) == 1
