"""The class roll-up: 30 learners' files, regraded against the bank, with bad and hostile files beside them."""

import json
import shutil

import pytest

from tests.helpers import bank, multiple, numeric, ordering, single, truefalse
from tests.quiz_driver import answer
from widgets.classroom.demo_results import main as demo_main
from widgets.classroom.demo_results import write_demo
from widgets.classroom.export import ExportFormatError, build_export, check_export, encode
from widgets.classroom.rollup import read_folder, rollup, rollup_folder
from widgets.content.content_hash import question_hash
from widgets.content.load import all_banks, load_bank, load_review
from widgets.engine.grading import grade
from widgets.store.progress import ProgressStore
from widgets.views.backup import progress_backup
from widgets.views.quiz import Quiz

BANK = bank(single("q1"), multiple("q2"), truefalse("q3"), numeric("q4"), ordering("q5"), lesson="99-test")


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return write_demo(tmp_path_factory.mktemp("class"), learners=30, seed=3)


def test_thirty_learners_are_read_and_the_bad_files_listed(demo):
    files, skipped = read_folder(demo)
    assert len(files) == 31  # 30 learners, one of whom handed in an earlier file too
    reasons = {s.file: s.reason for s in skipped}
    assert set(reasons) == {"class-results-broken.json", "progress.json", "notes.txt"}
    assert "not valid JSON" in reasons["class-results-broken.json"]
    assert "progress file" in reasons["progress.json"]
    assert "not a .json file" in reasons["notes.txt"]


def _all_thirty(demo):
    """The demo's files with Ada's later file picked: (roll-up, the 30 documents counted)."""
    files = read_folder(demo)[0]
    ada = next(d["learner"] for n, d in files if n == "class-results-ada-old-copy.json")
    newest = next(n for n, d in files if d["learner"] == ada and n != "class-results-ada-old-copy.json")
    result = rollup_folder(demo, picks={ada: newest})
    return result, [d for n, d in files if n != "class-results-ada-old-copy.json"]


def test_honest_files_regrade_to_their_own_marks_and_are_not_flagged(demo):
    result, docs = _all_thirty(demo)
    assert len(result.learners) == 30 and result.flagged == []
    for stat in result.questions:
        answers = [d["questions"][stat.question] for d in docs if stat.question in d["questions"]]
        assert stat.answered == len(answers)
        assert stat.first_correct == sum(a["first_correct"] for a in answers)


def test_percent_correct_is_sorted_most_missed_first(demo):
    result = rollup_folder(demo)
    assert len(result.questions) == sum(len(b.questions) for b in all_banks())
    percents = [s.percent for s in result.questions if s.percent is not None]
    assert percents == sorted(percents) and percents[0] < 100


def test_completion_per_lesson_counts_learners(demo):
    result, docs = _all_thirty(demo)
    for lesson, b in zip(result.lessons, all_banks(), strict=False):
        ids = set(b.full_ids())
        answered = [len(ids & set(d["questions"])) for d in docs]
        assert (lesson.learners, lesson.started, lesson.completed) == (
            30,
            sum(n > 0 for n in answered),
            sum(n == len(ids) for n in answered),
        )


def _doc(n, answers, exported="2026-01-01T10:00:00+00:00", name=None, review=()):
    """A results file of learner n: answers maps a question id to its answers (chosen ids), in order."""
    attempts = []
    for q, tries in answers.items():
        for chosen in tries:
            original = BANK.question(q.split("/")[-1])
            answer = chosen[0] if original.type in ("single", "truefalse", "numeric") else chosen
            attempts.append(
                {
                    "question": q if "/" in q else f"99-test/{q}",
                    "lesson": "05-review" if q.startswith("05-review/") else "99-test",
                    "chosen": chosen,
                    "correct": grade(original, answer).correct,
                    "time": "2026-01-01T09:00:00+00:00",
                    "hash": question_hash(original),
                }
            )
    progress = {"learner": f"learner-{n:016x}", "attempts": attempts}
    return build_export(progress, [BANK], name or f"L{n}", now=exported, review=review)


def _files(*docs):
    return [(f"{n}.json", d) for n, d in enumerate(docs)]


