"""Lessons 04 and 05 (issue 11): warning signs in four steps, weakness by what the foot cannot do, the
under-18 route, a sourced word about worry, retrieval practice (section checks, recap before the key
points, hints, feedback that teaches) and the review-date footer."""

import re
from pathlib import Path

import nbformat
import pytest

from tests.course_text import CONTENT, bank_strings
from widgets.content.load import load_bank
from widgets.engine.grading import grade

LESSONS = Path(__file__).parents[2] / "lessons"
L04, L05 = LESSONS / "04_red_flags.ipynb", LESSONS / "05_review.ipynb"
BANKS = ["04-red-flags", "05-review"]
NUMBERS = "999 / 112 / 911"
FOOTER = (
    "Last checked against sources: 2026-11-25",
    "Next check due: 2027-05-25",
    "Checked by the project team against the sources listed; not yet reviewed by a clinician.",
)


def cells(path):
    return nbformat.read(path, as_version=4).cells


def text(path) -> str:
    return " ".join(" ".join(c.source.split()) for c in cells(path) if c.cell_type == "markdown")


def section(path, heading: str) -> str:
    """The markdown cell whose first line starts with `heading`, as one line."""
    found = [c.source for c in cells(path) if c.cell_type == "markdown" and c.source.startswith(heading)]
    assert found, f"{path.name} has no cell starting with {heading!r}"
    return " ".join(found[0].split())


def own_strings() -> str:
    paths = [CONTENT / "questions" / f"{b}.yaml" for b in BANKS]
    return " ".join(" ".join(s.split()) for p in paths if p.exists() for s in bank_strings(p))


# -- item 2: weakness ----------------------------------------------------------------------------------
WRONG_ABOUT_REST = [
    r"true weakness does not\b",
    r"rest does not fix",
    r"stays even after rest",
    r"weakness (does not|doesn't|never) gets? better",
]


def test_weakness_is_what_the_foot_cannot_do_and_still_counts_if_it_comes_and_goes():
    for where, words in (("lesson 04", text(L04)), ("04 bank", own_strings())):
        for pattern in WRONG_ABOUT_REST:
            assert not re.search(pattern, words, re.I), f"{where}: {pattern}"
    weakness = section(L04, "## 2. Weakness")
    for move in ("lift the front of your foot", "walk on your heels", "stand on tiptoe"):
        assert move in weakness
    assert "comes and goes, or gets better with rest, **still counts**" in weakness


def test_q5_marks_weakness_that_gets_better_with_rest_as_still_counting():
    q5 = load_bank("04-red-flags").question("q5")
    assert "sleep" in q5.prompt and "still counts" in q5.prompt
    said_no = grade(q5, False)
    assert not said_no.correct and "still" in said_no.feedback[0] and "gets better with rest" in said_no.feedback[0]
    assert grade(q5, True).correct


# -- the four steps ------------------------------------------------------------------------------------
TIERS = [
    (
        f"The emergency list: call {NUMBERS} now",
        [
            "a face that droops",
            "an arm or a leg that suddenly goes weak",
            "an arm or a leg that suddenly goes numb",
            "trouble speaking or understanding",
            "sudden confusion or memory loss",
            "sudden trouble seeing",
            "sudden loss of balance",
            "the worst headache you have ever had",
            "struggling to breathe, much more than is usual for you",
            "new trouble swallowing",
            "weakness that spreads fast",
            "even if it has gone",
            'NHS, "Stroke: symptoms"',
            'NHS, "Transient ischaemic attack (TIA)"',
            'CDC, "Signs and symptoms',
            'NHS, "Guillain-Barré syndrome"',
        ],
    ),
    (
        "Hurt your foot, ankle or leg? Urgent care now",
        [
            "urgent treatment centre",
            "heard a crack",
            "odd angle",
            "numb, a strange colour (pale, blue or grey) or cold",
            "cannot take 4 steps on it",
            "Tell the first aider",
            'NHS, "Sprains and strains"',
            "NICE CKS",
        ],
    ),
    (
        "Urgent, today: a same-day doctor, or a health advice line (such as NHS 111 in England)",
        [
            "new weakness that came on over a day or a few days",
            "numbness or tingling that is spreading",
            "happened before today and went away",
        ],
    ),
    (
        "Book a visit",
        [
            "weakness that has lasted a while, or got weaker slowly over weeks",
            "slowly started to drag",
            "see a GP about foot drop",
            "more than 2 weeks",
            "several places",
            "stiffness",
            "a muscle getting smaller",
            "**numbness** that stays, in the sole or anywhere else in the foot or leg",
            "pain where it twitches, or pain that does not settle",
            "a medicine that may be causing it",
            "Never stop a prescribed medicine without asking the person who prescribed it",
            'NHS, "Twitching eyes and muscles"',
        ],
    ),
    ("None of these warning signs", ["everyday steps", "Come back to this list"]),
]


def test_lesson04_names_the_five_steps_most_urgent_first_with_their_signs_and_sources():
    steps = section(L04, "## 3. Which sign, which step")
    starts = [steps.index(title) for title, _ in TIERS]
    assert starts == sorted(starts), "the steps must come most urgent first"
    for (title, signs), start, end in zip(TIERS, starts, [*starts[1:], len(steps)], strict=False):
        part = steps[start:end]
        missing = [s for s in signs if s not in part]
        assert not missing, f"{title}: {missing}"


