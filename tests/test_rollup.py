"""The class roll-up over a folder of 30 learners' files, with bad files that must be skipped, never crash."""

import json
import shutil

import pytest

from tests.helpers import bank, multiple, numeric, ordering, single, truefalse
from widgets.demo_results import write_demo
from widgets.export import build_export, encode
from widgets.load import all_banks, load_bank
from widgets.progress import ProgressStore, empty_progress
from widgets.rollup import read_folder, rollup, rollup_folder
from widgets.views.backup import progress_backup
from widgets.views.quiz import Quiz

BANK = bank(single("q1"), multiple("q2"), truefalse("q3"), numeric("q4"), ordering("q5"), lesson="99-test")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return write_demo(tmp_path_factory.mktemp("class"), learners=30, seed=3)


def test_thirty_learners_are_read_and_the_bad_files_listed(demo):
    docs, skipped = read_folder(demo)
    assert len(docs) == 30
    reasons = {s.file: s.reason for s in skipped}
    assert set(reasons) == {"class-results-ada-old-copy.json", "class-results-broken.json", "progress.json",
                            "notes.txt"}
    assert "duplicate" in reasons["class-results-ada-old-copy.json"]
    assert "not valid JSON" in reasons["class-results-broken.json"]
    assert "progress file" in reasons["progress.json"]
    assert "not a .json file" in reasons["notes.txt"]


def test_more_kinds_of_bad_files_never_crash(tmp_path, demo):
    folder = tmp_path / "class"
    shutil.copytree(demo, folder)
    (folder / "empty.json").write_bytes(b"")
    (folder / "list.json").write_text("[1, 2]")
    (folder / "picture.json").write_bytes(b"\x89PNG\r\n\x1a\n\xff\xfe")
    (folder / "huge.json").write_bytes(b" " * 1_000_001)
    good = json.loads((folder / "class-results-ben.json").read_text())
    (folder / "future.json").write_text(json.dumps(dict(good, version=99, learner="x1")))
    (folder / "tampered.json").write_text(json.dumps(dict(good, learner="x2", questions={"a/b": {"attempts": 0}})))
    (folder / "sub").mkdir()
    (folder / "sub" / "x.json").write_text("{")
    (folder / ".hidden.json").write_text("{")
    result = rollup_folder(folder)
    assert len(result.learners) == 30
    reasons = {s.file: s.reason for s in result.skipped}
    assert {"empty.json", "list.json", "picture.json", "huge.json", "future.json", "tampered.json"} <= set(reasons)
    assert "sub" not in reasons and ".hidden.json" not in reasons
    assert "version 99" in reasons["future.json"]
    assert "too large" in reasons["huge.json"]
    assert "attempts" in reasons["tampered.json"]


def test_percent_correct_matches_the_files_and_is_sorted_most_missed_first(demo):
    docs = [d for _, d in read_folder(demo)[0]]
    result = rollup(docs, all_banks())
    assert len(result.questions) == sum(len(b.questions) for b in all_banks())
    for stat in result.questions:
        answers = [d["questions"][stat.question] for d in docs if stat.question in d["questions"]]
        assert stat.answered == len(answers)
        assert stat.first_correct == sum(a["first_correct"] for a in answers)
    percents = [s.percent for s in result.questions if s.percent is not None]
    assert percents == sorted(percents) and percents[0] < 100


def test_completion_per_lesson_counts_learners(demo):
    docs = [d for _, d in read_folder(demo)[0]]
    result = rollup(docs, all_banks())
    for lesson, b in zip(result.lessons, all_banks()):
        ids = {b.full_id(q) for q in b.questions}
        answered = [len(ids & set(d["questions"])) for d in docs]
        assert (lesson.learners, lesson.started, lesson.completed) == (
            30, sum(n > 0 for n in answered), sum(n == len(ids) for n in answered))


def _doc(n, answers, exported="2026-01-01T10:00:00+00:00"):
    """An export for learner n: answers maps question id → (first answer as chosen ids, correct)."""
    p = empty_progress(f"learner-t{n}")
    p["attempts"] = [{"question": f"99-test/{q}", "lesson": "99-test", "chosen": c, "correct": ok,
                      "time": "2026-01-01T09:00:00+00:00"} for q, (c, ok) in answers.items()]
    return build_export(p, [BANK], f"L{n}", now=exported)


def test_misconceptions_name_the_wrong_answers_with_the_bank_feedback():
    docs = [_doc(1, {"q1": (["b"], False), "q2": (["a", "b"], False), "q3": (["true"], False),
                     "q4": (["1"], False), "q5": (["two", "one", "three", "four"], False)}),
            _doc(2, {"q1": (["b"], False), "q4": (["9"], False)}),
            _doc(3, {"q1": (["a"], True), "q4": (["3"], True)})]
    result = rollup(docs, [BANK])
    top = result.misconceptions[0]
    assert (top.question, top.picked, top.feedback, top.count, top.answered) == ("99-test/q1", "B", "fb", 2, 3)
    picked = {(m.question, m.picked): m for m in result.misconceptions}
    assert picked[("99-test/q2", "ticked: B")].feedback == "fb"
    assert ("99-test/q2", "left out: C") in picked
    assert picked[("99-test/q3", "True")].feedback == "No, it is false."
    assert picked[("99-test/q4", "too low (below 3 weeks)")].feedback == "too low"
    assert picked[("99-test/q4", "too high (above 3 weeks)")].feedback == "too high"
    assert picked[("99-test/q5", "TWO → ONE → THREE → FOUR")].feedback == "Not in order."
    # q2, q3 and q5 were all missed (0 %); ties keep bank order; then q1 and q4 (both 33 %)
    assert [s.question for s in result.questions] == ["99-test/q2", "99-test/q3", "99-test/q5", "99-test/q1",
                                                      "99-test/q4"]


