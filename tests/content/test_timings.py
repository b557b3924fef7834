"""Lesson times are computed from the notebooks, and every place that states them agrees."""

from __future__ import annotations

import itertools
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from widgets.content import timings
from widgets.content.load import load_bank, load_course, load_review
from widgets.content.timings import Stated, TimingError, count_words, disagreements, time_course, time_notebook, write
from widgets.engine.cases import load_cases

ROOT = Path(__file__).parents[2]
LESSONS = ROOT / "lessons"


def notebook(path: Path, *cells: tuple[str, str]) -> Path:
    nb = nbformat.v4.new_notebook()
    nb.cells = [
        nbformat.v4.new_markdown_cell(src) if kind == "md" else nbformat.v4.new_code_cell(src) for kind, src in cells
    ]
    nbformat.write(nb, path)
    return path


def words(n: int) -> str:
    return " ".join(["word"] * n)


def test_count_words_leaves_out_markup_a_reader_does_not_read():
    md = (
        "## Two words\n\n<!-- slot:figure -->Read [this page](https://example.org/a-long-path) now, "
        "see https://www.nhs.uk/conditions/x/ and <b>bold</b>.\n```\ncode here\n```"
    )
    assert count_words(md) == 9  # Two words Read this page now see and bold


def test_a_notebook_is_timed_by_words_questions_stories_and_widgets(tmp_path):
    bank = load_bank("01-physiology")
    stories = len(load_cases().stories)
    nb = notebook(
        tmp_path / "x.ipynb",
        ("md", words(360)),
        ("code", 'from widgets import quiz\nquiz("01-physiology", questions=["q1", "q2"])'),
        ("code", 'from widgets import quiz\nquiz("01-physiology")'),
        ("code", "from widgets import case_stories\ncase_stories()"),
        ("code", "from widgets import selfcheck, motor_unit\nselfcheck()\nmotor_unit()"),
        ("md", words(120)),
    )
    t = time_notebook(nb)
    assert t.words == 480
    assert t.parts["reading"] == 480 / timings.WORDS_PER_MINUTE
    assert t.questions == 2 + len(bank.recap())  # a section check counts as well as the recap
    assert t.parts["questions"] == t.questions * timings.QUESTION_MINUTES
    assert t.stories == stories and t.parts["stories"] == stories * timings.STORY_MINUTES
    assert t.parts["self-check"] == timings.WIDGET_MINUTES["selfcheck"]
    assert t.parts["figures"] == timings.WIDGET_MINUTES["motor_unit"] and t.figures == 1
    assert t.exact == pytest.approx(sum(t.parts.values()))


def test_the_review_quiz_counts_every_review_question(tmp_path):
    nb = notebook(tmp_path / "r.ipynb", ("code", "from widgets import review_quiz\nreview_quiz()"))
    assert time_notebook(nb).questions == len(load_review().questions)


@pytest.mark.parametrize("exact, rounded", [(0.5, 5), (7.4, 5), (7.5, 10), (22.4, 20), (22.5, 25), (33.5, 35)])
def test_lesson_minutes_round_to_the_nearest_five_halves_up(exact, rounded):
    t = timings.LessonTime("x.ipynb")
    t.parts["reading"] = exact
    assert t.minutes == rounded


def test_an_unknown_widget_is_one_clear_error_naming_the_cell(tmp_path):
    nb = notebook(tmp_path / "u.ipynb", ("md", "Hi"), ("code", "from widgets import new_thing\nnew_thing()"))
    with pytest.raises(TimingError, match=r"u\.ipynb cell 2: no time set for widget new_thing\(\)"):
        time_notebook(nb)


def test_a_question_list_the_command_cannot_read_is_an_error_not_a_guess(tmp_path):
    nb = notebook(
        tmp_path / "v.ipynb", ("code", "from widgets import quiz\nIDS = ['q1']\nquiz('01-physiology', questions=IDS)")
    )
    with pytest.raises(TimingError, match=r"v\.ipynb cell 1: quiz\(\) needs its chosen ids written as a list"):
        time_notebook(nb)


def test_every_stated_time_agrees_with_the_computed_one():
    problems = disagreements(Stated(LESSONS))
    assert not problems, (
        "\n".join(problems) + "\nRun `python -m widgets.content.timings --write`, then "
        "`tools/nbclean.py`, and commit the result."
    )


