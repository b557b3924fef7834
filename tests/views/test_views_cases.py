"""Drive the lesson 04 practice stories as a learner would: choose a step, press Check, read why."""

import pytest

from tests.widget_in_node import Drawn, WidgetInNode
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


@pytest.fixture(scope="module")
def page():
    """One node page (static/case_stories.js with a DOM) for the file: each view mirrors a story set (JupyterLab)."""
    with WidgetInNode("case_stories") as p:
        yield p


@pytest.fixture
def drawn(page):
    return lambda v: Drawn(page, v.page)


def go_to(view, expected):
    """Show the first story whose step is `expected`."""
    view.show(next(i for i, s in enumerate(view.stories.stories) if s.expected == expected))
    return view


def feedback(d):
    return d.text(".case-feedback")


def test_one_story_at_a_time_with_the_five_steps_most_urgent_first(drawn):
    v = case_stories()
    d = drawn(v)
    assert len(v.stories.stories) == len(STORIES)
    for i, story in enumerate(STORIES):
        v.show(i)
        assert d.text(".case-heading") == story.title
        radios = d.query(".case-choice input")
        assert [e["attrs"]["value"] for e in radios] == list(OUTCOMES) and not any(e["checked"] for e in radios)
        assert len({e["attrs"]["name"] for e in radios}) == 1  # one Tab stop: the arrow keys move inside
        (group,) = d.query(".case-choice")
        assert group["attrs"]["role"] == "radiogroup" and d.text(f"#{group['attrs']['aria-labelledby']}")
        assert d.query(".case-check")[0]["attrs"]["title"] == f"Check your choice for story {i + 1} of {len(STORIES)}"
    assert "case-stories" in v._dom_classes and "never wrong" in d.text(".case-intro")


def test_right_choice_says_right_in_words_and_icon_and_gives_the_reason(drawn):
    v = go_to(case_stories(), "book_visit")
    d = drawn(v)
    d.page.pick(d.view, '.case-choice input[value="book_visit"]')  # the page's own controls: the kernel mirrors
    d.page.click(d.view, ".case-check")
    assert v.judgement().correct and d.query(".case-feedback .lesson-icon-right")
    fb = feedback(d)
    assert fb.startswith("Right.") and "Book a visit with a doctor or nurse" in fb and "Why:" in fb
    assert f"checked: 1 of {len(STORIES)}" in d.text(".case-tally") and "first try: 1" in d.text(".case-tally")


def test_a_more_cautious_choice_is_ok_explained_and_counted_as_not_wrong(drawn):
    """Issue 11 item 3: priya-weakness keyed 'professional' marked a learner who picked 'urgent' wrong."""
    v = case_stories()
    v.show(next(i for i, s in enumerate(STORIES) if s.id == "priya-weakness"))
    d = drawn(v)
    v.choose("emergency")
    v.check()
    fb = feedback(d)
    assert "More cautious than needed, and that is OK" in fb and "Why:" in fb
    assert not d.query(".case-feedback .lesson-icon-wrong") and "Not quite" not in fb
    assert d.query(".case-feedback .lesson-icon-safe_side") and d.query(".case-feedback .lesson-step.verdict-same_day")
    assert "The lesson's answer: Get help today" in fb
    assert "first try: 1" in d.text(".case-tally") and v.judgement().accepted


def test_self_care_for_a_warning_sign_is_wrong_and_names_the_right_step(drawn):
    v = go_to(case_stories(), "book_visit")
    d = drawn(v)
    v.choose("no_warning_signs")
    v.check()
    fb = feedback(d)
    assert d.query(".case-feedback .lesson-icon-wrong") and fb.startswith("Not quite.")
    assert d.query(".case-feedback .lesson-step.verdict-book_visit") and "Book a visit with a doctor or nurse" in fb
    assert FILE.too_little["book_visit"].split(",")[0] in fb
    v.choose("book_visit")  # a second try is right, the tally keeps the first try
    v.check()
    assert feedback(d).startswith("Right.") and "first try: 0" in d.text(".case-tally")


