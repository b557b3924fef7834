"""The class-results page's per-question statistics, driven through the ClassResults widget: the demo class shows
the questions to look at with their most picked wrong answer and every question by goal; a small class, or a
question too few learners answered, says "too few to say"; the words come from content/class_stats.yaml."""

import re
from pathlib import Path

import pytest

from widgets.classroom import item_stats
from widgets.classroom.demo_results import write_demo
from widgets.content.load import load_class_stats_texts, load_course
from widgets.views.class_results import ClassResults
from widgets.views.html import text

ROOT = Path(__file__).resolve().parents[2]
WORDS = load_class_stats_texts()


@pytest.fixture(scope="module")
def demo_view(tmp_path_factory):
    view = ClassResults(write_demo(tmp_path_factory.mktemp("class"), learners=30))
    view.read()
    return view


def _row(html: str, question: str) -> str:
    """The table row of `question` in the goal tables (after the flagged table)."""
    tables = html.split("<details", 1)[1]
    return re.search(rf"<tr><td><code>{re.escape(question)}</code> .*?</tr>", tables).group(0)


def test_the_demo_class_shows_what_the_test_is_and_the_questions_to_look_at(demo_view):
    html = demo_view.item_stats.value
    result = demo_view.result
    assert WORDS.heading in html and "first try at every lesson question" in html
    flagged = [f for f in result.items if f.flags]
    assert flagged, "the demo class has questions to look at"
    assert any(f.wrong_pick for f in flagged)
    assert f"{WORDS.flagged.format(n=len(flagged))}</caption>" in html
    look = html.split("<details", 1)[0]
    for f in flagged:
        row = re.search(rf"<tr><td><code>{re.escape(f.question)}</code> .*?</tr>", look).group(0)
        pick = WORDS.no_wrong_pick
        if f.wrong_pick:
            pick = WORDS.wrong_pick.format(answer=f.wrong_pick, count=f.wrong_count)
        assert text(pick) in row
        for flag in f.flags:
            assert getattr(WORDS.flags, flag) in row
    assert all(f"<code>{f.question}</code>" not in look for f in result.items if not f.flags)


def test_every_question_is_listed_under_the_goal_it_checks(demo_view):
    html = demo_view.item_stats.value
    goals = load_course().goals
    captions = re.findall(r"<caption>Goal: (.*?)</caption>", html)
    assert captions == [text(g.text) for g in goals]  # the course's goal order
    tables = html.split("<details", 1)[1].split("<caption>")[1:]
    for goal, table in zip(goals, tables, strict=True):
        mine = {f.question for f in demo_view.result.items if f.goal == goal.id}
        assert set(re.findall(r"<code>(.*?)</code>", table)) == mine


def test_figures_shown_are_the_rollups_rounded(demo_view):
    f = next(f for f in demo_view.result.items if f.stats.enough and f.stats.discrimination is not None)
    row = _row(demo_view.item_stats.value, f.question)
    assert f"<td>{f.stats.facility:.0f}%</td><td>{f.stats.discrimination:.0f}</td>" in row


def test_a_question_fewer_than_20_answered_says_too_few_to_say_and_is_never_flagged(tmp_path):
    view = ClassResults(write_demo(tmp_path, learners=26))
    result = view.read()
    assert result.item_learners >= item_stats.MIN_LEARNERS
    few = [f for f in result.items if f.stats.learners < item_stats.MIN_LEARNERS]
    enough = [f for f in result.items if f.stats.learners >= item_stats.MIN_LEARNERS]
    assert few and enough
    for f in few:
        assert f.flags == ()
        row = _row(view.item_stats.value, f.question)
        assert WORDS.answered.format(n=f.stats.learners) in row and f"</td><td>{WORDS.too_few_cell}</td>" in row
    for f in enough:
        assert WORDS.too_few_cell not in _row(view.item_stats.value, f.question)


def test_a_class_of_fewer_than_20_gets_too_few_to_say_and_no_figures(tmp_path):
    view = ClassResults(write_demo(tmp_path, learners=12))
    result = view.read()
    html = view.item_stats.value
    assert result.item_learners < item_stats.MIN_LEARNERS
    assert WORDS.too_few.format(min=item_stats.MIN_LEARNERS, n=result.item_learners) in html
    assert "<table" not in html


def test_a_missing_folder_clears_the_section(tmp_path):
    view = ClassResults(write_demo(tmp_path / "class", learners=3))
    view.read()
    assert view.item_stats.value
    view.folder.value = str(tmp_path / "nothing-here")
    view.read()
    assert view.item_stats.value == ""


def test_the_page_the_guide_and_the_readme_say_the_thresholds_the_flags_use(demo_view):
    easy, hard, least = f"{item_stats.TOO_EASY:g}%", f"{item_stats.TOO_HARD:g}%", str(item_stats.MIN_LEARNERS)
    for said in (
        demo_view.item_stats.value,
        (ROOT / "lessons/instructor/guide.md").read_text(),
        (ROOT / "README.md").read_text(),
    ):
        assert f"{easy} or more" in said and f"{hard} or less" in said and f"fewer than {least} learners" in said
