"""Lesson 04 practice stories: the content covers what the lesson teaches, is safe, and is judged fairly."""

from pathlib import Path

import pytest

from widgets.content.load import (
    ContentError,
    load_bank,
    load_care,
    load_care_file,
    load_file,
    validate,
)
from widgets.content.model import CARE_OUTCOMES, OUTCOMES, CaseStories
from widgets.engine.cases import ChoiceError, check_case_stories, choices, judge, load_cases
from widgets.engine.grading import correct_answer_text

BROKEN = Path(__file__).parents[1] / "fixtures" / "broken_cases"
FILE = load_cases()
STORIES = FILE.stories
RANK = {o: -i for i, o in enumerate(OUTCOMES)}  # emergency is the most cautious step
# Named here, not read from any content file: words that would reassure a person who has a warning sign.
REASSURING = (
    "harmless",
    "nothing to worry",
    "no need to",
    "you are fine",
    "you're fine",
    "benign",
    "not serious",
    "all clear",
    "normal",
)
TEEN = ("football", "dance", "school shoes", "exam", "energy drink")  # sport, school shoes, exams, caffeine
# Praise for picking the emergency number (or any bigger step) when the story does not need it (issue 23 item 8).
PRAISE = (
    "never a mistake",
    "well done",
    "good choice",
    "great",
    "good call",
    "better safe",
    "right to",
    "always right",
)
NUMBERS = "999 / 112 / 911"  # the international wording of care.yaml's default region
REGIONS = [r.id for r in load_care_file().regions]


def test_eight_or_nine_stories_with_unique_ids_and_a_teacher_note_each():
    """Issue 11: no net growth (11 before); lesson 04 is long, 8-9 is better (issue 23's injury story replaced
    an adult book-a-visit story)."""
    assert 8 <= len(STORIES) <= 9
    assert len({s.id for s in STORIES}) == len(STORIES)
    assert all(len(s.teacher_note.split()) >= 12 for s in STORIES)


def test_teenage_stories_cover_sport_school_shoes_exams_and_caffeine_drinks():
    teens = [s for s in STORIES if 12 <= int(s.title.split(",")[1]) <= 17]
    assert len(teens) >= 4
    text = " ".join(" ".join((s.title, s.story)).lower() for s in teens)
    for topic in TEEN:
        assert topic in text, topic


def test_every_step_has_a_story():
    assert {s.expected for s in STORIES} == set(OUTCOMES)


def test_priya_is_weakness_building_over_days_so_the_step_is_today_not_an_emergency():
    """Issue 11 item 3: 'since yesterday' was ambiguous between sudden and over a day."""
    priya = next(s for s in STORIES if s.id == "priya-weakness")
    assert priya.answers.signs == ["new_weakness"] and priya.expected == "same_day"
    text = " ".join(priya.story.split()).lower()
    assert "over the last three days" in text and "did not start all at once" in text
    j = judge(FILE, priya, "emergency")
    assert j.accepted and j.more_cautious and not j.correct


def test_the_emergency_story_is_sudden_numbness_without_weakness():
    grace = next(s for s in STORIES if s.expected == "emergency")
    assert grace.answers.signs == ["sudden_numbness"]
    assert NUMBERS in grace.reason


def test_a_not_sure_story_still_leads_to_help():
    unsure = [s for s in STORIES if s.answers.unsure]
    assert unsure and all(s.expected != "no_warning_signs" for s in unsure)


def test_calm_stories_have_triggers_only_and_still_say_when_to_get_checked():
    calm = [s for s in STORIES if s.expected == "no_warning_signs"]
    assert len(calm) >= 2
    for s in calm:
        a = s.answers
        assert a.triggers and not (a.signs or a.unsure) and a.duration in ("under_1_week", "1_to_2_weeks"), s.id
        reason = " ".join(s.reason.split()).lower()
        assert "healthcare professional" in reason and "more than 2 weeks" in reason, s.id


@pytest.mark.parametrize("story", [s for s in STORIES if s.expected != "no_warning_signs"], ids=lambda s: s.id)
def test_warning_stories_never_reassure(story):
    reason = story.reason.lower()
    assert not [p for p in REASSURING if p in reason], story.reason


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.id)
def test_a_more_cautious_choice_is_never_wrong(story):
    for choice in OUTCOMES:
        j = judge(FILE, story, choice)
        assert j.correct is (choice == story.expected) and j.reason == story.reason
        assert j.more_cautious is (RANK[choice] > RANK[story.expected])
        assert j.accepted is (RANK[choice] >= RANK[story.expected])
        assert (j.hint == "") is j.correct
        if j.more_cautious:
            assert j.hint == FILE.more_cautious[choice] and "not marked wrong" in j.hint.lower()
        elif not j.correct:
            assert j.hint == FILE.too_little[story.expected]


def test_choices_are_the_self_check_steps_most_urgent_first():
    assert [oid for oid, _ in choices()] == list(OUTCOMES)
    assert dict(choices())["emergency"] == f"Call {NUMBERS} now"


