"""The class-results page's per-question statistics (widgets/classroom/question_stats.py): who takes "the test",
what the rest of the test is, and the flags' boundaries (item_stats.TOO_EASY, TOO_HARD, WEAK_DISCRIMINATION,
MIN_LEARNERS) exactly at and next to each threshold."""

from types import SimpleNamespace

import pytest

from widgets.classroom.item_stats import MIN_LEARNERS, TOO_EASY, TOO_HARD, ItemStats, item_figures
from widgets.classroom.question_stats import question_figures
from widgets.classroom.rollup import Answer, HandedIn, Misconception

LESSON = SimpleNamespace(lesson="01-test")
REVIEW = SimpleNamespace(lesson="05-review")
QUESTIONS = {
    f"01-test/{q}": (LESSON, SimpleNamespace(goal=goal, prompt=f"Prompt {q}"))
    for q, goal in (("a", "g1"), ("b", "g1"), ("c", "g2"))
} | {"05-review/r": (REVIEW, SimpleNamespace(goal=None, prompt="Review"))}


def learner(n: int, marks: dict[str, bool]) -> HandedIn:
    answers = {q: Answer(q, 1, right, right, ()) for q, right in marks.items()}
    return HandedIn(f"f{n}.json", f"L{n}", f"learner-{n:016x}", "2026-01-01T10:00:00+00:00", answers)


def test_a_question_uses_the_learners_who_answered_it_and_the_rest_of_their_test():
    a, b, c = "01-test/a", "01-test/b", "01-test/c"
    class_ = [
        learner(1, {a: True, b: True, c: True, "05-review/r": False}),  # the review is not part of the test
        learner(2, {a: True, b: False, c: False}),
        learner(3, {a: False, b: True, c: False}),
        learner(4, {a: True, b: False}),  # left c out: it counts 0 in their total, and c's figures leave them out
        learner(5, {"05-review/r": True}),  # answered no lesson question: not in the test
    ]
    figures, takers = question_figures(class_, QUESTIONS)
    assert takers == 4
    assert [f.question for f in figures] == [a, b, c]  # lesson questions only, in course order
    by_id = {f.question: f for f in figures}
    # c: learners 1-3 answered it; x = 1 0 0, rest of the test y = (3-1) (1-0) (1-0) = 2 1 1
    assert by_id[c].stats == item_figures(c, [1, 0, 0], [2, 1, 1])
    assert by_id[c].stats.learners == 3
    # a: learners 1-4; rest y = 2 0 1 0 (learner 4's missing c counts 0)
    assert by_id[a].stats == item_figures(a, [1, 1, 0, 1], [2, 0, 1, 0])
    assert (by_id[a].goal, by_id[c].goal, by_id[a].prompt) == ("g1", "g2", "Prompt a")


def test_each_question_gets_its_most_picked_wrong_answer():
    a = "01-test/a"
    picks = [
        Misconception(a, "Prompt a", "Option two", "why", 7, 20),
        Misconception(a, "Prompt a", "Option three", "why", 3, 20),
    ]
    figures, _ = question_figures([learner(1, {a: False})], QUESTIONS, picks)
    first = next(f for f in figures if f.question == a)
    assert (first.wrong_pick, first.wrong_count) == ("Option two", 7)
    assert next(f for f in figures if f.question == "01-test/b").wrong_pick is None


def stats(facility: float, discrimination: float | None = 30.0, learners: int = MIN_LEARNERS) -> ItemStats:
    return ItemStats("q", learners, facility, discrimination, None)


@pytest.mark.parametrize(
    "facility, flags",
    [
        (TOO_EASY, ("too_easy",)),
        (TOO_EASY - 0.01, ()),
        (100.0, ("too_easy",)),
        (TOO_HARD, ("too_hard",)),
        (TOO_HARD + 0.01, ()),
        (0.0, ("too_hard",)),
        (50.0, ()),
    ],
)
def test_too_easy_and_too_hard_start_exactly_at_their_thresholds(facility, flags):
    assert stats(facility).flags() == flags


@pytest.mark.parametrize("discrimination, flagged", [(-0.01, True), (-40.0, True), (0.0, False), (None, False)])
def test_strong_learners_missing_it_more_is_flagged_only_below_zero(discrimination, flagged):
    assert ("strong_miss" in stats(50.0, discrimination).flags()) is flagged


def test_below_the_minimum_of_learners_nothing_is_flagged_and_at_it_everything_is():
    assert not stats(100.0, -50.0, MIN_LEARNERS - 1).enough
    assert stats(100.0, -50.0, MIN_LEARNERS - 1).flags() == ()
    assert stats(100.0, -50.0, MIN_LEARNERS).flags() == ("too_easy", "strong_miss")
    assert MIN_LEARNERS == 20  # the page and the guide say 20