def test_emergency_numbers_are_written_one_way_everywhere():
    for where, words in (("lesson 04", text(L04)), ("lesson 05", text(L05)), ("banks", own_strings())):
        assert NUMBERS in words, where
        rest = words.replace(NUMBERS, "")
        assert not re.search(r"\b(999|112|911)\b", rest), f"{where}: an emergency number written another way"


def test_under_18_route_on_every_step_and_who_calls_in_an_emergency():
    for path in (L04, L05):
        disclaimer = " ".join(cells(path)[1].source.replace("\n>", "\n").split())
        assert "sign from the **emergency list**" in disclaimer and "Under 18?" in disclaimer
        assert f"ask them to call {NUMBERS}. If no adult is right there, call yourself." in disclaimer
    steps = section(L04, "## 3. Which sign, which step")
    assert f"shout for the nearest adult and ask them to call {NUMBERS}. If no adult is right there," in steps
    assert "Call first" not in steps
    assert "tell a parent, carer, school nurse or another adult you trust" in steps
    assert "tell a parent, carer, school nurse or another adult you trust" in section(L05, "## Key points")
    call = next(o for o in load_bank("04-red-flags").question("q9").options if o.id == "call")
    assert call.text.startswith(f"Call {NUMBERS} now")


def test_a_sourced_word_about_worry_in_the_lesson_text():
    worry = section(L04, "## 4. A word about worry")
    for words in (
        "very rarely",
        "Worry itself can make a twitch worse",
        "online",
        'NHS, "Health anxiety"',
        'NHS, "Twitching eyes and muscles"',
    ):
        assert words in worry


def test_the_self_check_mentions_explore_mode_and_its_cell_stays_one_line():
    assert "I'm just exploring / I have no twitch" in section(L04, "## 6. Check your own twitch")
    for path in (L04, L05):
        for c in cells(path):
            if c.cell_type == "code":
                assert len(c.source.strip().splitlines()) == 1, c.source


# -- retrieval practice --------------------------------------------------------------------------------
def _widget_index(path, code: str) -> int:
    return next(i for i, c in enumerate(cells(path)) if c.cell_type == "code" and c.source.strip() == code)


def _heading_index(path, heading: str) -> int:
    return next(i for i, c in enumerate(cells(path)) if c.cell_type == "markdown" and c.source.startswith(heading))


def test_recap_quiz_comes_before_the_key_points_and_the_glossary():
    recap = _widget_index(L04, 'from widgets import quiz; quiz("04-red-flags")')
    glossary = _widget_index(L04, 'from widgets import glossary; glossary("04-red-flags")')
    assert recap < _heading_index(L04, "## Key points") < glossary
    review = _widget_index(L05, "from widgets import review_quiz; review_quiz()")
    assert review < _heading_index(L05, "## Key points")


def test_section_checks_in_the_lesson_are_the_banks_section_checks():
    bank = load_bank("04-red-flags")
    asked = [re.search(r'questions=\["([a-z0-9_-]+)"\]', c.source) for c in cells(L04) if c.cell_type == "code"]
    asked = [m.group(1) for m in asked if m]
    checks = [q.id for q in bank.questions if q.section_check]
    assert len(asked) >= 1 and sorted(asked) == sorted(checks)
    assert not set(checks) & {q.id for q in bank.recap()}


@pytest.mark.parametrize("lesson", BANKS)
def test_every_question_has_a_hint_and_feedback_that_teaches(lesson):
    for q in load_bank(lesson).questions:
        assert q.hint and len(q.hint.split()) <= 20, q.id
        if hasattr(q, "options"):
            wrong = [o.feedback for o in q.options if o.id not in q.correct_ids]
        elif hasattr(q, "low_feedback"):
            wrong = [q.low_feedback, q.high_feedback]
        else:
            wrong = [q.wrong_feedback]
        assert all(len(t.split()) >= 10 for t in wrong), f"{lesson}/{q.id}: feedback too short to teach"
        assert not re.search(r"\bhow many\b.*\b(lesson|list)", q.prompt, re.I), f"{lesson}/{q.id} asks to count a list"


def test_lesson04_asks_about_the_urgent_signs_pain_and_medicines():
    bank = load_bank("04-red-flags")
    prompts = {q.id: q.prompt for q in bank.recap()}
    answers = {
        q.id: " ".join(o.text for o in q.options if o.id in q.correct_ids)
        for q in bank.questions
        if hasattr(q, "options")
    }
    assert any(NUMBERS in a for a in answers.values())  # an emergency scenario
    assert any("Get help today" in a for a in answers.values())  # an urgent-today scenario
    assert any("ache" in p or "pain" in p for p in prompts.values())
    assert any("medicine" in p for p in prompts.values())


# -- accuracy and the footer ---------------------------------------------------------------------------
def test_lesson05_says_a_small_part_of_the_muscle_not_a_few_fibres():
    words = text(L05)
    assert "small part of a muscle" in words
    assert not re.search(r"\bfew (muscle )?fibres\b", words + own_strings(), re.I)


@pytest.mark.parametrize("path", [L04, L05], ids=lambda p: p.name)
def test_lessons_end_with_the_review_date_footer(path):
    last = cells(path)[-1]
    assert last.cell_type == "markdown"
    for line in FOOTER:
        assert line in last.source