# --- Issue 23 item 8 and its "what to build": each of these fails on e38ae39 ---


def test_urgent_care_is_one_of_the_steps_a_learner_can_pick():
    """Issue 23: injuries have their own step, urgent care; the stories' choices must offer it."""
    ids = [oid for oid, _ in choices()]
    assert "urgent_care" in ids, ids
    assert ids.index("emergency") < ids.index("urgent_care") < ids.index("same_day")


def test_zoe_twitches_in_her_eyelid_and_her_foot_so_her_keyed_answer_books_a_visit():
    """Issue 23 item 8: eyelid and foot = more than one place (NHS twitching page: see a GP if it affects other
    parts of the body; lesson 02), but 02-triggers/s2 keyed cutting back on energy drinks alone."""
    zoe = load_bank("02-triggers").question("s2")
    prompt = zoe.prompt.lower()
    assert "zoe" in prompt and "eyelid" in prompt and "foot" in prompt
    keyed = " ".join(correct_answer_text(zoe).split()).lower()
    assert "book a visit" in keyed and "more than one place" in keyed, keyed
    calm_only = [o for o in zoe.options if o.id != zoe.answer and "cut back" in o.text.lower()]
    assert calm_only and all("more than one place" in o.feedback.lower() for o in calm_only)


@pytest.mark.parametrize("story", [s for s in STORIES if s.expected != "emergency"], ids=lambda s: s.id)
def test_choosing_the_emergency_number_without_an_emergency_sign_says_what_it_is_for_and_never_praises(story):
    """Issue 23 item 8: Sam and Bea picking "Call 999" were praised: "Getting help is never a mistake"."""
    j = judge(FILE, story, "emergency")
    assert j.accepted and j.more_cautious and not j.correct  # never marked wrong for caution
    hint = " ".join(j.hint.split())
    assert not [p for p in PRAISE if p in hint.lower()], hint  # never praised for it
    assert f"{NUMBERS} is for a sign from the emergency list" in hint, hint
    assert "life may be in danger" in hint and "smaller step" in hint


def test_each_bigger_step_says_what_it_is_for():
    """Feedback for a more cautious choice is per chosen step: what that step is for (none praises)."""
    for_words = {
        "emergency": "emergency list",
        "urgent_care": "bone may be broken",
        "same_day": "new and building up",
        "book_visit": "more than 2 weeks",
    }
    assert set(FILE.more_cautious) == set(CARE_OUTCOMES) == set(FILE.too_little)
    for step, words in for_words.items():
        text = " ".join(FILE.more_cautious[step].split())
        assert words in text and "not marked wrong" in text, step
        assert not [p for p in PRAISE if p in text.lower()], step
    assert len(set(FILE.more_cautious.values())) == len(CARE_OUTCOMES)  # four different texts


def test_an_injury_story_leads_to_urgent_care_with_the_first_aider_first():
    """Issue 23: a pupil who went over on an ankle, heard a crack and cannot take four steps: urgent care now."""
    injured = [s for s in STORIES if s.expected == "urgent_care"]
    assert injured
    ava = injured[0]
    assert 12 <= int(ava.title.split(",")[1]) <= 17 and "netball" in ava.story
    assert set(ava.answers.signs) == {"injury_deformed", "injury_cannot_walk"}
    reason = " ".join(ava.reason.split())
    assert reason.index("first aider") < reason.index("X-ray")  # the first line: tell the first aider
    assert "the emergency department, or an urgent care or minor injuries centre" in reason  # {urgent_care}
    assert "wrong place" in reason
    too_little = " ".join(FILE.too_little["urgent_care"].split())
    assert "first aider" in too_little and "wrong place" in too_little


def test_the_stories_use_the_new_sign_ids():
    """sole_numbness became lasting_numbness (numbness, tingling or burning that stays, anywhere in the foot)."""
    lena = next(s for s in STORIES if "dancer" in s.title)
    assert lena.answers.signs == ["lasting_numbness"] and lena.expected == "book_visit"
    assert "outer edge" in lena.story and "anywhere" in lena.reason


def test_a_story_that_names_energy_drinks_shows_the_label_wording():
    """Issue 23 item 10: the energy-drink stories never showed learners the can's label (FSA)."""
    drinks = [s for s in STORIES if s.mentions_energy_drinks()]
    assert drinks and FILE.energy_drink_label is not None
    assert FILE.energy_drink_label.words == (
        "High caffeine content. Not recommended for children or pregnant or breast-feeding women."
    )
    assert "food.gov.uk" in FILE.energy_drink_label.url and "FSA" in FILE.energy_drink_label.source


def test_energy_drink_stories_need_the_label():
    raw = {
        "too_little": dict.fromkeys(CARE_OUTCOMES, "t"),
        "more_cautious": dict.fromkeys(CARE_OUTCOMES, "m"),
        "stories": [
            {
                "id": "x",
                "title": "Pat, 14",
                "story": "Pat drinks energy drinks.",
                "answers": {"triggers": ["caffeine"]},
                "expected": "no_warning_signs",
                "reason": "See a healthcare professional if it lasts.",
                "teacher_note": "t",
            }
        ],
    }
    with pytest.raises(ContentError) as e:
        validate(CaseStories, raw, "<test>")
    assert e.value.field == "energy_drink_label"


