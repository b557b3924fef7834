"""Grading of every question type, edge cases included."""

import pytest

from tests.helpers import bank, multiple, numeric, ordering, single, truefalse
from widgets.engine.grading import correct_answer_text, grade

B = bank(single(), multiple(), truefalse(), numeric(), ordering())
S, M, TF, N, O = B.questions


class TestSingle:
    def test_right_and_wrong(self):
        r = grade(S, "a")
        assert r.correct and r.valid and r.feedback == ["fa"] and r.explanation == "Because."
        r = grade(S, "b")
        assert not r.correct and r.valid and r.feedback == ["fb"]

    @pytest.mark.parametrize("answer", [None, "", "zzz", 3, ["a"]])
    def test_unusable_answer_is_invalid_not_wrong(self, answer):
        r = grade(S, answer)
        assert not r.valid and not r.correct and r.feedback


class TestMultiple:
    def test_exact_set_is_right_in_any_order(self):
        assert grade(M, ["c", "a"]).correct
        assert grade(M, ("a", "c", "a")).chosen == ["a", "c"]

    def test_partial_is_wrong_and_says_what_was_missed(self):
        r = grade(M, ["a"])
        assert not r.correct
        assert r.summary == "1 of 2 right options ticked"
        assert any("You missed one: C" in f for f in r.feedback)

    def test_extra_wrong_option_is_wrong(self):
        r = grade(M, ["a", "b", "c"])
        assert not r.correct and "1 wrong" in r.summary and "fb" in r.feedback

    @pytest.mark.parametrize("answer", [[], None, "a", ["a", "nope"]])
    def test_invalid(self, answer):
        assert not grade(M, answer).valid


class TestTrueFalse:
    @pytest.mark.parametrize("answer", [False, "false", "False"])
    def test_right(self, answer):
        assert grade(TF, answer).correct

    def test_wrong_gives_the_wrong_feedback(self):
        r = grade(TF, True)
        assert not r.correct and r.feedback == ["No, it is false."] and r.chosen == ["true"]

    @pytest.mark.parametrize("answer", [None, "maybe", 1])
    def test_invalid(self, answer):
        assert not grade(TF, answer).valid


class TestNumeric:
    @pytest.mark.parametrize("answer", [3, 2.5, 3.5, "3", " 3,5 ", "2.5"])
    def test_inside_tolerance_bounds_inclusive(self, answer):
        assert grade(N, answer).correct

    def test_just_outside_bounds(self):
        low, high = grade(N, 2.49), grade(N, 3.51)
        assert not low.correct and low.feedback == ["too low"]
        assert not high.correct and high.feedback == ["too high"]

    def test_unit_is_shown(self):
        assert grade(N, 3).summary == "You answered 3 weeks."

    @pytest.mark.parametrize("answer", ["", "  ", None, "three and a bit", "lots", "nan", "inf", True, [3]])
    def test_invalid(self, answer):
        r = grade(N, answer)
        assert not r.valid and not r.correct

    @pytest.mark.parametrize(("typed", "value"), [("three", "3"), (" Three ", "3"), ("ONE", "1"), ("twenty", "20")])
    def test_a_whole_number_typed_as_a_word_counts_as_that_number(self, typed, value):
        r = grade(N, typed)
        assert r.valid and r.chosen == [value] and r.correct == (value == "3")

    def test_a_word_that_is_no_number_is_answered_type_a_number_like_3(self):
        r = grade(N, "lots")
        assert r.keys == ["invalid:nan"] and r.feedback == ["Type a number, like 3 (weeks)."]

    def test_zero_tolerance_is_exact(self):
        q = bank(numeric(tolerance=0)).questions[0]
        assert grade(q, 3).correct and not grade(q, 3.01).correct


class TestOrdering:
    def test_right_order(self):
        r = grade(O, ["one", "two", "three", "four"])
        assert r.correct and r.summary == "4 of 4 steps in the right place"

    def test_wrong_order_counts_places(self):
        r = grade(O, ["two", "one", "three", "four"])
        assert not r.correct and r.summary == "2 of 4 steps in the right place" and r.feedback == ["Not in order."]

    @pytest.mark.parametrize(
        "answer",
        [None, [], ["one", None, "three", "four"], ["one", "one", "three", "four"], ["one", "two", "three"], "one"],
    )
    def test_invalid(self, answer):
        assert not grade(O, answer).valid


def test_correct_answer_text_for_each_type():
    assert correct_answer_text(S) == "A"
    assert correct_answer_text(M) == "A; C"
    assert correct_answer_text(TF) == "False"
    assert correct_answer_text(N) == "3 weeks (± 0.5)"
    assert correct_answer_text(O) == "ONE → TWO → THREE → FOUR"