def test_emergency_story_needs_the_emergency_choice(drawn):
    v = go_to(case_stories(), "emergency")
    d = drawn(v)
    v.choose("same_day")
    assert v.check().accepted is False and "999 / 112 / 911" in feedback(d)
    v.choose("emergency")
    assert v.check().correct and "Call 999 / 112 / 911 now" in feedback(d)


def test_check_without_a_choice_asks_for_one(drawn):
    v = case_stories()
    d = drawn(v)
    assert v.check() is None
    assert "Choose one of the steps first." in feedback(d)


def test_story_text_is_drawn_as_text_never_as_markup(drawn):
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
    v = CaseStoriesView(stories)
    d = drawn(v)
    v.choose("book_visit")
    v.check()
    assert d.text(".case-heading") == "<b>Eve</b>" and "<script>alert(1)</script>" in d.text(".case-story")
    assert "Pain <i>is</i> a red flag" in feedback(d)
    assert not d.query(".case-story script, .case-story i, .case-heading b")


def test_choices_are_not_saved(tmp_path, monkeypatch, page):
    monkeypatch.setenv("FOOT_LESSONS_DATA_DIR", str(tmp_path))
    v = case_stories()
    view = page.render(v.page)
    for i in range(len(STORIES)):
        v.show(i)
        page.sync(view)
        page.pick(view, '.case-choice input[value="book_visit"]')
        page.click(view, ".case-check")
    assert len(v.first_try) == len(STORIES) and page.storage == {}  # mirrored; nothing kept in the browser
    assert not (tmp_path / "progress.json").exists()
    assert ProgressStore(tmp_path).load()["attempts"] == []
    assert [oid for oid, _ in choices()] == list(OUTCOMES)


def test_stories_are_shown_one_at_a_time_with_story_n_of_m_and_back_next(drawn):
    """Issue 15 item 13: lesson 04's stories were about 3,000 px of scrolling."""
    v = case_stories()
    d = drawn(v)
    n = len(STORIES)
    assert len(d.query(".case-story")) == 1 and d.text(".case-progress b") == f"Story 1 of {n}"
    back, nxt = d.query(".case-back")[0], d.query(".case-next")[0]
    assert "disabled" in back["attrs"] and "disabled" not in nxt["attrs"]
    assert back["text"] == "Previous story" and nxt["text"] == "Next story"
    assert len(d.query(".lesson-progress-marks li")) == n and d.query(".lesson-progress-marks li.lesson-current")
    d.page.click(d.view, ".case-next")
    d.page.tick(200)
    assert v.index == 1 and d.text(".case-heading") == STORIES[1].title
    assert d.text(".case-progress b") == f"Story 2 of {n}"
    assert d.live() == f"Story 2 of {n}: {STORIES[1].title}"
    assert "case-heading" in d.focused()["attrs"]["class"]
    assert "disabled" not in d.query(".case-back")[0]["attrs"]
    d.page.click(d.view, ".case-back")
    assert v.index == 0 and "disabled" in d.query(".case-back")[0]["attrs"]
    v.back()  # nothing before the first story
    assert v.index == 0
    v.show(n - 1)
    assert "disabled" in d.query(".case-next")[0]["attrs"] and d.text(".case-progress b") == f"Story {n} of {n}"
    v.next()
    assert v.index == n - 1


def test_a_choice_survives_moving_away_and_back_and_the_marks_fill_in(drawn):
    v = case_stories()
    d = drawn(v)
    v.choose("emergency")
    v.check()
    assert "Why:" in d.live() and d.live().split()[0] in ("Right.", "OK,", "Not")
    assert len(d.query(".lesson-progress-marks li.lesson-done")) == 1
    v.next()
    v.back()
    assert [e["attrs"]["value"] for e in d.query(".case-choice input") if e["checked"]] == ["emergency"]
    assert "Why:" in feedback(d)
    for i in range(len(STORIES)):
        v.show(i)
        v.choose("emergency")  # the most cautious step: never wrong
        v.check()
    assert f"All {len(STORIES)} stories checked" in d.text(".case-tally")
    assert f"first try: {len(STORIES)} of {len(STORIES)}" in d.text(".case-tally")


