"""The teacher's guide: a 45-minute plan that adds up, homework at the computed times, the sections a
teacher needs (story notes, safeguarding, FAQ with sources, no-computer plan), and links that work."""

import itertools
import re
from pathlib import Path

import pytest

from tests.content.test_readability import grade
from tests.course_text import plain
from widgets.content.load import load_course
from widgets.content.timings import time_course

LESSONS = Path(__file__).parents[2] / "lessons"
GUIDE = LESSONS / "instructor" / "guide.md"
CHECKLIST = LESSONS / "instructor" / "review-checklist.md"


def guide() -> str:
    return GUIDE.read_text(encoding="utf-8")


def section(title: str) -> str:
    parts = guide().split(f"\n## {title}", 1)
    assert len(parts) == 2, f"the guide has no section {title!r}"
    return parts[1].split("\n## ", 1)[0]


def slots(text: str) -> list[tuple[int, int]]:
    found = re.findall(r"^\| (\d):(\d\d)–(\d):(\d\d) \|", text, flags=re.M)
    return [(int(a) * 60 + int(b), int(c) * 60 + int(d)) for a, b, c, d in found]


def test_guide_links_point_at_real_files():
    targets = re.findall(r"\]\(([^)#]+)\)", guide())
    assert targets
    for target in targets:
        assert (GUIDE.parent / target).exists(), target


def test_the_45_minute_plan_adds_up_and_keeps_the_warning_signs_in_class():
    plan = section("A 45-minute class")
    in_class = plan.split("**Homework**", 1)[0]
    minutes = slots(in_class)
    assert minutes and minutes[0][0] == 0 and minutes[-1][1] == 45
    assert all(start < end for start, end in minutes)
    assert all(end == nxt for (_, end), (nxt, _) in itertools.pairwise(minutes))  # no gaps, no overlaps
    assert in_class.count("**Pause:**") >= 4  # the note that explains it, then three pauses
    assert "04_red_flags.ipynb" in in_class


def test_every_lesson_is_in_class_or_homework_and_homework_shows_computed_minutes():
    plan = section("A 45-minute class")
    in_class, homework = plan.split("**Homework**", 1)
    computed = {t.notebook: t.minutes for t in time_course(LESSONS)}
    rows = dict(re.findall(r"^\| \[`([\w.]+)`\].*\| (\d+) min \|$", homework, flags=re.M))
    assert rows, "no homework table"
    for lesson in load_course().lessons:
        assert lesson.notebook in in_class or lesson.notebook in rows, lesson.notebook
    for notebook, minutes in rows.items():
        assert int(minutes) == computed[notebook], notebook
    assert "cannot hold the whole course" in plan.split("|", 1)[0]  # says so honestly


def test_prompt_a_calls_a_fist_a_chosen_movement_not_a_cramp():
    prompt = re.search(r"- \*\*A \(lesson 1\):\*\*(.*?)\n- \*\*B", section("Discussion prompts"), re.S).group(1)
    assert "fist" in prompt and "not a cramp" in prompt and "chosen" in prompt
    assert "cramp-like" not in prompt


def test_story_notes_point_to_the_key_and_teach_reasons_and_caution():
    notes = section("Practice stories: key and teaching notes")
    assert "](answer_key.md)" in notes
    for idea in (
        "reason",
        "never marks a more careful choice as wrong",
        "Never diagnose a classmate",
        "999 / 112 / 911",
    ):
        assert idea in notes, idea
    for tier in ("emergency", "urgent care", "same day", "book a visit", "no warning signs"):
        assert tier in notes.lower(), tier


def test_story_notes_do_not_praise_calling_the_emergency_number_without_a_sign_on_the_list():
    """Issue 23 item 8: the stories no longer praise caution ("Getting help is never a mistake"); nor does the guide,
    which says what the number is for, without making anyone afraid to call for a sign on the list."""
    notes = " ".join(section("Practice stories: key and teaching notes").split())
    assert "Praise caution" not in notes and "never a mistake" not in notes
    assert "does not praise it" in notes and "a sign on that list or a life in danger" in notes
    assert "a sign on the list that is happening now always means call" in notes


