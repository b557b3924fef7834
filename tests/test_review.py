"""The final review: its question list, the missed-first order, and how review attempts are saved."""

from pathlib import Path

import pytest

from widgets import scoring
from widgets.load import ContentError, check_review, lesson_ids, load_bank, load_file, load_review
from widgets.model import ReviewSet
from widgets.progress import ProgressStore
from widgets.review import LESSON, original_id, plan_review, review_id
from widgets.views.progress import ProgressOverview
from widgets.views.review import MISSED_NOTE, review_quiz

BROKEN = Path(__file__).parent / "fixtures" / "broken_review"
LISTED = ["a/q1", "a/q2", "b/q1", "b/q2"]
KNOWN = LISTED + ["c/q9"]


def attempt(qid, correct, chosen=("x",)):
    return {"question": qid, "lesson": qid.split("/")[0], "chosen": list(chosen), "correct": correct, "time": "t"}


# -- engine ------------------------------------------------------------------------------------------
def test_without_attempts_the_list_order_is_kept():
    plan = plan_review(LISTED, [], KNOWN)
    assert plan.questions == LISTED and plan.missed == []


def test_missed_questions_come_first_oldest_first_even_if_not_listed():
    attempts = [attempt("b/q2", False), attempt("a/q1", True), attempt("c/q9", False), attempt("b/q2", True)]
    plan = plan_review(LISTED, attempts, KNOWN)
    assert plan.missed == ["b/q2", "c/q9"]
    assert plan.questions == ["b/q2", "c/q9", "a/q1", "a/q2", "b/q1"]   # each once, rest in list order


def test_a_miss_in_an_earlier_review_is_brought_back_and_counted_once():
    attempts = [attempt("a/q2", False), attempt(review_id("a/q2"), False), attempt(review_id("b/q1"), False)]
    plan = plan_review(LISTED, attempts, KNOWN)
    assert plan.missed == ["a/q2", "b/q1"] and len(plan.questions) == len(set(plan.questions)) == 4


def test_missed_questions_that_no_longer_exist_are_skipped():
    plan = plan_review(LISTED, [attempt("gone/q1", False)], KNOWN)
    assert plan.missed == [] and plan.questions == LISTED


def test_review_ids_round_trip():
    assert review_id("01-physiology/q2") == "05-review/01-physiology/q2"
    assert original_id(review_id("01-physiology/q2")) == "01-physiology/q2"
    assert original_id("01-physiology/q2") == "01-physiology/q2"


# -- content -----------------------------------------------------------------------------------------
def test_the_review_has_at_least_12_questions_from_every_lesson_bank():
    review = load_review()
    assert len(review.questions) >= 12
    assert {q.split("/")[0] for q in review.questions} == set(lesson_ids())
    for q in review.questions:
        load_bank(q.split("/")[0]).question(q)


@pytest.mark.parametrize("name, entry, field, words", [
    ("unknown-question", "04-red-flags/q99", "questions[11]", "04-red-flags.yaml has no such question"),
    ("unknown-lesson", "07-extra/q1", "questions[11]", "no question bank for lesson '07-extra'"),
    ("duplicate-id", "01-physiology/q2", "questions.id", "duplicate review question id"),
    ("too-few", None, "questions", "at least 12"),
    ("local-id", "questions[11]", None, "should match pattern"),
])
def test_broken_review_files_are_refused_with_a_named_error(name, entry, field, words):
    path = BROKEN / f"{name}.yaml"
    with pytest.raises(ContentError) as e:
        check_review(load_file(ReviewSet, path), path)
    assert (e.value.entry, e.value.field) == (entry, field), str(e.value)
    assert words in str(e.value) and path.name in str(e.value)


# -- view and saving ---------------------------------------------------------------------------------
@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path)


def answer(card, right):
    q = card.question
    from widgets.model import MultipleSelect, Numeric, Ordering, SingleChoice, TrueFalse
    if isinstance(q, SingleChoice):
        card.choose(q.answer if right else next(o.id for o in q.options if o.id != q.answer))
    elif isinstance(q, MultipleSelect):
        card.choose(q.answer if right else [o.id for o in q.options if o.id not in q.answer][:1])
    elif isinstance(q, TrueFalse):
        card.choose(q.answer if right else not q.answer)
    elif isinstance(q, Numeric):
        card.choose(q.answer if right else q.answer + q.tolerance + 1)
    elif isinstance(q, Ordering):
        ids = [i.id for i in q.items]
        card.choose(ids if right else ids[::-1])
    card.check_button.click()
    assert card.feedback.value.startswith("<p") and (("✔ Right." in card.feedback.value) is right)


def test_fresh_learner_gets_the_listed_order(store):
    r = review_quiz(store)
    assert [c.full_id for c in r.cards] == [review_id(q) for q in load_review().questions]
    assert "in lesson order" in r.order_note.value and MISSED_NOTE not in r.cards[0].prompt.value


def test_questions_missed_in_the_lessons_come_back_first(store):
    from widgets.views.quiz import quiz
    q4 = quiz("04-red-flags", store)
    answer(q4.cards[4], right=False)          # missed, and not in the review list
    answer(q4.cards[0], right=True)
    q1 = quiz("01-physiology", store)
    answer(q1.cards[5], right=False)
    r = review_quiz(store)
    first = [c.full_id for c in r.cards[:2]]
    assert first == [review_id("04-red-flags/q5"), review_id("01-physiology/q6")]
    assert all(MISSED_NOTE in c.prompt.value for c in r.cards[:2]) and MISSED_NOTE not in r.cards[2].prompt.value
    assert "The first 2 questions are ones you got wrong before" in r.order_note.value
    assert len(r.cards) == len(load_review().questions) + 1


def test_review_answers_never_change_a_lesson_score(store):
    from widgets.views.quiz import quiz
    q1 = quiz("01-physiology", store)
    answer(q1.cards[0], right=False)          # 01-physiology/q1: wrong first try in the lesson
    answer(q1.cards[1], right=True)           # 01-physiology/q2: right first try in the lesson
    before = q1.lesson_score
    overview_before = {s.lesson: s for s in ProgressOverview(store).scores()}["01-physiology"]
    r = review_quiz(store)
    by_id = {c.full_id: c for c in r.cards}
    answer(by_id[review_id("01-physiology/q1")], right=True)
    answer(by_id[review_id("01-physiology/q2")], right=False)
    attempts = store.load()["attempts"]
    assert [(a["lesson"], a["question"]) for a in attempts[-2:]] == [
        (LESSON, "05-review/01-physiology/q1"), (LESSON, "05-review/01-physiology/q2")]
    assert quiz("01-physiology", store).lesson_score == before
    overview = {s.lesson: s for s in ProgressOverview(store).scores()}
    assert overview["01-physiology"] == overview_before     # the overview counts section checks too
    assert "Score: 1 of" in r.score.value and "answered 2/" in r.score.value   # the review's own first try


def test_review_answers_are_restored_and_a_review_miss_comes_first_next_time(store):
    r = review_quiz(store)
    target = next(c for c in r.cards if c.full_id == review_id("03-foot/q6"))
    answer(target, right=False)
    again = review_quiz(store)
    assert again.cards[0].full_id == review_id("03-foot/q6")
    assert "Saved from before: 1 attempt(s); first try wrong." in again.cards[0].feedback.value
    assert scoring.missed_first(store.load()["attempts"]) == [review_id("03-foot/q6")]