def test_course_yaml_minutes_readme_table_and_plan_add_up():
    times = time_course(LESSONS)
    course = load_course()
    assert [l.minutes for l in course.lessons] == [t.minutes for t in times]
    total = sum(t.minutes for t in times)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"| **Whole course** | {total} min |" in readme
    plan = re.search(
        r"<!-- timings:plan.*?-->\n(.*?)<!-- /timings:plan -->", timings.GUIDE.read_text("utf-8"), re.S
    ).group(1)
    slots = [
        (int(a) * 60 + int(b), int(c) * 60 + int(d), int(m))
        for a, b, c, d, m in re.findall(r"^\| (\d+):(\d\d)–(\d+):(\d\d) \| .*\| (\d+) \|$", plan, flags=re.M)
    ]
    assert [m for _, _, m in slots] == [t.minutes for t in times]
    assert slots[0][0] == 0 and all(end - start == m for start, end, m in slots)
    assert all(end == nxt for (_, end, _), (nxt, _, _) in itertools.pairwise(slots))
    assert f"**{total}**" in plan and slots[-1][1] == total


@pytest.fixture
def repo_copy(tmp_path):
    """A copy of the lessons, course.yaml, README and guide that a test may change."""
    lessons = tmp_path / "lessons"
    shutil.copytree(LESSONS, lessons, ignore=shutil.ignore_patterns(".ipynb_checkpoints"))
    course = tmp_path / "course.yaml"
    course.write_text("# a comment that must survive\n" + timings.COURSE_YAML.read_text("utf-8"), "utf-8")
    readme = tmp_path / "README.md"
    shutil.copy(ROOT / "README.md", readme)
    return Stated(lessons, course, readme, lessons / "instructor" / "guide.md")


def test_write_fixes_every_stated_time_after_a_lesson_grows(repo_copy):
    s = repo_copy
    path = s.lessons_dir / "02_lifestyle_triggers.ipynb"
    before = time_notebook(path).minutes
    nb = nbformat.read(path, as_version=4)
    nb.cells.insert(3, nbformat.v4.new_markdown_cell(words(1200)))  # ten more minutes of reading
    nbformat.write(nb, path)
    assert time_notebook(path).minutes == before + 10
    problems = disagreements(s)
    assert {Path(p.split(":")[0]).name for p in problems} == {
        "course.yaml",
        "README.md",
        "guide.md",
        "00_start_here.ipynb",
        "02_lifestyle_triggers.ipynb",
    }
    changed = write(s)
    assert disagreements(s) == []
    assert {p.name for p in changed} >= {"course.yaml", "README.md", "guide.md", "02_lifestyle_triggers.ipynb"}
    course_text = s.course_yaml.read_text("utf-8")
    assert course_text.startswith("# a comment that must survive\n")
    assert re.search(rf"notebook: 02_lifestyle_triggers\.ipynb\n.*\n\s*minutes: {before + 10}\n", course_text)
    assert f"**Time:** about {before + 10} minutes" in nbformat.read(path, as_version=4).cells[0].source
    homework = re.search(r"^\| \[`02_lifestyle_triggers\.ipynb`\].*$", s.guide.read_text("utf-8"), re.M).group(0)
    assert homework.endswith(f"| {before + 10} min |")  # the guide's homework table too
    assert write(s) == []  # a second run changes nothing


def test_the_old_claims_disagree(repo_copy):
    """The course as it was (every lesson "15 minutes") fails the check."""
    s = repo_copy
    text = s.course_yaml.read_text("utf-8")
    s.course_yaml.write_text(re.sub(r"minutes: \d+", "minutes: 15", text), "utf-8")
    assert [p for p in disagreements(s) if "course.yaml" in p]


def test_the_command_prints_minutes_and_the_total(capsys):
    assert timings.main([str(LESSONS)]) == 0
    out = capsys.readouterr().out
    total = sum(t.minutes for t in time_course(LESSONS))
    assert "04_red_flags.ipynb" in out and re.search(rf"whole course .* {total}\s", out)


def test_the_command_names_a_missing_folder_and_changes_nothing(tmp_path, capsys):
    assert timings.main([str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "nowhere: no such folder" in err


def test_a_folder_without_the_lessons_is_one_clear_message(tmp_path, capsys):
    assert timings.main([str(tmp_path)]) == 2
    assert "no lesson notebook 00_start_here.ipynb" in capsys.readouterr().err
