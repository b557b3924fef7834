"""Lesson 04 practice stories: the content covers what the lesson teaches, is safe, and is judged right."""

from pathlib import Path

import pytest

from widgets.cases import CHOICES, ChoiceError, judge
from widgets.load import ContentError, check_case_stories, load_cases, load_file
from widgets.model import RED_FLAGS, CaseStories

BROKEN = Path(__file__).parent / "fixtures" / "broken_cases"
STORIES = load_cases().stories
OUTCOMES = [oid for oid, _ in CHOICES]
# Named here, not read from any content file: words that would reassure a person who has a warning sign.
REASSURING = ("harmless", "nothing to worry", "no need to", "you are fine", "you're fine", "benign",
              "not serious", "all clear", "normal")


def test_enough_stories_with_unique_ids():
    assert len(STORIES) >= 8
    assert len({s.id for s in STORIES}) == len(STORIES)


@pytest.mark.parametrize("flag", RED_FLAGS)
def test_each_red_flag_has_a_story_that_leads_to_a_professional(flag):
    hits = [s for s in STORIES if s.answers.red_flags == [flag] and not s.answers.urgent]
    assert hits and all(s.expected == "professional" for s in hits), flag


def test_several_weeks_despite_fixes_alone_leads_to_a_professional():
    hits = [s for s in STORIES if s.answers.duration == "several_weeks" and s.answers.fixes == "tried"
            and not (s.answers.red_flags or s.answers.unsure or s.answers.urgent)]
    assert hits and all(s.expected == "professional" for s in hits)


def test_not_sure_answers_lead_to_a_professional():
    unsure_item = [s for s in STORIES if s.answers.unsure and not s.answers.red_flags]
    unsure_time = [s for s in STORIES if s.answers.duration == "unsure" and not s.answers.red_flags]
    assert unsure_item and unsure_time
    assert all(s.expected == "professional" for s in unsure_item + unsure_time)


def test_trigger_only_stories_expect_self_care_and_still_name_when_to_get_checked():
    selfcare = [s for s in STORIES if s.expected == "no_warning_signs"]
    assert len(selfcare) >= 2
    for s in selfcare:
        a = s.answers
        assert a.triggers and not (a.urgent or a.red_flags or a.unsure), s.id
        assert a.duration != "unsure" and a.fixes != "unsure", s.id
        reason = " ".join(s.reason.split()).lower()
        assert "healthcare professional" in reason and ("worse" in reason or "lasts" in reason), s.id


def test_one_urgent_story_with_urgent_signs():
    urgent = [s for s in STORIES if s.expected == "urgent"]
    assert urgent and all(s.answers.urgent for s in urgent)
    assert all("urgent" in s.reason.lower() for s in urgent)


@pytest.mark.parametrize("story", [s for s in STORIES if s.expected != "no_warning_signs"], ids=lambda s: s.id)
def test_warning_stories_never_reassure(story):
    reason = story.reason.lower()
    assert not [p for p in REASSURING if p in reason], story.reason
    assert "healthcare professional" in " ".join(story.reason.split()) or story.expected == "urgent"


@pytest.mark.parametrize("story", STORIES, ids=lambda s: s.id)
def test_judge_every_choice(story):
    for choice in OUTCOMES:
        j = judge(story, choice)
        assert j.correct is (choice == story.expected)
        assert j.reason == story.reason and j.expected == story.expected
        assert (j.hint == "") is j.correct
        rank = OUTCOMES.index
        assert j.too_cautious is (rank(choice) > rank(story.expected))


def test_judge_hints_point_the_right_way():
    pro = next(s for s in STORIES if s.expected == "professional")
    assert "red flag" in judge(pro, "no_warning_signs").hint
    urgent = next(s for s in STORIES if s.expected == "urgent")
    assert "urgent sign" in judge(urgent, "professional").hint
    care = next(s for s in STORIES if s.expected == "no_warning_signs")
    assert "never a mistake" in judge(care, "professional").hint   # never shames caution


@pytest.mark.parametrize("bad", [None, "", "maybe"])
def test_judge_refuses_no_or_unknown_choice(bad):
    with pytest.raises(ChoiceError):
        judge(STORIES[0], bad)


@pytest.mark.parametrize("name, entry, field, words", [
    ("red-flag-self-care", "pat-pain", "expected", "the self-check rules give 'professional'"),
    ("unsure-self-care", "pat-unsure", "expected", "the self-check rules give 'professional'"),
    ("urgent-not-urgent", "pat-breathing", "expected", "the self-check rules give 'urgent'"),
    ("self-care-reason-silent", "pat-coffee", "reason", "healthcare professional"),
    ("unknown-trigger", "pat-coffee", "answers.triggers[0]", "expected input should be"),
])
def test_broken_case_files_are_refused_with_a_named_error(name, entry, field, words):
    path = BROKEN / f"{name}.yaml"
    with pytest.raises(ContentError) as e:
        check_case_stories(load_file(CaseStories, path), path)
    assert (e.value.entry, e.value.field) == (entry, field)
    assert words in str(e.value) and path.name in str(e.value)