# --- Issue 23: 999 without an emergency sign, urgent care, the learner's region, the energy-drink label ---


def test_picking_the_emergency_number_for_sam_explains_what_it_is_for_and_does_not_praise(drawn):
    """Issue 23 item 8: "Getting help is never a mistake" praised calling 999 for a story with no emergency sign."""
    v = case_stories()
    v.show(next(i for i, s in enumerate(STORIES) if "football" in s.story))
    d = drawn(v)
    v.choose("emergency")
    v.check()
    fb = feedback(d)
    assert "never a mistake" not in fb and "Not quite" not in fb and v.judgement().accepted
    assert "999 / 112 / 911 is for a sign from the emergency list" in fb and "life may be in danger" in fb
    assert "999 / 112 / 911 is for a sign from the emergency list" in d.live()


def test_the_injury_story_needs_urgent_care_and_a_same_day_choice_is_too_little(drawn):
    v = go_to(case_stories(), "urgent_care")
    d = drawn(v)
    v.choose("same_day")
    assert v.check().accepted is False
    fb = feedback(d)
    assert d.query(".case-feedback .lesson-step.verdict-urgent_care") and "first aider" in fb and "wrong place" in fb
    v.choose("urgent_care")
    assert v.check().correct and feedback(d).startswith("Right.")
    v.choose("emergency")
    assert v.check().accepted and "is for a sign from the emergency list" in feedback(d)


@pytest.mark.parametrize("region", ["uk", "us", "eu", "elsewhere"])
def test_stories_name_the_learners_region_chosen_in_lesson_00(region, drawn):
    """Issue 23: the region kept in the progress store (lesson 00) sets every step and service the stories name."""
    assert default_store().set_setting("region", region)
    care = load_care(region)
    v = go_to(case_stories(), "emergency")
    d = drawn(v)
    assert v.region == region
    labels = [e["text"] for e in d.query(".case-option")]
    assert f"Call {care.emergency_numbers} now" in labels and "Call 999 / 112 / 911 now" not in labels
    v.choose("emergency")
    v.check()
    assert f"Call {care.emergency_numbers} now" in feedback(d) and care.emergency_numbers in v.current.reason
    go_to(v, "urgent_care")
    v.choose("no_warning_signs")
    v.check()
    injury = feedback(d)
    assert care.urgent_care in injury
    v.show(0)
    v.choose("emergency")
    v.check()
    calm = feedback(d)
    assert f"{care.emergency_numbers} is for a sign from the emergency list" in calm
    if region != "uk":
        assert "111" not in calm + injury


def test_no_region_chosen_gives_the_international_wording(drawn):
    v = case_stories()
    assert v.region == "international"
    assert "Call 999 / 112 / 911 now" in [e["text"] for e in drawn(v).query(".case-option")]


def test_the_energy_drink_story_shows_the_cans_label_and_no_other_story_does(drawn):
    """Issue 23 item 10: the energy-drink stories never showed learners the label (FSA)."""
    v = case_stories()
    d = drawn(v)
    words = "High caffeine content. Not recommended for children or pregnant or breast-feeding women."
    shown = []
    for i, s in enumerate(STORIES):
        v.show(i)
        if words in d.text(".case-story"):
            shown.append(s.id)
    assert shown == [s.id for s in STORIES if "energy drink" in s.story.lower()] and shown
    v.show(next(i for i, s in enumerate(STORIES) if s.id == shown[0]))
    assert d.query(".case-story blockquote")
    (link,) = d.query(".case-story .lesson-small-print a")
    assert "food.gov.uk" in link["attrs"]["href"] and "noopener" in link["attrs"]["rel"]