def test_misconceptions_name_the_wrong_answers_with_the_bank_feedback():
    docs = [
        _doc(
            1,
            {
                "q1": [["b"]],
                "q2": [["a", "b"]],
                "q3": [["true"]],
                "q4": [["1"]],
                "q5": [["two", "one", "three", "four"]],
            },
        ),
        _doc(2, {"q1": [["b"]], "q4": [["9"]]}),
        _doc(3, {"q1": [["a"]], "q4": [["3"]]}),
    ]
    result = rollup(_files(*docs), [BANK])
    top = result.misconceptions[0]
    # the misconception is the option's why_not: what a learner sees after picking it on a first try
    assert (top.question, top.picked, top.feedback, top.count, top.answered) == ("99-test/q1", "B", "wb", 2, 3)
    picked = {(m.question, m.picked): m for m in result.misconceptions}
    assert picked[("99-test/q2", "ticked: B")].feedback == "wb"
    assert ("99-test/q2", "left out: C") in picked
    assert picked[("99-test/q3", "True")].feedback == "No, it is false."
    assert picked[("99-test/q4", "too low (below 3 weeks)")].feedback == "too low"
    assert picked[("99-test/q4", "too high (above 3 weeks)")].feedback == "too high"
    assert picked[("99-test/q5", "TWO → ONE → THREE → FOUR")].feedback == "Not in order."
    # q2, q3 and q5 were all missed (0 %); ties keep bank order; then q1 and q4 (both 33 %)
    assert [s.question for s in result.questions] == [
        "99-test/q2",
        "99-test/q3",
        "99-test/q5",
        "99-test/q1",
        "99-test/q4",
    ]
    assert result.flagged == []


def test_self_reported_marks_and_totals_are_regraded_and_the_file_flagged():
    """Issue 12: self-reported totals moved the review row to 10000 questions / 100 %."""
    honest = _doc(1, {"q1": [["b"]], "q3": [["true"]]}, review=["99-test/q1"])
    forged = json.loads(encode(honest))
    for entry in forged["questions"].values():
        entry["first_correct"] = entry["now_correct"] = True  # claims every answer was right
    forged["lessons"]["99-test"] = {"total": 300, "answered": 300, "first_try": 300, "now_correct": 300}
    forged["lessons"]["05-review"] = {"total": 300, "answered": 300, "first_try": 300, "now_correct": 300}
    forged["lessons"]["77-invented"] = {"total": 9, "answered": 9, "first_try": 9, "now_correct": 9}
    result = rollup([("forged.json", forged)], [BANK], review=["99-test/q1"])
    lesson = next(l for l in result.lessons if l.lesson == "99-test")
    assert (lesson.total, lesson.started, lesson.first_try_percent) == (5, 1, 0.0)
    review = next(l for l in result.lessons if l.lesson == "05-review")
    assert (review.total, review.started, review.first_try_percent) == (1, 0, None)
    assert {s.question: s.first_correct for s in result.questions}["99-test/q1"] == 0
    assert [h.file for h in result.flagged] == ["forged.json"]
    flags = " ".join(result.flagged[0].flags)
    assert "marks that disagree" in flags and "99-test/q1" in flags and "a score for 99-test" in flags
    assert "a score for 05-review" in flags and "77-invented" not in flags  # lessons not in the course ignored
    big = dict(
        forged, lessons={"99-test": {"total": 10000, "answered": 10000, "first_try": 10000, "now_correct": 10000}}
    )
    with pytest.raises(ExportFormatError, match="less than or equal to 300"):
        check_export(big)


