"""Answers stay tied to the question version they answered: a changed question is not regraded."""

from widgets.content.content_hash import question_hash
from widgets.store.progress import ProgressStore
from widgets.views.quiz import Quiz
from widgets.views.review import review_quiz

from .helpers import bank, single


def test_each_attempt_stores_the_question_hash(tmp_path):
    store = ProgressStore(tmp_path)
    b = bank(single())
    q = Quiz(b, store)
    q.cards[0].choose("a")
    q.cards[0].check()
    assert store.load()["attempts"][0]["hash"] == question_hash(b.questions[0]) != ""


def test_an_answer_to_an_older_version_is_shown_as_such_not_regraded(tmp_path):
    store = ProgressStore(tmp_path)
    q = Quiz(bank(single()), store)
    q.cards[0].choose("a")
    q.cards[0].check()  # right, for this version
    changed = bank(single(answer="b"))  # the next wave changes the right answer
    again = Quiz(changed, store)
    card = again.cards[0]
    assert "an older version of this question" in card.feedback.value
    assert "Right" not in card.feedback.value and "Not quite" not in card.feedback.value
    assert card.answer() is None  # not put back as if it answered this one
    assert "answered 1/1" in again.score.value  # the saved record still counts as it was
    card.choose("b")
    card.check()
    assert "older version" not in Quiz(changed, store).cards[0].feedback.value


def test_a_reworded_explanation_keeps_the_saved_answer_current(tmp_path):
    store = ProgressStore(tmp_path)
    q = Quiz(bank(single()), store)
    q.cards[0].choose("a")
    q.cards[0].check()
    again = Quiz(bank(single(explanation="Said another way.")), store)
    assert "Saved from before: 1 try, first try right." in again.cards[0].feedback.value


def test_review_answers_carry_the_hash_too(tmp_path):
    store = ProgressStore(tmp_path)
    review = review_quiz(store)
    card = review.cards[0]
    card.choose(card.question.answer)
    card.check()
    saved = store.load()["attempts"][0]
    assert saved["question"] == card.full_id and saved["hash"] == question_hash(card.question)
