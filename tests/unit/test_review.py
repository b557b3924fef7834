"""The final review: its own bank of new versions, the missed-first order, and how review attempts are saved."""

import copy

import pytest
import yaml

from tests.quiz_driver import answer as send_answer
from widgets.content.load import CONTENT_DIR, ContentError, check_review, lesson_ids, load_bank, load_file, load_review
from widgets.content.model import Review
from widgets.engine import scoring
from widgets.engine.review import LESSON, original_id, plan_review, review_id
from widgets.store.progress import ProgressStore
from widgets.views.progress import ProgressOverview
from widgets.views.review import MISSED_NOTE, NEW_VERSION_NOTE, review_quiz

LISTED = ["a/q1", "a/q2", "b/q1", "b/q2"]
KNOWN = [*LISTED, "c/q9"]


def attempt(qid, correct, chosen=("x",)):
    return {"question": qid, "lesson": qid.split("/")[0], "chosen": list(chosen), "correct": correct, "time": "t"}


# -- engine ------------------------------------------------------------------------------------------
def test_without_attempts_the_list_order_is_kept():
    plan = plan_review(LISTED, [], KNOWN)
    assert plan.questions == LISTED and plan.missed == []


def test_missed_questions_come_first_oldest_first_and_the_review_asks_only_its_list():
    attempts = [
        attempt("b/q2", False),
        attempt("a/q1", True),
        attempt("c/q9", False),
        attempt("b/q1", False),
        attempt("b/q2", True),
    ]
    plan = plan_review(LISTED, attempts, KNOWN)
    assert plan.missed == ["b/q2", "b/q1"]  # c/q9 is in no list and has no new version: never added
    assert plan.questions == ["b/q2", "b/q1", "a/q1", "a/q2"]  # each once, rest in list order


def test_a_missed_lesson_question_comes_back_as_its_new_version():
    listed, variants = ["r/q1", "r/q2", "r/q3"], {"r/q1": ["a/q1"], "r/q2": ["b/q1", "b/q2"], "r/q3": ["a/q2"]}
    attempts = [attempt("b/q2", False), attempt("c/q9", False), attempt("b/q1", False)]
    plan = plan_review(listed, attempts, listed + KNOWN, variants)
    assert plan.missed == ["r/q2"]  # b/q2 and b/q1 share one new version, asked once
    assert plan.questions == ["r/q2", "r/q1", "r/q3"]  # c/q9 has no new version: the count stays 3
    assert plan.replaces == {"r/q2": "b/q2"}


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
    assert review_id("05-review/q3") == original_id("05-review/q3") == "05-review/q3"  # the review's own


# -- content -----------------------------------------------------------------------------------------
def test_the_review_asks_only_new_versions_and_covers_every_lesson():
    review = load_review()
    own = load_bank(LESSON)
    assert len(review.questions) >= 12 and review.questions == own.full_ids()
    lessons = set(lesson_ids()) - {LESSON}
    assert {o.split("/")[0] for originals in review.variant_of.values() for o in originals} == lessons
    for q, originals in review.variant_of.items():
        new = own.question(q)
        for o in originals:
            old = load_bank(o.split("/")[0]).question(o)
            assert new.prompt != old.prompt, f"{q} repeats the prompt of {o}"


def test_no_review_prompt_repeats_a_lesson_prompt():
    """New versions, not the same items: no review prompt shares 6 words in a row with any lesson prompt."""
    from tests.content.test_own_words import runs, words

    lesson_runs = {
        r: f"{b.lesson}/{q.id}"
        for lesson in set(lesson_ids()) - {LESSON}
        for b in [load_bank(lesson)]
        for q in b.questions
        for r in runs(words(q.prompt), 6)
    }
    for q in load_bank(LESSON).questions:
        shared = [(" ".join(r), lesson_runs[r]) for r in runs(words(q.prompt), 6) if r in lesson_runs]
        assert not shared, f"{LESSON}/{q.id} repeats {shared}"


def test_every_review_question_has_a_hint_and_teaching_feedback():
    for q in load_bank(LESSON).questions:
        assert q.hint and len(q.hint.split()) <= 20, q.id
        wrong = (
            [o.feedback for o in getattr(q, "options", []) if o.id not in q.correct_ids]
            if hasattr(q, "options")
            else [getattr(q, "wrong_feedback", "") or q.low_feedback + " " + q.high_feedback]
        )
        assert all(len(t.split()) >= 10 for t in wrong), f"{q.id}: feedback to a wrong answer too short to teach"


def _shipped():
    return yaml.safe_load((CONTENT_DIR / "review.yaml").read_text(encoding="utf-8"))


def _swap(items, old, new):
    return [new if x == old else x for x in items]


