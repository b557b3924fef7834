"""The stepped self-check widget, driven from Python as the kernel mirrors it (choose a mode, answer a step, press the
button), and read as the page draws it (static/selfcheck.js in node with a DOM, tests/widget_in_node.py)."""

import os
import re
from pathlib import Path

import pytest

from tests.widget_in_node import Drawn, WidgetInNode
from widgets import selfcheck
from widgets.classroom.personal_check import PersonalCheck
from widgets.content.load import load_triage_rules as load_rules
from widgets.content.model import BOOK_VISIT_SIGNS, EMERGENCY_SIGNS, SAME_DAY_SIGNS, URGENT_CARE_SIGNS
from widgets.engine.triage import Example
from widgets.store.progress import ENV_DIR, ProgressStore
from widgets.views.palette import CSS, STATIC
from widgets.views.region import RegionChooser, current_region
from widgets.views.selfcheck import SelfCheck, spoken

CALL = "Call 999 / 112 / 911 now"
STEP1 = list(EMERGENCY_SIGNS)
STEP2 = list(URGENT_CARE_SIGNS + SAME_DAY_SIGNS)
STEP3 = list(BOOK_VISIT_SIGNS)
STEP4 = ["duration"]


def own(view: SelfCheck | None = None) -> SelfCheck:
    v = view or selfcheck()
    v.choose_mode("own")
    return v


def calm(view: SelfCheck, steps=(STEP1, STEP2, STEP3, STEP4), duration="under_1_week") -> SelfCheck:
    for qs in steps:
        for q in qs:
            view.answer(q, duration if q == "duration" else "no")
    return view


@pytest.fixture(scope="module")
def page():
    """One node page (static/selfcheck.js with a DOM) for the file: each view mirrors a SelfCheck, as in JupyterLab."""
    with WidgetInNode("selfcheck") as p:
        yield p


@pytest.fixture
def drawn(page):
    """What the page draws for a SelfCheck (tests/widget_in_node.py Drawn): drawn(v).text(".selfcheck-result")."""
    return lambda v: Drawn(page, v.page)


def shown(d: Drawn) -> list[str]:
    return [e["attrs"]["data-step"] for e in d.query(".selfcheck-step")]


def test_one_step_at_a_time_sudden_signs_first_each_sign_labelled_with_its_meaning_folded_below(drawn):
    v = selfcheck()
    d = drawn(v)
    assert isinstance(v, SelfCheck) and CSS["selfcheck"] in v._dom_classes
    assert list(v.questions) == [*STEP1, *STEP2, *STEP3, *STEP4]
    assert shown(d) == ["sudden"] and d.query(".selfcheck-back")[0]["attrs"].get("disabled") == ""
    rules = load_rules()
    every = d.page.query(d.view, ".selfcheck-step")  # hidden steps too: their words are drawn once
    for step, qids in (("sudden", STEP1), ("today", STEP2), ("visit", STEP3)):
        card = next(e for e in every if e["attrs"]["data-step"] == step)
        folded = d.page.query(d.view, f".selfcheck-step-{step} .selfcheck-meanings")[0]["text"]
        for q in qids:  # a sign: its short label beside a drop-down of the step's answers, its meaning folded below
            assert rules.item(q).label in card["text"]
            assert rules.item(q).text in folded and rules.item(q).help in folded
            select = d.page.query(d.view, f'select[data-question="{q}"]')[0]
            assert select["value"] == "" and select["attrs"]["id"]
            assert d.page.query(d.view, f'label[for="{select["attrs"]["id"]}"]')[0]["text"] == rules.item(q).label
    duration = d.page.query(d.view, '[data-question="duration"] input[type="radio"]')  # how long: radios, own help
    assert [e["attrs"]["value"] for e in duration] == [c.id for c in rules.duration.choices]
    assert not any(e["checked"] for e in duration) and len({e["attrs"]["name"] for e in duration}) == 1
    assert "What does this mean?" in d.page.query(d.view, '.selfcheck-item[data-question="duration"]')[0]["text"]
    options = [e["text"] for e in d.page.query(d.view, 'select[data-question="face_drooping"] option')]
    assert options == ["", "Yes, today", "Before today", "No", "Not sure"]  # no answer until chosen
    assert [o[0] for o in v.questions["pain"]["options"]] == ["Yes", "No", "Not sure"]
    assert [o[0] for o in v.questions["duration"]["options"]] == [
        "Less than 1 week",
        "1 to 2 weeks",
        "More than 2 weeks",
        "Not sure",
    ]
    assert not d.page.query(d.view, 'input[type="range"]')
    assert d.text(".selfcheck-submit") == "Next step"
    text = d.page.text(d.view, ".selfcheck-page")
    assert "not saved" in text and "not a diagnosis" in text and "emergency list" in text
    assert "sudden or severe" not in text.lower()


