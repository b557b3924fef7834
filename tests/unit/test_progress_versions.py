"""Answers stay tied to the question version they answered: a changed question is not regraded."""

from tests.helpers import bank, single
from tests.quiz_driver import answer
from widgets.content.content_hash import question_hash
from widgets.store.progress import ProgressStore
from widgets.views.quiz import Quiz
from widgets.views.review import review_quiz


def test_each_attempt_stores_the_question_hash(tmp_path):
    store = ProgressStore(tmp_path)
    b = bank(single())
    q = Quiz(b, store)
    answer(q, 0, "a")
    assert store.load()["attempts"][0]["hash"] == question_hash(b.questions[0]) != ""


def test_an_answer_to_an_older_version_is_shown_as_such_not_regraded(tmp_path):
    store = ProgressStore(tmp_path)
    q = Quiz(bank(single()), store)
    answer(q, 0, "a")  # right, for this version
    changed = bank(single(answer="b"))  # the next wave changes the right answer
    again = Quiz(changed, store)  # what the page draws of it: tests/page/test_quiz_page_node.py
    saved = again.page.saved[again.ids[0]]
    assert saved["stale"] is True and saved["attempts"] == 1
    assert saved["answer"] is None  # not put back as if it answered this one, nor graded again
    assert again.page.score == "1 of 1 right first time"  # the saved record still counts as it was
    answer(again, 0, "b")
    assert Quiz(changed, store).page.saved[again.ids[0]]["stale"] is False


def test_a_reworded_explanation_keeps_the_saved_answer_current(tmp_path):
    store = ProgressStore(tmp_path)
    q = Quiz(bank(single()), store)
    answer(q, 0, "a")
    again = Quiz(bank(single(explanation="Said another way.")), store)
    saved = again.page.saved[again.ids[0]]
    assert (saved["stale"], saved["answer"], saved["attempts"], saved["first_correct"]) == (False, "a", 1, True)


def test_review_answers_carry_the_hash_too(tmp_path):
    store = ProgressStore(tmp_path)
    review = review_quiz(store)
    card = review.cards[0]
    answer(review, 0, card.question.answer)
    saved = store.load()["attempts"][0]
    assert saved["question"] == card.full_id and saved["hash"] == question_hash(card.question)
