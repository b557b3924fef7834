"""Drive the lesson 04 practice stories as a learner would: choose a step, press Check, read why."""

import ipywidgets as W

from widgets.cases import CHOICES
from widgets.load import load_cases
from widgets.progress import ProgressStore
from widgets.views.cases import CaseStoriesView, case_stories

STORIES = load_cases().stories


def card_for(view, expected):
    return next(c for c in view.cards if c.story.expected == expected)


def test_one_card_per_story_with_three_labelled_choices():
    v = case_stories()
    assert len(v.cards) == len(STORIES)
    for card, story in zip(v.cards, STORIES):
        assert story.title in card.heading.value and isinstance(card.choice, W.RadioButtons)
        assert [value for _, value in card.choice.options] == [oid for oid, _ in CHOICES]
        assert card.choice.value is None and card.choice.description and card.check_button.tooltip
        assert "case-story" in card._dom_classes and "case-check" in card.check_button._dom_classes


def test_right_choice_says_right_in_words_and_icon_and_gives_the_reason():
    v = case_stories()
    card = card_for(v, "professional")
    card.choose("professional")
    card.check_button.click()
    assert "✔ Right." in card.feedback.value and "See a healthcare professional" in card.feedback.value
    assert "Why:" in card.feedback.value and card.story.reason.split()[0] in card.feedback.value
    assert f"checked: 1 of {len(STORIES)}" in v.tally.value and "first try: 1" in v.tally.value


def test_self_care_for_a_red_flag_is_wrong_and_names_the_right_step():
    v = case_stories()
    card = card_for(v, "professional")
    card.choose("no_warning_signs")
    card.check_button.click()
    fb = card.feedback.value
    assert "✘ Not quite." in fb and "The lesson's answer: See a healthcare professional" in fb
    assert "red flag" in fb
    card.choose("professional")                 # a second try is right, the tally keeps the first try
    card.check_button.click()
    assert "✔ Right." in card.feedback.value and "first try: 0" in v.tally.value


def test_urgent_story_needs_the_urgent_choice():
    card = card_for(case_stories(), "urgent")
    card.choose("professional")
    assert card.check().correct is False and "urgent sign" in card.feedback.value
    card.choose("urgent")
    assert card.check().correct and "Get urgent medical help now" in card.feedback.value


def test_check_without_a_choice_asks_for_one():
    card = case_stories().cards[0]
    assert card.check() is None
    assert "Choose one of the three steps first." in card.feedback.value


def test_story_text_is_escaped(tmp_path):
    from widgets.load import validate
    from widgets.model import CaseStories
    stories = validate(CaseStories, {"stories": [{
        "id": "x", "title": "<b>Eve</b>", "story": "<script>alert(1)</script>", "answers": {"red_flags": ["pain"]},
        "expected": "professional", "reason": "Pain <i>is</i> a red flag. See a healthcare professional."}]}, "<test>")
    card = CaseStoriesView(stories).cards[0]
    card.choose("professional")
    card.check()
    html = card.heading.value + card.text.value + card.feedback.value
    assert "<script>" not in html and "<b>Eve" not in html and "&lt;i&gt;" in html


def test_choices_are_not_saved(tmp_path, monkeypatch):
    monkeypatch.setenv("FOOT_LESSONS_DATA_DIR", str(tmp_path))
    v = case_stories()
    for card in v.cards:
        card.choose("professional")
        card.check_button.click()
    assert not (tmp_path / "progress.json").exists()
    assert ProgressStore(tmp_path).load()["attempts"] == []