def _break(kind):
    raw = copy.deepcopy(_shipped())
    qs, vs = raw["questions"], raw["variant_of"]
    if kind == "unknown-question":
        raw["questions"] = _swap(qs, qs[11], "05-review/q99")
        vs["05-review/q99"] = vs.pop(qs[11])
    elif kind == "lesson-question":
        raw["questions"] = _swap(qs, qs[11], "04-red-flags/q1")
        vs["04-red-flags/q1"] = vs.pop(qs[11])
    elif kind == "removed-original":
        vs[qs[0]] = ["04-red-flags/q8"]  # the old "how many red flags" question, removed
    elif kind == "unknown-lesson":
        vs[qs[0]] = ["07-extra/q1"]
    elif kind == "duplicate-id":
        raw["questions"] = [qs[0], *qs]
    elif kind == "too-few":
        raw["questions"] = qs[:5]
        raw["variant_of"] = {q: vs[q] for q in qs[:5]}
    elif kind == "local-id":
        raw["questions"] = _swap(qs, qs[11], "q12")
    elif kind == "no-originals-listed":
        del vs[qs[2]]
    elif kind == "not-asked":
        raw["questions"] = qs[:-1]
        del vs[qs[-1]]
    elif kind == "no-new-version":
        vs["05-review/q7"] = [o for o in vs["05-review/q7"] if o != "02-triggers/q3"]
    elif kind == "lesson-left-out":
        raw["variant_of"] = {
            q: [o for o in os_ if not o.startswith("03-foot/")] or ["01-physiology/q1"] for q, os_ in vs.items()
        }
    return raw


@pytest.mark.parametrize(
    "kind, entry, field, words",
    [
        ("unknown-question", "05-review/q99", "questions[11]", "05-review.yaml has no such question"),
        ("lesson-question", "04-red-flags/q1", "questions[11]", "not lesson questions again"),
        ("removed-original", "05-review/q1", "variant_of[0]", "04-red-flags.yaml has no such question"),
        ("unknown-lesson", "05-review/q1", "variant_of[0]", "no question bank for lesson '07-extra'"),
        ("duplicate-id", "05-review/q1", "questions.id", "duplicate review question id"),
        ("too-few", None, "questions", "at least 12"),
        ("local-id", "questions[11]", None, "should match pattern"),
        ("no-originals-listed", None, "variant_of", "must name the same questions"),
        ("not-asked", "05-review/q15", "questions", "the review does not ask it"),
        ("lesson-left-out", None, "variant_of", "lesson '03-foot'"),
        ("no-new-version", "02-triggers/q3", "variant_of", "no review question asks this lesson question again"),
    ],
)
def test_broken_review_files_are_refused_with_a_named_error(tmp_path, kind, entry, field, words):
    path = tmp_path / f"{kind}.yaml"
    path.write_text(yaml.safe_dump(_break(kind)), encoding="utf-8")
    with pytest.raises(ContentError) as e:
        check_review(load_file(Review, path), path)
    assert (e.value.entry, e.value.field) == (entry, field), str(e.value)
    assert words in str(e.value) and path.name in str(e.value)


# -- view and saving ---------------------------------------------------------------------------------
@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path)


def answer(quiz, card, right):
    """A right or a wrong first answer to `card` of `quiz`, through the kernel's path; the page draws the reply."""
    q = card.question
    from widgets.content.model import MultipleSelect, Numeric, Ordering, SingleChoice, TrueFalse

    if isinstance(q, SingleChoice):
        value = q.answer if right else next(o.id for o in q.options if o.id != q.answer)
    elif isinstance(q, MultipleSelect):
        value = q.answer if right else [o.id for o in q.options if o.id not in q.answer][:1]
    elif isinstance(q, TrueFalse):
        value = q.answer if right else not q.answer
    elif isinstance(q, Numeric):
        value = q.answer if right else q.answer + q.tolerance + 1
    elif isinstance(q, Ordering):
        ids = [i.id for i in q.items]
        value = ids if right else ids[::-1]
    reply = send_answer(quiz, card.full_id, value)
    assert reply["outcome"] == "saved" and reply["response"]["correct"] is right
    assert reply["response"]["stage"] == ("right" if right else "hint")


def note(quiz, n):
    """The note the page shows before question `n`'s prompt."""
    return quiz.page.questions[n]["note"]


def test_fresh_learner_gets_the_listed_order(store):
    r = review_quiz(store)
    assert [c.full_id for c in r.cards] == load_review().questions
    assert "in lesson order" in r.order_note and MISSED_NOTE not in note(r, 0)


def _card(q, full_id):
    return next(c for c in q.cards if c.full_id == full_id)


