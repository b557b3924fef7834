"""Drive the lesson 04 practice stories as a learner would: choose a step, press Check, read why."""

import ipywidgets as W
import pytest

from widgets.content.load import load_care
from widgets.content.model import OUTCOMES
from widgets.engine.cases import choices, load_cases
from widgets.store.progress import ProgressStore, default_store
from widgets.views.cases import CaseStoriesView, case_stories

FILE = load_cases()
STORIES = FILE.stories


@pytest.fixture(autouse=True)
def own_data_dir(tmp_path, monkeypatch):
    """Each test has its own progress folder, so the region is the default one unless a test chooses it."""
    monkeypatch.setenv("FOOT_LESSONS_DATA_DIR", str(tmp_path))


def card_for(view, expected):
    return next(c for c in view.cards if c.story.expected == expected)


def test_one_card_per_story_with_the_five_steps_most_urgent_first():
    v = case_stories()
    assert len(v.cards) == len(STORIES)
    for card, story in zip(v.cards, STORIES, strict=False):
        assert story.title in card.heading.value and isinstance(card.choice, W.RadioButtons)
        assert [value for _, value in card.choice.options] == [
            "emergency",
            "urgent_care",
            "same_day",
            "book_visit",
            "no_warning_signs",
        ]
        assert card.choice.value is None and card.choice.description and card.check_button.tooltip
        assert "case-story" in card._dom_classes and "case-check" in card.check_button._dom_classes
    assert "never wrong" in v.intro.value


def test_right_choice_says_right_in_words_and_icon_and_gives_the_reason():
    v = case_stories()
    card = card_for(v, "book_visit")
    card.choose("book_visit")
    card.check_button.click()
    assert "lesson-icon-right" in card.feedback.value and "Right.</b>" in card.feedback.value
    assert "Book a visit with a doctor or nurse" in card.feedback.value
    assert "Why:" in card.feedback.value
    assert f"checked: 1 of {len(STORIES)}" in v.tally.value and "first try: 1" in v.tally.value


def test_a_more_cautious_choice_is_ok_explained_and_counted_as_not_wrong():
    """Issue 11 item 3: priya-weakness keyed 'professional' marked a learner who picked 'urgent' wrong."""
    v = case_stories()
    card = next(c for c in v.cards if c.story.id == "priya-weakness")
    card.choose("emergency")
    card.check_button.click()
    fb = card.feedback.value
    assert "More cautious than needed, and that is OK" in fb and "Why:" in fb
    assert "lesson-icon-wrong" not in fb and "Not quite" not in fb and "lesson-icon-safe_side" in fb
    assert 'The lesson\'s answer: <span class="lesson-step verdict-same_day">' in fb and "Get help today" in fb
    assert "first try: 1" in v.tally.value and card.judgement.accepted


def test_self_care_for_a_warning_sign_is_wrong_and_names_the_right_step():
    v = case_stories()
    card = card_for(v, "book_visit")
    card.choose("no_warning_signs")
    card.check_button.click()
    fb = card.feedback.value
    assert "lesson-icon-wrong" in fb and "Not quite.</b>" in fb
    assert "lesson-step verdict-book_visit" in fb and "Book a visit with a doctor or nurse" in fb
    assert FILE.too_little["book_visit"].split(",")[0] in fb
    card.choose("book_visit")  # a second try is right, the tally keeps the first try
    card.check_button.click()
    assert "Right.</b>" in card.feedback.value and "first try: 0" in v.tally.value


def test_emergency_story_needs_the_emergency_choice():
    card = card_for(case_stories(), "emergency")
    card.choose("same_day")
    assert card.check().accepted is False and "999 / 112 / 911" in card.feedback.value
    card.choose("emergency")
    assert card.check().correct and "Call 999 / 112 / 911 now" in card.feedback.value


def test_check_without_a_choice_asks_for_one():
    card = case_stories().cards[0]
    assert card.check() is None
    assert "Choose one of the steps first." in card.feedback.value


def test_story_text_is_escaped():
    from widgets.content.load import validate
    from widgets.content.model import CaseStories

    stories = validate(
        CaseStories,
        {
            "too_little": {"emergency": "a", "urgent_care": "u", "same_day": "b", "book_visit": "c"},
            "more_cautious": {"emergency": "d", "urgent_care": "e", "same_day": "f", "book_visit": "g"},
            "stories": [
                {
                    "id": "x",
                    "title": "<b>Eve</b>",
                    "story": "<script>alert(1)</script>",
                    "answers": {"signs": ["pain"]},
                    "expected": "book_visit",
                    "teacher_note": "t",
                    "reason": "Pain <i>is</i> a red flag. See a healthcare professional.",
                }
            ],
        },
        "<test>",
    )
    card = CaseStoriesView(stories).cards[0]
    card.choose("book_visit")
    card.check()
    html = card.heading.value + card.text.value + card.feedback.value
    assert "<script>" not in html and "<b>Eve" not in html and "&lt;i&gt;" in html


def test_choices_are_not_saved(tmp_path, monkeypatch):
    monkeypatch.setenv("FOOT_LESSONS_DATA_DIR", str(tmp_path))
    v = case_stories()
    for card in v.cards:
        card.choose("book_visit")
        card.check_button.click()
    assert not (tmp_path / "progress.json").exists()
    assert ProgressStore(tmp_path).load()["attempts"] == []
    assert [oid for oid, _ in choices()] == list(OUTCOMES)