STROKE_ABOUT_YOU = (
    "you may be having a stroke",
    "you are having a stroke",
    "you might be having a stroke",
    "your stroke",
)


def test_nothing_in_the_stories_tells_the_learner_they_may_be_having_a_stroke():
    """Issue 23 item 6: a pupil whose family has had a stroke should not be frightened by the stories."""
    texts = [FILE.more_cautious[k] for k in CARE_OUTCOMES] + [FILE.too_little[k] for k in CARE_OUTCOMES]
    texts += [t for s in STORIES for t in (s.title, s.story, s.reason)]
    for t in texts:
        low = " ".join(t.split()).lower()
        assert not [p for p in STROKE_ABOUT_YOU if p in low], t
    stroke = [s.id for s in STORIES if "stroke" in (s.story + s.reason).lower()]
    assert stroke == [next(s.id for s in STORIES if s.expected == "emergency")]  # one story, about a made-up adult
    grace = next(s for s in STORIES if s.expected == "emergency")
    assert int(grace.title.split(",")[1]) >= 18 and "quiet word" in grace.teacher_note


@pytest.mark.parametrize("region", REGIONS)
def test_every_region_names_its_own_services_and_never_another_regions_number(region):
    """Issue 23: stories and feedback name the learner's region's services (care.yaml), never a number written out."""
    care = load_care(region)
    f = load_cases(region)
    assert load_cases(region) is f  # one load per region
    texts = [*f.more_cautious.values(), *f.too_little.values()] + [t for s in f.stories for t in (s.story, s.reason)]
    joined = " ".join(" ".join(t.split()) for t in texts)
    assert f"{care.emergency_numbers} is for a sign from the emergency list" in joined
    assert care.urgent_care in joined and care.advice_line in joined
    assert "{" not in joined
    if region != "international":
        assert NUMBERS not in joined
    if region != "uk":
        assert "111" not in joined  # New Zealand's emergency number; an advice line only in the UK
    assert dict(choices(region))["emergency"] == f"Call {care.emergency_numbers} now"


@pytest.mark.parametrize("region", REGIONS)
def test_feedback_reads_at_grade_8_or_below(textstat, region):
    """Each feedback text, with the region's services filled in, at the course limit (grade 8)."""
    f = load_cases(region)
    grades = {
        (what, k): textstat.flesch_kincaid_grade(getattr(f, what)[k])
        for k in CARE_OUTCOMES
        for what in ("more_cautious", "too_little")
    }
    assert all(g <= 8.0 for g in grades.values()), grades
    label = f.energy_drink_label
    assert label is not None and textstat.flesch_kincaid_grade(label.note) <= 8.0
    stories = " ".join(t for st in f.stories for t in (st.story, st.reason))
    assert textstat.flesch_kincaid_grade(stories) <= 8.0


@pytest.mark.parametrize("bad", [None, "", "urgent", "professional"])
def test_judge_refuses_no_or_unknown_choice(bad):
    with pytest.raises(ChoiceError):
        judge(FILE, STORIES[0], bad)


@pytest.mark.parametrize(
    "name, entry, field, words",
    [
        ("red-flag-self-care", "pat-pain", "expected", "the self-check rules give 'book_visit'"),
        ("unsure-self-care", "pat-unsure", "expected", "the self-check rules give 'book_visit'"),
        ("emergency-not-emergency", "pat-numb", "expected", "the self-check rules give 'emergency'"),
        ("self-care-reason-silent", "pat-coffee", "reason", "healthcare professional"),
        ("unknown-trigger", "pat-coffee", "answers.triggers[0]", "expected input should be"),
        ("number-written-out", "pat-breathing", "reason", "names an emergency number itself"),
        ("number-written-out-feedback", None, "more_cautious.emergency", "names an emergency number itself"),
        ("missing-teacher-note", "pat-breathing", "teacher_note", "missing"),
        ("old-sign-id", "pat-sole", "answers.signs[0]", "got 'sole_numbness'"),
        ("injury-book-visit", "pat-ankle", "expected", "the self-check rules give 'urgent_care'"),
        ("more-cautious-one-text", None, "more_cautious", "valid dictionary"),
        ("more-cautious-missing-urgent-care", None, "more_cautious", "no text for the chosen steps ['urgent_care']"),
        ("too-little-missing-urgent-care", None, "too_little", "no text for the expected steps ['urgent_care']"),
        ("energy-drinks-no-label", None, "energy_drink_label", "name energy drinks"),
    ],
)
def test_broken_case_files_are_refused_with_a_named_error(name, entry, field, words):
    path = BROKEN / f"{name}.yaml"
    with pytest.raises(ContentError) as e:
        check_case_stories(load_file(CaseStories, path), path)
    assert (e.value.entry, e.value.field) == (entry, field), str(e.value)
    assert words in str(e.value) and path.name in str(e.value)