@pytest.mark.parametrize(
    "situation, action",
    [
        ("has a sign from the **emergency list now**", "999 / 112 / 911"),
        ("happened **before today**", "urgent appointment"),
        ("gets an **emergency** answer", "Before today"),
        ("is **hurt**", "first aider now"),
        ("gets a **same-day** answer", "parents or carers today"),
        ("tells you about a symptom", "Do not say what it is"),
        ("is worried or upset", "rarely serious"),
        ("not safe", "DSL"),
    ],
)
def test_safeguarding_plan_covers_each_situation(situation, action):
    plan = section("Safeguarding plan")
    row = next((line for line in plan.splitlines() if situation in line), None)
    assert row and action in row, situation
    assert "designated safeguarding lead" in plan


@pytest.mark.parametrize(
    "question, sources",
    [
        ("Is it ALS / motor neurone disease?", ["NHS", "NINDS"]),
        ("Eye twitches", ["NHS", "MedlinePlus"]),
        ("Night cramps", ["NHS", "MedlinePlus"]),
    ],
)
def test_faq_answers_name_their_sources(question, sources):
    faq = section("Background and FAQ for the teacher")
    answer = faq.split(question, 1)[1].split("\n- **", 1)[0]
    for s in sources:
        assert s in answer, (question, s)


def test_plan_for_when_computers_fail_has_a_running_order_without_widgets():
    fallback = section("When computers fail")
    assert "print" in fallback.lower() and "999 / 112 / 911" in fallback
    order = re.findall(r"^\d\. (\d):(\d\d)–(\d):(\d\d):", fallback, flags=re.M)
    assert order and order[0][:2] == ("0", "00") and order[-1][2:] == ("0", "45")


def test_emergency_numbers_are_written_one_way():
    for path in (GUIDE, CHECKLIST):
        text = path.read_text(encoding="utf-8")
        assert "999 / 112 / 911" in text
        assert not re.search(r"999,? (or )?911|911,? (or )?112|112,? (or )?999", text), path.name


def test_teacher_files_read_plainly(textstat):
    for path in (GUIDE, CHECKLIST):
        assert grade(textstat, plain(path.read_text(encoding="utf-8"))) <= 9.0, path.name


def test_guide_documents_the_teacher_switch_with_the_names_the_code_reads():
    """Issue 23: the switch a teacher or hub admin sets is documented under the names personal_check.py reads."""
    from widgets.classroom import personal_check as classroom

    part = section("The self-check in class")
    assert f"`{classroom.KEY} = false`" in part and "`[tool.foot-twitch-lessons]`" in part
    assert f"`{classroom.ENV}=off`" in part and "widgets/settings.toml" in part
    assert "explore mode and the practice stories" in part and "At home or in private" in part
    assert "lesson 0" in part and "999 / 112 / 911" in part


def test_guide_covers_a_sign_that_passed_who_calls_plans_and_a_quiet_word():
    """Issue 23 item 7 and 10: NHS TIA (call even if it went away today; before today, an urgent GP),
    the teacher calls in class, healthcare plans first, a quiet word about stroke, cauda equina for review."""
    text = GUIDE.read_text(encoding="utf-8")
    plan = section("Safeguarding plan")
    assert "even if it has gone" in plan and "urgent appointment with a GP" in plan
    assert "You or the first aider call **999 / 112 / 911**" in plan and "the learner does not have to" in plan
    assert "family has had a stroke" in plan and "healthcare plan" in plan and "follow their" in plan
    assert "If it was in the past, get the school nurse now" not in text  # the old rule for a passed sign
    assert "Cauda equina" in text and "clinical reviewer" in text
    assert "Sudden means now" not in text and "emergency list" in section("Practice stories: key and teaching notes")