def test_questions_missed_in_the_lessons_come_back_first_as_new_versions(store):
    from widgets.views.quiz import quiz

    review = load_review()
    variant = next(v for v, originals in review.variant_of.items() if "04-red-flags/q6" in originals)
    q4 = quiz("04-red-flags", store)
    answer(q4, _card(q4, "04-red-flags/q6"), right=False)  # missed; the review has a new version of it
    answer(q4, _card(q4, "04-red-flags/q1"), right=True)
    q2 = quiz("02-triggers", store)
    answer(q2, _card(q2, "02-triggers/q3"), right=False)  # had no new version before issue 26: it has one now
    other = next(v for v, originals in review.variant_of.items() if "02-triggers/q3" in originals)
    r = review_quiz(store)
    assert [c.full_id for c in r.cards[:2]] == [variant, other]
    assert NEW_VERSION_NOTE in note(r, 0) and NEW_VERSION_NOTE in note(r, 1)
    assert not any(n in note(r, 2) for n in (MISSED_NOTE, NEW_VERSION_NOTE))
    assert "The first 2 questions ask again about ones you got wrong before" in r.order_note
    assert sorted(c.full_id for c in r.cards) == sorted(review.questions)  # its own questions, no others
    assert r.cards[0].question.prompt != load_bank("04-red-flags").question("q6").prompt


def test_review_answers_never_change_a_lesson_score(store):
    from widgets.views.quiz import quiz

    q1 = quiz("01-physiology", store)
    answer(q1, q1.cards[0], right=False)  # wrong first try in the lesson
    answer(q1, q1.cards[1], right=True)  # right first try in the lesson
    before = q1.lesson_score
    overview_before = {s.lesson: s for s in ProgressOverview(store).scores()}["01-physiology"]
    r = review_quiz(store)
    answer(r, r.cards[0], right=True)  # the missed one, brought back first
    answer(r, r.cards[-1], right=False)
    attempts = store.load()["attempts"]
    assert [(a["lesson"], a["question"]) for a in attempts[-2:]] == [
        (LESSON, r.cards[0].full_id),
        (LESSON, r.cards[-1].full_id),
    ]
    assert all(a["question"].startswith(LESSON + "/") for a in attempts[-2:])
    assert quiz("01-physiology", store).lesson_score == before
    overview = {s.lesson: s for s in ProgressOverview(store).scores()}
    assert overview["01-physiology"] == overview_before  # the overview counts section checks too
    assert r.page.score == f"1 of {len(load_review().questions)} right first time"  # the review's own first try
    assert (overview[LESSON].first_try, overview[LESSON].answered) == (1, 2)  # shown in the overview


def test_review_answers_are_restored_and_a_review_miss_comes_first_next_time(store):
    r = review_quiz(store)
    target = r.cards[9]
    answer(r, target, right=False)
    again = review_quiz(store)
    assert again.cards[0].full_id == target.full_id and MISSED_NOTE in note(again, 0)
    saved = again.page.saved[target.full_id]  # the page draws it: tests/page/test_quiz_page_node.py
    assert (saved["attempts"], saved["first_correct"]) == (1, False)
    assert scoring.missed_first(store.load()["attempts"]) == [target.full_id]


def test_the_review_count_and_total_stay_the_same_while_answering_and_between_runs(store):
    """Issue 26: the review's total moved from 15 to 16 after one answer, and its question count from 25 to 26
    between runs. A missed lesson question with no new version was brought back as itself (so the count grew
    with every such miss anywhere in the course) and then counted once answered (so the total grew). Now every
    lesson question has a new version in the review (the loader checks), and the review asks only its list."""
    from widgets.views.quiz import quiz

    review = load_review()
    n = len(review.questions)
    first = review_quiz(store)
    assert len(first.cards) == n and first.page.score == f"0 of {n} right first time"
    for lesson in ("01-physiology", "02-triggers", "03-foot", "04-red-flags"):  # every lesson question missed
        bank = load_bank(lesson)
        for q in bank.questions:
            check = quiz(lesson, store, questions=[q.id])
            answer(check, check.cards[0], right=False)
        r = review_quiz(store)  # the next run, after more misses in the lessons
        assert len(r.cards) == n and len({c.full_id for c in r.cards}) == n, lesson
    answer(r, r.cards[0], right=True)  # a question brought back first
    answer(r, r.cards[-1], right=False)
    table = {s.lesson: s for s in ProgressOverview(store).scores()}[LESSON]
    assert (r.lesson_score.answered, r.lesson_score.total) == (table.answered, table.total) == (2, n)
    assert r.page.score == f"1 of {n} right first time"
    again = review_quiz(store)
    assert len(again.cards) == n and again.page.score == f"1 of {n} right first time"
    assert f"{n} new questions from all the lessons" in again.order_note


def test_every_lesson_question_has_a_new_version_in_the_review():
    review = load_review()
    versioned = {o for originals in review.variant_of.values() for o in originals}
    lesson_questions = {q for lesson in set(lesson_ids()) - {LESSON} for q in load_bank(lesson).full_ids()}
    assert lesson_questions <= versioned, sorted(lesson_questions - versioned)