def test_no_mode_chosen_asks_for_one_and_judges_nothing(drawn):
    v = selfcheck()
    calm(v)
    assert v.next() is None and v.verdict is None and v.example is None
    d = drawn(v)
    assert "First choose" in d.text(".selfcheck-status") and shown(d) == ["sudden"]


def test_a_blank_on_step_1_is_never_an_answer_the_button_names_what_is_left(drawn):
    """Issue 23 item 1: a blank used to count as "not sure" and gave "Get help today" with ten call-now lines."""
    v = own()
    d = drawn(v)
    v.answer("face_drooping", "no")
    v.answer("sudden_confusion", "no")
    got = v.next()
    assert got.step == "sudden" and set(got.missing) == set(STEP1) - {"face_drooping", "sudden_confusion"}
    assert v.verdict is None and d.text(".selfcheck-result") == "" and shown(d) == ["sudden"]
    rules = load_rules()
    status = d.text(".selfcheck-status")
    assert status == v.status() and "Answer every question on this step first" in status
    assert all(rules.item(q).label in status for q in got.missing)
    assert rules.item("face_drooping").label not in status
    assert "selfcheck-missing" in d.focused()["attrs"]["class"]
    assert not d.query(".selfcheck-result .lesson-caution") and "999" not in status


def test_a_step_1_yes_ends_the_form_with_the_emergency_verdict_at_once(drawn):
    v = own()
    d = drawn(v)
    v.answer("sudden_numbness", "yes")  # every other step-1 question still blank: a blank cannot make it calmer
    got = v.next()
    out = d.text(".selfcheck-result")
    assert got.outcome == "emergency" and v.verdict == got and d.query(".selfcheck-result .selfcheck-emergency")
    assert out.index(CALL) < out.index("Shout for the nearest adult") < out.index("Who to tell:") < out.index("Why:")
    assert "Book a visit" not in out and "2 weeks" not in out and "lasts" not in out
    assert [r.rule for r in got.reasons] == ["emergency-numbness"]


def test_calm_through_every_step_then_triggers_then_the_everyday_steps(drawn):
    v = calm(own())
    d = drawn(v)
    v.next()
    assert shown(d) == ["today"] and "disabled" not in d.query(".selfcheck-back")[0]["attrs"]
    assert d.text(".selfcheck-status") == ""
    v.next()
    assert shown(d) == ["visit"]
    v.next()
    assert shown(d) == ["how_long"] and d.text(".selfcheck-submit") == "Show my next step"
    v.tick("caffeine")
    v.tick("tight_shoes")
    assert [e["attrs"]["value"] for e in d.query(".selfcheck-trigger-box") if e["checked"]] == [
        "caffeine",
        "tight_shoes",
    ]
    got = v.next()
    out = d.text(".selfcheck-result")
    rules = load_rules()
    assert got.outcome == "no_warning_signs" and "None of the warning signs on this list" in out
    assert rules.trigger("caffeine").step in out and "roomier" in out
    assert rules.trigger("stress").step not in out
    assert "more than 2 weeks" in out and "under 18" in out and "not a diagnosis" in out
    assert "harmless" not in out.lower() and "nothing to worry" not in out.lower()


def test_an_injury_goes_to_urgent_care_after_step_2_first_aider_first(drawn):
    v = calm(own(), steps=(STEP1, STEP2))
    d = drawn(v)
    v.answer("injury_cannot_walk", "yes")
    got = v.submit()
    out = d.text(".selfcheck-result")
    assert got.outcome == "urgent_care" and d.query(".selfcheck-urgent_care") and shown(d) == ["today"]
    assert out.index("Get your injury checked now") < out.index("tell the first aider now") < out.index("Who to tell:")
    assert "After an injury: you cannot take four steps on it: Yes" in out and "same-day appointment" in out


