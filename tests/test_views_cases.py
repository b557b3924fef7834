"""Drive the lesson 04 practice stories as a learner would: choose a step, press Check, read why."""

import ipywidgets as W

from widgets.cases import choices
from widgets.load import load_cases
from widgets.progress import ProgressStore
from widgets.views.cases import CaseStoriesView, case_stories

FILE = load_cases()
STORIES = FILE.stories


def card_for(view, expected):
    return next(c for c in view.cards if c.story.expected == expected)


def test_one_card_per_story_with_the_four_steps_most_urgent_first():
    v = case_stories()
    assert len(v.cards) == len(STORIES)
    for card, story in zip(v.cards, STORIES, strict=False):
        assert story.title in card.heading.value and isinstance(card.choice, W.RadioButtons)
        assert [value for _, value in card.choice.options] == [
            "emergency",
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
    from widgets.load import validate
    from widgets.model import CaseStories

    stories = validate(
        CaseStories,
        {
            "too_little": {"emergency": "a", "same_day": "b", "book_visit": "c"},
            "more_cautious": "d",
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
    assert [oid for oid, _ in choices()] == ["emergency", "same_day", "book_visit", "no_warning_signs"]


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