def test_forged_file_with_a_classmates_code_and_far_future_date_no_longer_hides_the_classmate(tmp_path):
    """Issue 12: the newest `exported` won, so a forged file made the classmate disappear as a 'duplicate'."""
    ben = _doc(7, {"q1": [["b"], ["a"]], "q3": [["false"]]}, name="Ben")
    forged = json.loads(encode(ben))
    forged.update(
        name="Ben",
        exported="9999-12-31T23:59:59+00:00",
        questions={"99-test/q1": dict(ben["questions"]["99-test/q1"], first_chosen=["zz"])},
    )
    (tmp_path / "class-results-ben.json").write_bytes(encode(ben))
    (tmp_path / "class-results-ben-2.json").write_text(json.dumps(forged))
    result = rollup_folder(tmp_path, [BANK], review=[])
    assert result.skipped == [] and result.learners == []  # neither counts until the teacher picks
    [dup] = result.duplicates
    assert dup.learner == ben["learner"] and dup.picked is None
    assert [h.file for h in dup.files] == ["class-results-ben-2.json", "class-results-ben.json"]
    forged_file = dup.files[0]
    assert any("in the future (9999-12-31)" in f for f in forged_file.flags)
    assert any("not among the question's options" in f for f in forged_file.flags)
    assert forged_file.answered == 0 and dup.files[1].answered == 2
    picked = rollup_folder(tmp_path, [BANK], review=[], picks={ben["learner"]: "class-results-ben.json"})
    assert picked.learners == ["Ben"] and picked.duplicates[0].picked == "class-results-ben.json"
    stat = {s.question: s for s in picked.questions}["99-test/q1"]
    assert (stat.answered, stat.first_correct) == (1, 0)


def test_answers_to_an_older_version_of_a_question_are_listed_not_regraded():
    doc = _doc(1, {"q1": [["a"]], "q3": [["false"]]})
    doc["questions"]["99-test/q1"]["hash"] = "0" * 16  # answered before q1 was rewritten
    result = rollup(_files(doc), [BANK])
    stats = {s.question: s for s in result.questions}
    assert (stats["99-test/q1"].answered, stats["99-test/q1"].older) == (0, 1)
    assert (stats["99-test/q3"].answered, stats["99-test/q3"].first_correct) == (1, 1)
    assert result.flagged == []  # the lesson's totals are not compared


def test_questions_and_lessons_not_in_the_course_are_ignored():
    doc = _doc(1, {"q1": [["a"]]})
    doc["questions"]["99-test/q99"] = dict(doc["questions"]["99-test/q1"])
    doc["questions"]["42-gone/q1"] = dict(doc["questions"]["99-test/q1"])
    doc["lessons"]["42-gone"] = {"total": 1, "answered": 1, "first_try": 1, "now_correct": 1}
    result = rollup(_files(doc), [BANK])
    assert result.unknown_questions == ["42-gone/q1", "99-test/q99"]
    assert [l.lesson for l in result.lessons] == ["99-test"]
    assert all(m.question.startswith("99-test/q") and m.question != "99-test/q99" for m in result.misconceptions)
    assert result.flagged == []


def test_duplicates_are_shown_side_by_side_and_count_once_picked(tmp_path):
    old = _doc(1, {"q1": [["b"]]}, exported="2026-01-01T09:00:00+00:00")
    new = _doc(1, {"q1": [["b"]], "q3": [["false"]]}, exported="2026-01-01T11:00:00+00:00")
    other = _doc(2, {"q1": [["a"]]})
    result = rollup([("a.json", new), ("b.json", old), ("c.json", other)], [BANK])
    assert result.learners == ["L2"] and [h.file for h in result.duplicates[0].files] == ["a.json", "b.json"]
    assert [(h.answered, h.first_try) for h in result.duplicates[0].files] == [(2, 1), (1, 0)]
    picked = rollup([("a.json", new), ("b.json", old), ("c.json", other)], [BANK], picks={old["learner"]: "b.json"})
    assert picked.learners == ["L1", "L2"]
    stray = rollup([("a.json", new), ("b.json", old)], [BANK], picks={old["learner"]: "nope.json"})
    assert stray.learners == [] and stray.duplicates[0].picked is None


def test_missing_folder_is_an_error_the_view_can_explain(tmp_path):
    with pytest.raises(FileNotFoundError):
        read_folder(tmp_path / "nope")