def test_a_sign_that_came_and_went_before_today_gets_help_today_not_999(drawn):
    v = calm(own(), steps=(STEP1, STEP2))
    d = drawn(v)
    v.answer("trouble_speaking", "earlier")
    got = v.submit()
    assert got.outcome == "same_day" and not got.cautions
    assert "Slurred speech, or trouble speaking or understanding: Before today" in d.text(".selfcheck-result")
    assert not d.query(".selfcheck-result .lesson-caution")


def test_not_sure_on_a_step_1_sign_puts_call_now_on_top_in_one_box(drawn):
    v = calm(own(), steps=(STEP2, STEP3, STEP4))
    d = drawn(v)
    for q in STEP1:
        v.answer(q, "no")
    for q in STEP1[:4]:
        v.answer(q, "not sure")
    v.submit()
    out = d.text(".selfcheck-result")
    assert v.verdict.outcome == "same_day" and len(v.verdict.cautions) == 4
    assert len(d.query(".selfcheck-result .lesson-caution")) == 1
    assert out.index("call 999 / 112 / 911 now") < out.index("Get help today")
    assert d.live().startswith(v.verdict.cautions[0])
    assert "lesson-caution" in d.focused()["attrs"]["class"]


def test_not_sure_on_step_1_shows_call_now_at_once_above_step_2_not_only_with_the_verdict(drawn):
    v = calm(own(), steps=(STEP1,))
    d = drawn(v)
    v.answer("trouble_breathing", "not sure")
    v.next()
    assert shown(d) == ["today"] and v.verdict is None
    alert = d.text(".selfcheck-alert")
    assert d.query(".selfcheck-alert .lesson-caution")
    assert "If you are struggling to breathe now, call 999 / 112 / 911 now" in alert
    assert v.alert and v.alert[0] in alert
    assert d.live().startswith("If you are struggling to breathe now")
    order = [e["attrs"]["class"] for e in d.query(".selfcheck-alert, .selfcheck-step")]
    assert order[0] == "selfcheck-alert"  # above the step
    v.back()
    assert d.text(".selfcheck-alert") == "" and v.alert == ()  # step 1 again: its answers may change
    v.answer("trouble_breathing", "no")
    v.next()
    assert d.text(".selfcheck-alert") == ""


def test_the_why_names_the_words_the_learner_chose():
    v = own()
    v.answer("sudden_confusion", "yes")
    assert "Sudden confusion or memory loss: Yes, today" in "".join(r.answer for r in v.next().reasons)


def test_the_why_lists_only_what_led_to_the_verdict(drawn):
    v = calm(own())
    d = drawn(v)
    v.answer("new_weakness", "yes")
    v.answer("pain", "yes")  # a book-a-visit sign: not a reason for "get help today"
    got = v.submit()
    out = d.text(".selfcheck-result")
    assert got.outcome == "same_day" and [r.rule for r in got.reasons] == ["same-day-weakness"]
    assert (
        out.index("Get help today")
        < out.index("Where and when:")
        < out.index("What to do now:")
        < out.index("Who to tell:")
    )
    assert "Pain with the twitch" not in out and "You were not sure" not in out


def test_back_keeps_every_answer(drawn):
    v = calm(own())
    d = drawn(v)
    v.next()
    v.next()
    v.back()
    assert shown(d) == ["today"]
    v.back()
    v.back()
    assert shown(d) == ["sudden"] and all(v.choices[q] == "no" for q in STEP1)
    assert all(e["value"] == "no" for e in d.query(".selfcheck-step-sudden select"))
    assert v.submit().outcome == "no_warning_signs"


