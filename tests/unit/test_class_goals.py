"""The before/after checks in results files (export version 3) and the class figures per goal
(widgets/classroom/goals.py): regrading, matched learners, Hake's class gain and its edge cases, the CSV."""

from __future__ import annotations

import csv
import io
import json

import pytest

from widgets.classroom import goals, rollup
from widgets.classroom.export import ExportFormatError, build_export, check_export
from widgets.content.load import all_banks, check_hashes, check_questions, goal_questions, load_course

GOALS = [g.id for g in load_course().goals]
CHECK_GOALS = {q: v[1].goal for q, v in check_questions().items()}


def check_attempts(lesson: str, right: dict[str, int]) -> list[dict]:
    """Answers to every question of one check: per goal, `right[goal]` of its two questions right (default 0)."""
    out, done = [], dict.fromkeys(GOALS, 0)
    for qid, (check, q) in check_questions().items():
        if check != lesson:
            continue
        ok = done[q.goal] < right.get(q.goal, 0)
        done[q.goal] += 1
        chosen = q.answer if ok else next(o.id for o in q.options if o.id != q.answer)
        out.append(
            {
                "question": qid,
                "lesson": lesson,
                "chosen": [chosen],
                "correct": ok,
                "time": "2026-12-01T09:00:00+00:00",
                "hash": check_hashes()[qid],
            }
        )
    return out


def results_file(n: int, before: dict[str, int] | None, after: dict[str, int] | None) -> tuple[str, dict]:
    attempts = (check_attempts("check-before", before) if before is not None else []) + (
        check_attempts("check-after", after) if after is not None else []
    )
    doc = build_export({"learner": f"learner-{n:016x}", "attempts": attempts}, all_banks(), f"L{n}")
    return f"f{n:02d}.json", json.loads(json.dumps(doc))


def class_of(*learners: tuple[dict[str, int] | None, dict[str, int] | None]) -> goals.ClassGoals:
    files = [results_file(n, b, a) for n, (b, a) in enumerate(learners)]
    graded, skipped = rollup.grade_files(files, all_banks())
    assert not skipped
    return goals.class_goals(graded, GOALS, goal_questions(), CHECK_GOALS)


def row(result: goals.ClassGoals, goal: str) -> goals.GoalRow:
    return next(r for r in result.goals if r.goal == goal)


def test_a_results_file_keeps_the_check_answers_apart_from_every_lesson_score():
    _, doc = results_file(1, {"what-a-twitch-is": 2}, {})
    assert doc["version"] == 3
    assert len(doc["checks"]) == 20 and not doc["questions"]  # no lesson answer, no lesson score from the checks
    assert all(v["answered"] == 0 for v in doc["lessons"].values())
    graded = rollup.grade_files([("f.json", doc)], all_banks())[0][0]
    assert sum(graded.checks.values()) == 2 and graded.answers == {}


def test_an_old_version_2_file_still_reads_and_simply_has_no_checks():
    _, doc = results_file(1, None, None)
    old = {k: v for k, v in doc.items() if k != "checks"} | {"version": 2}
    assert check_export(old) is old
    graded = rollup.grade_files([("old.json", old)], all_banks())[0][0]
    assert graded.checks == {}
    with pytest.raises(ExportFormatError, match="version 2 file has no checks"):
        check_export(old | {"checks": {}})
    with pytest.raises(ExportFormatError, match="versions 2 to 3"):
        check_export(doc | {"version": 4})


def test_a_check_answer_to_another_version_is_not_counted():
    _, doc = results_file(1, {"what-a-twitch-is": 2}, None)
    first = next(iter(doc["checks"]))
    doc["checks"][first]["hash"] = "0" * 16
    graded = rollup.grade_files([("f.json", doc)], all_banks())[0][0]
    assert first not in graded.checks and len(graded.checks) == 9


def test_class_gain_over_matched_learners_only():
    # five learners did both checks; one more did only the first and is left out of every figure of the goal
    both = [({"foot-causes": b}, {"foot-causes": a}) for b, a in [(0, 2), (1, 2), (0, 1), (1, 1), (0, 2)]]
    result = class_of(*both, ({"foot-causes": 0}, None))
    r = row(result, "foot-causes")
    assert (r.before_done, r.after_done, r.matched, r.enough) == (6, 5, 5, True)
    # by hand: before 0, 50, 0, 50, 0 → 20 %; after 100, 100, 50, 50, 100 → 80 %; <g> = (80 - 20) / (100 - 20)
    assert (r.gain.pre_mean, r.gain.post_mean) == (20.0, 80.0)
    assert r.gain.gain == pytest.approx(0.75)


def test_pre_mean_of_100_gives_no_gain():
    result = class_of(*[({"warning-signs": 2}, {"warning-signs": 1})] * 5)
    r = row(result, "warning-signs")
    assert r.gain.pre_mean == 100.0 and r.gain.gain is None and r.enough


def test_missing_after_check_and_one_learner_give_no_figure():
    nobody = class_of(({"what-a-twitch-is": 1}, None))
    r = row(nobody, "what-a-twitch-is")
    assert (r.before_done, r.after_done, r.gain, r.matched, r.enough) == (1, 0, None, 0, False)
    one = class_of(({"what-a-twitch-is": 1}, {"what-a-twitch-is": 2}))
    r = row(one, "what-a-twitch-is")
    assert r.matched == 1 and not r.enough  # computed, but the page shows "too few to say" under 5
    assert r.gain.gain == pytest.approx(1.0) and r.gain.pre_spread == 0.0


def test_the_csv_has_one_row_per_learner_and_goal_and_quotes_formulas():
    files = [results_file(1, {"foot-causes": 1}, {"foot-causes": 2})]
    files[0][1]["name"] = "=HYPERLINK(1)"
    graded, _ = rollup.grade_files(files, all_banks())
    text = goals.csv_text(goals.class_goals(graded, GOALS, goal_questions(), CHECK_GOALS))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(GOALS) and rows[0]["name"] == "'=HYPERLINK(1)"
    foot = next(r for r in rows if r["goal"] == "foot-causes")
    assert (foot["before_right"], foot["before_total"], foot["after_right"], foot["after_total"]) == (
        "1",
        "2",
        "2",
        "2",
    )
    # before: 1 of 2 → Familiar; now: no lesson answers, the after-check's 2 of 2 → Proficient (Mastered needs 4)
    assert (foot["band_before"], foot["band_now"], foot["first_tries"]) == ("familiar", "proficient", "2")