def test_export_then_rollup_round_trip(tmp_path):
    """Learners answer real quizzes, hand in files through the backup view, the roll-up reads them back."""
    b = load_bank("01-physiology")
    folder = tmp_path / "handed-in"
    folder.mkdir()
    q = b.questions[0]  # a single-choice question
    wrong = next(o.id for o in q.options if o.id not in q.correct_ids)
    outcomes = []
    for n in range(4):
        store = ProgressStore(tmp_path / f"learner{n}")
        quiz = Quiz(b, store)
        card = quiz.cards[0]
        first_right = n % 2 == 0
        answer(quiz, 0, card.question.answer if first_right else wrong)
        outcomes.append(first_right)
        view = progress_backup(store)
        view.name.value = f"Learner {n}"
        doc = view.make_export()
        (folder / f"{n}.json").write_bytes(encode(doc))
    result = rollup_folder(folder)
    assert sorted(result.learners) == [f"Learner {n}" for n in range(4)] and result.flagged == []
    stat = next(s for s in result.questions if s.question == b.full_id(q))
    assert (stat.answered, stat.first_correct) == (4, sum(outcomes))
    first = next(l for l in result.lessons if l.lesson == b.lesson)
    assert (first.started, first.completed) == (4, 0)
    m = next(m for m in result.misconceptions if m.question == b.full_id(q))
    assert m.picked == next(o.text for o in q.options if o.id == wrong) and m.count == 2


def test_the_final_review_is_regraded_without_touching_lesson_scores():
    listed = ["99-test/q1", "99-test/q2", "99-test/q3"]
    both = _doc(
        1,
        {"05-review/99-test/q1": [["a"]], "05-review/99-test/q2": [["a"]], "05-review/99-test/q3": [["false"]]},
        review=listed,
    )
    one = _doc(2, {"05-review/99-test/q1": [["b"]]}, review=listed)
    none = _doc(3, {}, review=listed)
    assert both["lessons"]["05-review"] == {"total": 3, "answered": 3, "first_try": 2, "now_correct": 2}
    assert both["lessons"]["99-test"]["answered"] == 0  # review answers are not lesson answers
    result = rollup(_files(both, one, none), [BANK], review=listed)
    review = next(l for l in result.lessons if l.lesson == "05-review")
    assert (review.total, review.learners, review.started, review.completed) == (3, 3, 2, 1)
    assert review.first_try_percent == pytest.approx(100 * 2 / 6)
    assert result.unknown_questions == [] and result.flagged == []


def test_a_missed_question_brought_back_outside_the_list_counts_in_the_review_score():
    doc = _doc(
        4,
        {"05-review/99-test/q1": [["a"]], "05-review/99-test/q5": [["two", "one", "three", "four"]]},
        review=["99-test/q1"],
    )
    assert doc["lessons"]["05-review"] == {"total": 2, "answered": 2, "first_try": 1, "now_correct": 1}
    review = next(l for l in rollup(_files(doc), [BANK], review=["99-test/q1"]).lessons if l.lesson == "05-review")
    assert (review.total, review.started, review.completed, review.first_try_percent) == (2, 1, 1, 50.0)


def test_demo_learners_who_finish_also_take_the_review(demo):
    result = rollup_folder(demo)
    review = next(l for l in result.lessons if l.lesson == "05-review")
    finished = next(l for l in result.lessons if l.lesson == "04-red-flags").started
    assert 0 < review.started <= finished and review.learners == 29  # Ada waits for the teacher's pick
    assert 0 < review.first_try_percent < 100
    assert review.total == len(load_review().questions)


def test_demo_writes_never_follow_a_planted_link(tmp_path, capsys):
    """Issue 12: a planted symlink at the demo folder's fixed path made the demo overwrite the file it points to."""
    victim = tmp_path / "victim.txt"
    victim.write_text("keep me")
    folder = tmp_path / "demo"
    folder.mkdir()
    (folder / "notes.txt").symlink_to(victim)
    with pytest.raises(FileExistsError):
        write_demo(folder, learners=2)
    assert victim.read_text() == "keep me"
    with pytest.raises(SystemExit, match="1"):
        demo_main([str(folder), "--learners", "2"])  # the command line says so in words
    assert "is already in" in capsys.readouterr().err
    fresh = [write_demo(learners=1, bad_files=False) for _ in range(2)]  # no folder: a new private one each time
    try:
        assert fresh[0] != fresh[1]
        assert all(f.stat().st_mode & 0o777 == 0o700 and f.name.startswith("class-results-demo-") for f in fresh)
    finally:
        for f in fresh:
            shutil.rmtree(f)