@pytest.mark.parametrize(
    "setup",
    [
        lambda v: v.tick("stress"),
        lambda v: v.answer("duration", "over_2_weeks"),
        lambda v: v.answer("face_drooping", "yes"),
        lambda v: calm(v),
        lambda v: [v.answer(q, "unsure") for q in v.questions if q != "duration"],
    ],
    ids=["stress-only", "how-long-only", "a-step-1-yes", "all-calm", "all-not-sure"],
)
def test_explore_mode_never_gives_a_verdict_about_the_learner(setup, drawn):
    """Issue 23 item 1: exploring with only "Stress or worry" ticked used to give "Get help today"."""
    v = selfcheck()
    d = drawn(v)
    v.choose_mode("explore")
    setup(v)
    got = v.submit()
    out = d.text(".selfcheck-result")
    assert v.verdict is None and v.example == got and got.label == "Example, not about you"
    assert "Alex" in out and d.query(f".selfcheck-result .{CSS['selfcheck_example']}")
    assert not d.query(".selfcheck-verdict")  # nothing styled as the learner's own verdict
    assert d.text(".selfcheck-submit") == "Show the example"
    if "stress" in v.ticked:
        assert "not about you" in out and load_rules().trigger("stress").step in out


def test_explore_mode_skips_past_every_question_to_the_example(drawn):
    """Issue 26: exploring, a keyboard user pressed Tab past all 24 questions (41 presses) to reach the example."""
    v = selfcheck()
    d = drawn(v)
    assert not d.query(".selfcheck-skip")  # only offered once exploring
    v.choose_mode("explore")
    assert d.query(".selfcheck-skip")
    got = v.skip()
    assert got == v.example and v.verdict is None and "Alex" in d.text(".selfcheck-result")
    assert "selfcheck-example" in d.focused()["attrs"]["class"]
    own_mode = own()
    with pytest.raises(ValueError):
        own_mode.skip()


def test_the_teacher_switch_leaves_explore_mode_and_no_personal_check(drawn):
    v = SelfCheck(switch=PersonalCheck(False))
    d = drawn(v)
    assert not d.query(".selfcheck-mode") and v.mode == "explore"
    assert "turned the personal check off" in d.text(".selfcheck-off")
    with pytest.raises(PermissionError):
        v.choose_mode("own")
    v.page.state = {**v.page.state, "mode": "own"}  # a page that asks for it anyway: the kernel puts it back
    assert v.mode == "explore"
    calm(v)
    assert isinstance(v.submit(), Example) and v.verdict is None
    v.clear()
    assert v.mode == "explore"
    odd = SelfCheck(switch=PersonalCheck(False, "FOOT_TWITCH_PERSONAL_CHECK is 'of'"))
    assert "is 'of'" in drawn(odd).text(".selfcheck-off")


def test_changing_an_answer_withdraws_the_old_result_and_clear_wipes_everything(drawn):
    v = calm(own())
    d = drawn(v)
    assert v.submit().outcome == "no_warning_signs"
    v.answer("wasting", "yes")
    out = d.text(".selfcheck-result")
    assert v.verdict is None and "None of the warning signs" not in out and "changed" in out
    v.tick("caffeine")
    d.page.click(d.view, ".selfcheck-clear")  # the page's own button: the kernel mirrors it
    assert all(a is None for a in v.choices.values()) and v.mode is None
    assert not v.ticked and shown(d) == ["sudden"]
    assert "cleared" in d.text(".selfcheck-result")
    v.choose_mode("explore")
    v.submit()
    v.choose_mode("own")
    assert v.example is None and "changed" in d.text(".selfcheck-result")


def test_text_from_the_rules_is_drawn_as_text_never_as_markup(drawn):
    rules = load_rules()
    bad = rules.model_copy(update={"always": [*list(rules.always), "<script>alert(1)</script>"]})
    v = calm(own(SelfCheck(bad)))
    d = drawn(v)
    v.submit()
    assert "<script>alert(1)</script>" in d.text(".selfcheck-result") and not d.query(".selfcheck-result script")


def test_nothing_is_saved_anywhere(page):
    folder = os.environ[ENV_DIR]
    before = sorted(os.listdir(folder))
    v = calm(own())
    view = page.render(v.page)
    page.pick(view, ".selfcheck-step-visit select[data-question=pain]", "yes")
    v.tick("stress")
    v.submit()
    v.clear()
    assert sorted(os.listdir(folder)) == before and page.storage == {}  # no file, nothing kept in the browser
    import widgets.views.selfcheck as module

    for src in (Path(module.__file__), STATIC / "selfcheck.js"):
        text = src.read_text(encoding="utf-8")
        assert "open(" not in text and ".record(" not in text and "setItem" not in text