def test_duplicates_keep_the_newest_export(tmp_path):
    old = _doc(1, {"q1": (["b"], False)}, exported="2026-01-01T09:00:00+00:00")
    new = _doc(1, {"q1": (["b"], False), "q3": (["false"], True)}, exported="2026-01-01T11:00:00+00:00")
    (tmp_path / "a.json").write_bytes(encode(new))
    (tmp_path / "b.json").write_bytes(encode(old))
    docs, skipped = read_folder(tmp_path)
    assert [n for n, _ in docs] == ["a.json"]
    assert [(s.file, "a.json" in s.reason) for s in skipped] == [("b.json", True)]


def test_questions_no_longer_in_the_banks_are_reported_not_counted():
    doc = _doc(1, {"q1": (["a"], True)})
    doc["questions"]["99-test/q99"] = {"attempts": 1, "first_correct": False, "now_correct": False,
                                       "first_chosen": ["zz"]}
    result = rollup([doc], [BANK])
    assert result.unknown_questions == ["99-test/q99"]
    assert all(m.question != "99-test/q99" for m in result.misconceptions)


def test_missing_folder_is_an_error_the_view_can_explain(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_folder(tmp_path / "nope")


def test_export_then_rollup_round_trip(tmp_path):
    """Learners answer real quizzes, hand in files through the backup view, the roll-up reads them back."""
    b = load_bank("01-physiology")
    folder = tmp_path / "handed-in"
    folder.mkdir()
    q = b.questions[0]                       # a single-choice question
    wrong = next(o.id for o in q.options if o.id not in q.correct_ids)
    outcomes = []
    for n in range(4):
        store = ProgressStore(tmp_path / f"learner{n}")
        quiz = Quiz(b, store)
        card = quiz.cards[0]
        first_right = n % 2 == 0
        card.choose(card.question.answer if first_right else wrong)
        card.check()
        outcomes.append(first_right)
        view = progress_backup(store)
        view.name.value = f"Learner {n}"
        doc = view.make_export()
        (folder / f"{n}.json").write_bytes(encode(doc))
    result = rollup_folder(folder)
    assert sorted(result.learners) == [f"Learner {n}" for n in range(4)]
    stat = next(s for s in result.questions if s.question == b.full_id(q))
    assert (stat.answered, stat.first_correct) == (4, sum(outcomes))
    first = next(l for l in result.lessons if l.lesson == b.lesson)
    assert (first.started, first.completed) == (4, 0)
    m = next(m for m in result.misconceptions if m.question == b.full_id(q))
    assert m.picked == next(o.text for o in q.options if o.id == wrong) and m.count == 2


def _review_doc(n, review_answers):
    """Learner n answered the final review: review_answers maps an original id → first try right?"""
    p = empty_progress(f"learner-r{n}")
    p["attempts"] = [{"question": f"05-review/{q}", "lesson": "05-review", "chosen": ["a"], "correct": ok,
                      "time": "2026-01-01T09:00:00+00:00"} for q, ok in review_answers.items()]
    return build_export(p, [BANK], f"R{n}", now="2026-01-01T10:00:00+00:00",
                        review=["99-test/q1", "99-test/q2", "99-test/q3"])


def test_the_final_review_score_is_exported_and_rolled_up_without_touching_lesson_scores():
    both = _review_doc(1, {"99-test/q1": True, "99-test/q2": False, "99-test/q3": True})
    one = _review_doc(2, {"99-test/q1": False})
    none = _review_doc(3, {})
    assert both["lessons"]["05-review"] == {"total": 3, "answered": 3, "first_try": 2, "now_correct": 2}
    assert one["lessons"]["05-review"]["answered"] == 1
    assert both["lessons"]["99-test"]["answered"] == 0          # review answers are not lesson answers
    assert not any(q.startswith("05-review") for q in both["questions"])
    result = rollup([both, one, none], [BANK])
    review = next(l for l in result.lessons if l.lesson == "05-review")
    assert (review.total, review.learners, review.started, review.completed) == (3, 3, 2, 1)
    assert review.first_try_percent == pytest.approx(100 * 2 / 6)
    assert result.unknown_questions == []


def test_a_missed_question_brought_back_outside_the_list_counts_in_the_review_score():
    doc = _review_doc(4, {"99-test/q1": True, "99-test/q5": False})
    assert doc["lessons"]["05-review"] == {"total": 4, "answered": 2, "first_try": 1, "now_correct": 1}


def test_demo_learners_who_finish_also_take_the_review(demo):
    result = rollup_folder(demo)
    review = next(l for l in result.lessons if l.lesson == "05-review")
    finished = next(l for l in result.lessons if l.lesson == "04-red-flags").started
    assert 0 < review.started <= finished and review.learners == 30
    assert 0 < review.first_try_percent < 100
