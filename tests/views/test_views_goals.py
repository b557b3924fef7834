"""The before/after checks (views/checks.py), the learner's goal view (views/goals.py) and the class page's goal
section (views/class_goals.py), driven as widget objects."""

from __future__ import annotations

import csv
import io
import re

import pytest

from tests.unit.test_class_goals import results_file
from widgets.classroom import rollup
from widgets.classroom.demo_results import write_demo
from widgets.content.load import all_banks, check_hashes, load_checks
from widgets.store.progress import ProgressStore
from widgets.views.checks import after_check, before_check
from widgets.views.class_goals import ClassGoalsSection
from widgets.views.class_results import ClassResults
from widgets.views.goals import my_goals
from widgets.views.progress import lesson_scores


@pytest.fixture
def store(tmp_path):
    return ProgressStore(tmp_path / "learner")


def text(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_the_before_check_says_it_is_not_a_test_and_shows_no_right_or_wrong(store):
    view = before_check(store)
    intro = view.children[1].value  # the notice comes first
    assert "This is not a test" in intro
    for q in view.check.questions:
        view.choose(q.id, next(o.id for o in q.options if o.id != q.answer))  # every answer wrong
    assert view.save()
    shown = text(view.status.value).lower()
    assert "saved" in shown and not re.search(r"\b(right|wrong|correct|score|\d+ of \d+)\b", shown)
    assert all(r.disabled for r in view.inputs.values()) and view.save_button.disabled


def test_check_answers_are_saved_with_their_hashes_and_stay_out_of_every_lesson_score(store):
    scores_before = lesson_scores(store)
    view = before_check(store)
    view.choose("b1", "small")
    assert not view.save()  # nine unanswered: said once, nothing saved yet
    assert "9 question(s)" in view.status.value and store.load()["attempts"] == []
    assert view.save()  # pressed again: kept as it is
    (a,) = store.load()["attempts"]
    assert (a["question"], a["lesson"], a["chosen"], a["correct"]) == (
        "check-before/b1",
        "check-before",
        ["small"],
        True,
    )
    assert a["hash"] == check_hashes()["check-before/b1"]
    assert lesson_scores(store) == scores_before
    again = before_check(ProgressStore(store.directory))  # reopened: the saved answer, locked
    assert again.inputs["b1"].value == "small" and again.inputs["b1"].disabled and again.inputs["b2"].value is None


def test_the_goal_view_shows_before_now_and_the_band_and_redraws_when_the_after_check_is_saved(store):
    before = before_check(store)
    for q in before.check.questions:
        before.choose(q.id, next(o.id for o in q.options if o.id != q.answer))
    before.save()
    goals = my_goals(store)
    assert [r.before.right for r in goals.results] == [0] * 5 and all(r.after is None for r in goals.results)
    assert "not done yet" in goals.table.value
    after = after_check(store)
    for q in after.check.questions:
        after.choose(q.id, q.answer)
    after.save()
    assert [(r.before.right, r.after.right, r.band) for r in goals.results] == [(0, 2, "proficient")] * 5
    shown = text(goals.table.value)
    assert "0 of 2" in shown and "2 of 2" in shown and "Proficient" in shown
    # not mastered: each goal names questions to go back to, by lesson title and question
    assert shown.count(load_checks().goal_view.revisit) == 5 and "In “What is a twitch?”: " in shown
    assert "see a healthcare professional" in shown


def test_the_class_page_shows_before_after_and_gain_per_goal_for_the_demo_class(tmp_path):
    view = ClassResults(write_demo(tmp_path / "class", learners=30, seed=5))
    view.read()
    section = view.goals
    assert section.layout.display is None and section.result is not None
    rows = re.findall(
        r"<tr><td>(.*?)</td><td>(\d+)</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td>", section.table.value
    )
    assert len(rows) == 5 and all(int(n) >= 5 for _, n, *_ in rows)
    gains = {name: float(g) for name, _, _, _, g in rows}
    assert gains["Causes in the foot"] < 0.3 < min(v for k, v in gains.items() if k != "Causes in the foot")
    fig = section.figure
    assert [t["name"] for t in fig["data"]] == ["Before", "After"] and len(fig["data"][0]["y"]) == 5
    assert "Causes in the foot: before" in section.alt.value  # the chart in words
    table = list(csv.DictReader(io.StringIO(section.csv)))
    assert len(table) == 5 * len(section.result.learners) and 'download="class-goals.csv"' in section.download.value
    # the lesson figures are the same as without the checks: no check id anywhere in them
    assert not any(s.question.startswith("check-") for s in view.result.questions)


def test_fewer_than_five_learners_or_a_pre_mean_of_100_show_no_figure():
    files = [results_file(n, {"warning-signs": 2}, {"warning-signs": 2}) for n in range(4)]
    graded, _ = rollup.grade_files(files, all_banks())
    section = ClassGoalsSection()
    section.update(graded, [])
    assert section.figure is None and "too few to say (4)" in section.table.value
    assert "fewer than 5 learners" in section.note.value
    graded, _ = rollup.grade_files([*files, results_file(9, {"warning-signs": 2}, {"warning-signs": 1})], all_banks())
    section.update(graded, [])
    row = re.search(r"<td>Warning signs</td><td>5</td><td>(.*?)</td><td>(.*?)</td><td>(.*?)</td>", section.table.value)
    assert row and row.group(1).startswith("100%") and row.group(3) == "—"