def test_the_verdict_is_a_box_with_its_kind_icon_and_title_announced_and_focused(drawn):
    rules = load_rules()
    seen = {}
    for outcome, setup in {
        "emergency": lambda v: v.answer("face_drooping", "yes"),
        "urgent_care": lambda v: v.answer("injury_deformed", "yes"),
        "same_day": lambda v: v.answer("new_weakness", "yes"),
        "book_visit": lambda v: v.answer("stiffness", "yes"),
        "no_warning_signs": lambda v: None,
    }.items():
        v = calm(own())
        d = drawn(v)
        setup(v)
        assert v.submit().outcome == outcome
        (box,) = d.query(".selfcheck-result section")
        assert box["attrs"]["class"] == f"lesson-verdict verdict-{outcome} selfcheck-verdict selfcheck-{outcome}"
        assert d.query(f".selfcheck-result section .lesson-icon-{outcome}")
        o = rules.outcome(outcome)
        assert box["text"].index(o.kind) < box["text"].index(o.title) < box["text"].index("Where and when:")
        assert f"{o.kind}: {o.title}" in d.live() and spoken(v.verdict, rules) == d.live()
        focus = d.focused()["attrs"]["class"]
        assert "lesson-verdict" in focus or "lesson-caution" in focus
        seen[outcome] = o.kind
    assert len(set(seen.values())) == 5  # told apart in words too, not only by colour and icon


def test_sources_are_named_links_not_raw_addresses(drawn):
    rules = load_rules()
    d = drawn(selfcheck())
    links = {e["attrs"]["href"]: e["text"] for e in d.page.query(d.view, ".lesson-small-print a")}
    for s in rules.sources.values():
        if s.url:
            assert links[s.url] == s.name, s.name
    assert not any(text.startswith("http") for text in links.values()), "an address shown as text"


# -- where you live ------------------------------------------------------------------------------------------
def test_each_region_names_its_own_services_never_111_outside_the_uk(drawn):
    for region, number, place in (
        ("international", "999 / 112 / 911", "emergency department"),
        ("uk", "999", "A&E, an urgent treatment centre or a minor injuries unit"),
        ("us", "911", "urgent care clinic"),
        ("eu", "112", "emergency department"),
        ("elsewhere", "your local emergency number", "emergency department"),
    ):
        v = calm(own(selfcheck(region=region)), steps=(STEP1, STEP2))
        d = drawn(v)
        v.answer("injury_deformed", "yes")
        v.submit()
        out = d.text(".selfcheck-result")
        assert place in out, region
        w = own(selfcheck(region=region))
        e = drawn(w)
        w.answer("face_drooping", "yes")
        w.submit()
        assert f"Call {number} now" in e.text(".selfcheck-result"), region
        if region != "uk":
            assert not re.search(r"\b111\b", out + e.text(".selfcheck-result")), region


def test_the_region_is_chosen_once_kept_in_the_store_meta_and_never_in_the_results_file(tmp_path):
    store = ProgressStore(tmp_path)
    assert current_region(store) == "international" and not (tmp_path / "progress.db").exists()
    chooser = RegionChooser(store)
    assert chooser.input.value == "international"
    chooser.input.value = "uk"
    assert "Emergency number: 999." in chooser.status.value and "could not be saved" not in chooser.status.value
    assert ProgressStore(tmp_path).setting("region") == "uk" == current_region(ProgressStore(tmp_path))
    assert "region" not in str(ProgressStore(tmp_path).load())  # the results file holds answers only
    with pytest.raises(KeyError, match="unknown region 'nz'"):
        chooser.choose("nz")
    assert RegionChooser(ProgressStore(tmp_path)).input.value == "uk"


def test_a_store_that_cannot_be_written_keeps_the_region_for_the_session_and_says_so(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the progress folder should be")
    store = ProgressStore(blocker / "progress")
    chooser = RegionChooser(store)
    chooser.choose("us")
    assert "could not be saved" in chooser.status.value
    assert store.setting("region") == "us" and current_region(store) == "us"
