"""Drive the quiz widget from Python as a learner would: choose, Check, read the feedback."""

import ipywidgets as W
import pytest

from widgets.progress import ProgressStore
from widgets.shuffle import shuffled_options
from widgets.views.quiz import Quiz, quiz

from .helpers import bank, multiple, numeric, ordering, single, truefalse


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path)


@pytest.fixture
def five(store):
    return Quiz(bank(single(), multiple(), truefalse(), numeric(), ordering()), store)


def test_wrong_then_right_with_words_and_icon(five, store):
    card = five.cards[0]
    card.choose("b")
    card.check_button.click()
    assert (
        "lesson-icon-wrong" in card.feedback.value
        and "Not quite." in card.feedback.value
        and "fb" in card.feedback.value
        and "Because." in card.feedback.value
    )
    card.choose("a")
    card.check_button.click()
    assert "lesson-icon-right" in card.feedback.value
    assert "Score: 0 of 5 right on the first try" in five.score.value and "now correct 1" in five.score.value
    assert [a["chosen"] for a in store.load()["attempts"]] == [["b"], ["a"]]


def test_every_type_can_be_answered_right(five):
    answers = ["a", ["a", "c"], False, "3", ["one", "two", "three", "four"]]
    for card, answer in zip(five.cards, answers, strict=False):
        card.choose(answer)
        assert card.check().correct, card.question.id
        assert "lesson-icon-right" in card.feedback.value
    assert "Score: 5 of 5" in five.score.value


def test_empty_answer_is_not_recorded(five, store):
    five.cards[3].check()
    assert "Type a number" in five.cards[3].feedback.value
    assert store.load()["attempts"] == []


def test_numeric_label_shows_unit_and_feedback_says_too_high(five):
    card = five.cards[3]
    assert "(weeks)" in card.input.description
    card.choose(9)
    card.check_button.click()
    assert "too high" in card.feedback.value and "You answered 9 weeks." in card.feedback.value


def test_options_shuffled_stably_with_none_of_the_above_last(store):
    q = bank(
        single(
            options=[{"id": i, "text": i, "feedback": "f"} for i in "abcdefg"]
            + [{"id": "none", "text": "None of the above", "feedback": "f", "keep_last": True}]
        )
    )
    ids = {tuple(o.id for o in shuffled_options(q.questions[0], seed)) for seed in ("s1", "s2", "s3", "s4")}
    assert len(ids) > 1  # different learners, different orders
    assert all(order[-1] == "none" for order in ids)
    a = Quiz(q, store).cards[0].input.options
    b = Quiz(q, store).cards[0].input.options
    assert a == b  # the same learner sees the same order each time


def test_ordering_uses_labelled_dropdowns(five):
    card = five.cards[4]
    drops = card.input.children
    assert all(isinstance(d, W.Dropdown) for d in drops)
    assert [d.description for d in drops] == ["Place 1", "Place 2", "Place 3", "Place 4"]


def test_every_input_has_a_label(five):
    for card in five.cards:
        widgets = card.input.children if isinstance(card.input, W.VBox) else [card.input]
        assert all(w.description for w in widgets)
        assert card.check_button.tooltip


def test_content_html_is_escaped(store):
    evil = "<script>alert(1)</script><b>x</b>"
    q = Quiz(
        bank(
            single(
                prompt=evil,
                explanation=evil,
                options=[{"id": "a", "text": evil, "feedback": evil}, {"id": "b", "text": "B", "feedback": "fb"}],
            )
        ),
        store,
    )
    card = q.cards[0]
    assert "<script>" not in card.prompt.value and "&lt;script&gt;" in card.prompt.value
    card.choose("a")
    card.check()
    assert "<script>" not in card.feedback.value and "&lt;b&gt;" in card.feedback.value


def test_learner_input_is_escaped(five):
    card = five.cards[3]
    card.choose("<img src=x onerror=alert(1)>")
    card.check()
    assert "<img" not in card.feedback.value


def test_saved_state_is_shown_on_reopen(store):
    b = bank(single(), multiple(), truefalse(), numeric(), ordering())
    first = Quiz(b, store)
    first.cards[1].choose(["a"])
    first.cards[1].check()
    first.cards[1].choose(["a", "c"])
    first.cards[1].check()
    first.cards[4].choose(["one", "two", "three", "four"])
    first.cards[4].check()
    again = Quiz(b, store)
    assert "answered 2/5" in again.score.value and "Score: 1 of 5" in again.score.value
    assert again.cards[1].answer() == ["a", "c"]
    assert "Saved from before: 2 attempt(s); first try wrong." in again.cards[1].feedback.value
    assert again.cards[4].answer() == ["one", "two", "three", "four"]
    assert again.cards[0].feedback.value == ""


def test_unwritable_store_warns_in_the_quiz(tmp_path):
    (tmp_path / "f").write_text("x")
    q = Quiz(bank(single()), ProgressStore(tmp_path / "f" / "sub"))
    assert "cannot be saved" in q.notice.value
    q.cards[0].choose("a")
    assert q.cards[0].check().correct


def test_shipped_quiz_builds(store):
    q = quiz("01-physiology", store)
    assert len(q.cards) >= 5 and "quiz" in q._dom_classes


def test_ordering_places_start_on_the_choose_label(five):
    drops = five.cards[4].input.children
    assert all(d.label == "— choose —" and d.value is None for d in drops)
    five.cards[4].choose(["two", None, "one", "four"])
    assert drops[1].label == "— choose —"
    assert "Put every step in a place first." in five.cards[4].check().feedback[0]


def test_top_level_views_carry_the_keyboard_guard(five):
    from widgets.views.keyboard import KeyboardGuard

    assert sum(isinstance(c, KeyboardGuard) for c in five.children) == 1
    assert "data-lm-suppress-shortcuts" in KeyboardGuard()._esm


def test_section_check_asks_only_its_questions_and_the_recap_leaves_them_out(store):
    b = bank(single("s1", section_check=True), single("q1"), truefalse("q2"))
    check = Quiz(b, store, ["s1"], title="Quick check")
    assert [c.full_id for c in check.cards] == ["99-test/s1"]
    recap = Quiz(b, store, [q.id for q in b.recap()])
    assert [c.full_id for c in recap.cards] == ["99-test/q1", "99-test/q2"]
    check.cards[0].choose("a")
    check.cards[0].check_button.click()
    assert ProgressStore(store.directory).load()["attempts"][0]["question"] == "99-test/s1"


def test_unknown_section_check_id_names_the_question(store):
    with pytest.raises(KeyError, match="q9"):
        Quiz(bank(single("q1")), store, ["q9"])