def test_stories_are_shown_one_at_a_time_with_story_n_of_m_and_back_next():
    """Issue 15 item 13: lesson 04's stories were about 3,000 px of scrolling."""
    v = case_stories()
    n = len(STORIES)
    assert v.stage.children == (v.cards[0],) and f"Story 1 of {n}" in v.progress.value
    assert v.back_button.disabled and not v.next_button.disabled
    assert v.back_button.description == "Previous story" and v.next_button.description == "Next story"
    assert v.progress.value.count("<li") == n and "lesson-current" in v.progress.value
    v.next_button.click()
    assert v.current is v.cards[1] and v.stage.children == (v.cards[1],) and f"Story 2 of {n}" in v.progress.value
    assert v.announcer.message == f"Story 2 of {n}: {STORIES[1].title}"
    assert v.announcer.focus == ".case-story .case-heading"
    assert not v.back_button.disabled
    v.back_button.click()
    assert v.current is v.cards[0] and v.back_button.disabled
    v.back()  # nothing before the first story
    assert v.index == 0
    v.show(n - 1)
    assert v.next_button.disabled and f"Story {n} of {n}" in v.progress.value
    v.next()
    assert v.index == n - 1


def test_a_choice_survives_moving_away_and_back_and_the_marks_fill_in():
    v = case_stories()
    v.cards[0].choose("emergency")
    v.cards[0].check_button.click()
    assert "Why:" in v.announcer.message and v.announcer.message.split()[0] in ("Right.", "OK,", "Not")
    assert v.progress.value.count("lesson-done") == 1
    v.next()
    v.back()
    assert v.current.choice.value == "emergency" and "Why:" in v.current.feedback.value
    for card in v.cards:
        card.choose("emergency")  # the most cautious step: never wrong
        card.check()
    assert f"All {len(STORIES)} stories checked" in v.tally.value
    assert f"first try: {len(STORIES)} of {len(STORIES)}" in v.tally.value


# --- Issue 23: 999 without an emergency sign, urgent care, the learner's region, the energy-drink label ---


def test_picking_the_emergency_number_for_sam_explains_what_it_is_for_and_does_not_praise():
    """Issue 23 item 8: "Getting help is never a mistake" praised calling 999 for a story with no emergency sign."""
    v = case_stories()
    card = next(c for c in v.cards if "football" in c.story.story)
    card.choose("emergency")
    card.check_button.click()
    fb = card.feedback.value
    assert "never a mistake" not in fb and "Not quite" not in fb and card.judgement.accepted
    assert "999 / 112 / 911 is for a sign from the emergency list" in fb and "life may be in danger" in fb
    assert "999 / 112 / 911 is for a sign from the emergency list" in v.announcer.message


def test_the_injury_story_needs_urgent_care_and_a_same_day_choice_is_too_little():
    card = next(c for c in case_stories().cards if c.story.expected == "urgent_care")
    card.choose("same_day")
    assert card.check().accepted is False
    fb = card.feedback.value
    assert "lesson-step verdict-urgent_care" in fb and "first aider" in fb and "wrong place" in fb
    card.choose("urgent_care")
    assert card.check().correct and "Right.</b>" in card.feedback.value
    card.choose("emergency")
    j = card.check()
    assert j.accepted and "is for a sign from the emergency list" in card.feedback.value


@pytest.mark.parametrize("region", ["uk", "us", "eu", "elsewhere"])
def test_stories_name_the_learners_region_chosen_in_lesson_00(region):
    """Issue 23: the region kept in the progress store (lesson 00) sets every step and service the stories name."""
    assert default_store().set_setting("region", region)
    care = load_care(region)
    v = case_stories()
    assert v.region == region
    card = next(c for c in v.cards if c.story.expected == "emergency")
    labels = dict(card.choice.options)
    assert f"Call {care.emergency_numbers} now" in labels and "Call 999 / 112 / 911 now" not in labels
    card.choose("emergency")
    card.check()
    assert f"Call {care.emergency_numbers} now" in card.feedback.value and care.emergency_numbers in card.story.reason
    injury = next(c for c in v.cards if c.story.expected == "urgent_care")
    injury.choose("no_warning_signs")
    injury.check()
    assert html_text(care.urgent_care) in injury.feedback.value
    calm = v.cards[0]
    calm.choose("emergency")
    calm.check()
    assert f"{care.emergency_numbers} is for a sign from the emergency list" in calm.feedback.value
    if region != "uk":
        assert "111" not in calm.feedback.value + injury.feedback.value


def test_no_region_chosen_gives_the_international_wording():
    v = case_stories()
    assert v.region == "international"
    assert "Call 999 / 112 / 911 now" in dict(v.cards[0].choice.options)


def test_the_energy_drink_story_shows_the_cans_label_and_no_other_story_does():
    """Issue 23 item 10: the energy-drink stories never showed learners the label (FSA)."""
    v = case_stories()
    words = "High caffeine content. Not recommended for children or pregnant or breast-feeding women."
    shown = [c.story.id for c in v.cards if words in c.text.value]
    assert shown == [s.id for s in STORIES if "energy drink" in s.story.lower()] and shown
    card = next(c for c in v.cards if c.story.id == shown[0])
    assert "<blockquote>" in card.text.value and "food.gov.uk" in card.text.value and 'rel="noopener' in card.text.value


def html_text(s):
    from widgets.views.html import text

    return text(s)
