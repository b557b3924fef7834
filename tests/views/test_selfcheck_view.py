"""The stepped self-check widget, driven from Python: choose a mode, answer a step, press the button, read the panel."""

import os
import re
from pathlib import Path

import ipywidgets as W
import pytest

from widgets import selfcheck
from widgets.classroom.personal_check import PersonalCheck
from widgets.content.load import load_triage_rules as load_rules
from widgets.content.model import BOOK_VISIT_SIGNS, EMERGENCY_SIGNS, SAME_DAY_SIGNS, URGENT_CARE_SIGNS
from widgets.engine.triage import Example
from widgets.store.progress import ENV_DIR, ProgressStore
from widgets.views import html as H
from widgets.views.palette import CSS
from widgets.views.region import RegionChooser, current_region
from widgets.views.selfcheck import SelfCheck

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


def shown(v: SelfCheck) -> list[str]:
    return [s for s, box in v.screens.items() if box.layout.display != "none"]


def _walk(w):
    yield w
    for c in getattr(w, "children", ()):
        yield from _walk(c)


def test_one_step_at_a_time_sudden_signs_first_each_sign_labelled_with_its_meaning_folded_below():
    v = selfcheck()
    assert isinstance(v, SelfCheck) and CSS["selfcheck"] in v._dom_classes
    assert list(v.questions) == [*STEP1, *STEP2, *STEP3, *STEP4]
    assert shown(v) == ["sudden"] and v.back_button.disabled
    rules = load_rules()
    meanings = v.screens["sudden"].children[-1].value  # step 1 lists short signs; each one's meaning folded below
    for step, qids in (("today", STEP2), ("visit", STEP3)):
        folded = v.screens[step].children[-1].value
        assert all(H.text(rules.item(q).text) in folded and H.text(rules.item(q).help) in folded for q in qids)
    for qid, q in v.questions.items():
        assert q.input.description == (rules.duration.label if qid == "duration" else rules.item(qid).label)
        assert q.input.value is None
        if qid == "duration":  # how long: radio buttons with their own help
            assert isinstance(q.input, W.RadioButtons) and "What does this mean?" in q.help.value
        else:  # a sign: its short label beside a drop-down of the step's answers, its meaning folded below
            assert isinstance(q.input, W.Dropdown) and q.help.value == ""
            assert H.text(rules.item(qid).label) in q.prompt.value
            if qid in STEP1:
                assert H.text(rules.item(qid).text) in meanings and H.text(rules.item(qid).help) in meanings
    step1 = [o[0] for o in v.questions["face_drooping"].input.options]  # a drop-down: no answer until chosen
    assert step1 == ["Yes, today", "Before today", "No", "Not sure"]
    assert [o[0] for o in v.questions["pain"].input.options] == ["Yes", "No", "Not sure"]
    assert [o[0] for o in v.questions["duration"].input.options] == [
        "Less than 1 week",
        "1 to 2 weeks",
        "More than 2 weeks",
        "Not sure",
    ]
    assert not any(isinstance(w, (W.FloatSlider, W.IntSlider)) for w in _walk(v))
    assert v.submit_button.description == "Next step"
    page = "".join(w.value for w in _walk(v) if isinstance(w, W.HTML))
    assert "not saved" in page and "not a diagnosis" in page and "emergency list" in page
    assert "sudden or severe" not in page.lower()
    assert "https://www.cdc.gov/stroke" in page and "https://www.nhs.uk/conditions/sprains-and-strains/" in page


def test_no_mode_chosen_asks_for_one_and_judges_nothing():
    v = selfcheck()
    calm(v)
    assert v.next() is None and v.verdict is None and v.example is None
    assert "First choose" in v.status.value and shown(v) == ["sudden"]


def test_a_blank_on_step_1_is_never_an_answer_the_button_names_what_is_left():
    """Issue 23 item 1: a blank used to count as "not sure" and gave "Get help today" with ten call-now lines."""
    v = own()
    v.answer("face_drooping", "no")
    v.answer("sudden_confusion", "no")
    got = v.next()
    assert got.step == "sudden" and set(got.missing) == set(STEP1) - {"face_drooping", "sudden_confusion"}
    assert v.verdict is None and v.result.value == "" and shown(v) == ["sudden"]
    rules = load_rules()
    status = v.status.value
    assert "Answer every question on this step first" in status
    assert all(rules.item(q).label in status for q in got.missing)
    assert rules.item("face_drooping").label not in status
    assert v.announcer.focus == ".selfcheck-missing"
    assert "lesson-caution" not in v.result.value and "999" not in status


def test_a_step_1_yes_ends_the_form_with_the_emergency_verdict_at_once():
    v = own()
    v.answer("sudden_numbness", "yes")  # every other step-1 question still blank: a blank cannot make it calmer
    got = v.next()
    out = v.result.value
    assert got.outcome == "emergency" and v.verdict is got and "selfcheck-emergency" in out
    assert out.index(CALL) < out.index("Shout for the nearest adult") < out.index("Who to tell:") < out.index("Why:")
    assert "Book a visit" not in out and "2 weeks" not in out and "lasts" not in out
    assert [r.rule for r in got.reasons] == ["emergency-numbness"]


def test_calm_through_every_step_then_triggers_then_the_everyday_steps():
    v = calm(own())
    v.next()
    assert shown(v) == ["today"] and not v.back_button.disabled and v.status.value == ""
    v.next()
    assert shown(v) == ["visit"]
    v.next()
    assert shown(v) == ["how_long"] and v.submit_button.description == "Show my next step"
    v.tick("caffeine")
    v.tick("tight_shoes")
    got = v.next()
    out = v.result.value
    rules = load_rules()
    assert got.outcome == "no_warning_signs" and "None of the warning signs on this list" in out
    assert rules.trigger("caffeine").step in out and "roomier" in out
    assert rules.trigger("stress").step not in out
    assert "more than 2 weeks" in out and "under 18" in out and "not a diagnosis" in out
    assert "harmless" not in out.lower() and "nothing to worry" not in out.lower()


def test_an_injury_goes_to_urgent_care_after_step_2_first_aider_first():
    v = calm(own(), steps=(STEP1, STEP2))
    v.answer("injury_cannot_walk", "yes")
    got = v.submit()
    out = v.result.value
    assert got.outcome == "urgent_care" and "selfcheck-urgent_care" in out and shown(v) == ["today"]
    assert out.index("Get your injury checked now") < out.index("tell the first aider now") < out.index("Who to tell:")
    assert "After an injury: you cannot take four steps on it: Yes" in out and "same-day appointment" in out


def test_a_sign_that_came_and_went_before_today_gets_help_today_not_999():
    v = calm(own(), steps=(STEP1, STEP2))
    v.answer("trouble_speaking", "earlier")
    got = v.submit()
    assert got.outcome == "same_day" and not got.cautions
    out = v.result.value
    assert "Slurred speech, or trouble speaking or understanding: Before today" in out
    assert not out.startswith('<div class="lesson-caution"')


def test_not_sure_on_a_step_1_sign_puts_call_now_on_top_in_one_box():
    v = calm(own(), steps=(STEP2, STEP3, STEP4))
    for q in STEP1:
        v.answer(q, "no")
    for q in STEP1[:4]:
        v.answer(q, "not sure")
    v.submit()
    out = v.result.value
    assert v.verdict.outcome == "same_day" and len(v.verdict.cautions) == 4
    assert out.count('class="lesson-caution"') == 1 and out.index("lesson-caution") < out.index("<section")
    assert out.index("call 999 / 112 / 911 now") < out.index("Get help today")
    assert v.announcer.message.startswith(v.verdict.cautions[0])


def test_not_sure_on_step_1_shows_call_now_at_once_above_step_2_not_only_with_the_verdict():
    v = calm(own(), steps=(STEP1,))
    v.answer("trouble_breathing", "not sure")
    v.next()
    assert shown(v) == ["today"] and v.verdict is None
    assert "lesson-caution" in v.alert.value and "If you are struggling to breathe now, call 999 / 112 / 911 now" in (
        v.alert.value
    )
    assert v.announcer.message.startswith("If you are struggling to breathe now")
    assert v.children.index(v.alert) < v.children.index(v.screens["today"])
    v.back()
    assert v.alert.value == ""  # step 1 again: its answers may change
    v.answer("trouble_breathing", "no")
    v.next()
    assert v.alert.value == ""


def test_the_why_names_the_words_the_learner_chose():
    v = own()
    v.answer("sudden_confusion", "yes")
    assert "Sudden confusion or memory loss: Yes, today" in "".join(r.answer for r in v.next().reasons)


def test_the_why_lists_only_what_led_to_the_verdict():
    v = calm(own())
    v.answer("new_weakness", "yes")
    v.answer("pain", "yes")  # a book-a-visit sign: not a reason for "get help today"
    got = v.submit()
    out = v.result.value
    assert got.outcome == "same_day" and [r.rule for r in got.reasons] == ["same-day-weakness"]
    assert (
        out.index("Get help today")
        < out.index("Where and when:")
        < out.index("What to do now:")
        < out.index("Who to tell:")
    )
    assert "Pain with the twitch" not in out and "You were not sure" not in out


def test_back_keeps_every_answer():
    v = calm(own())
    v.next()
    v.next()
    v.back()
    assert shown(v) == ["today"]
    v.back()
    v.back()
    assert shown(v) == ["sudden"] and all(v.questions[q].input.value == "no" for q in STEP1)
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
def test_explore_mode_never_gives_a_verdict_about_the_learner(setup):
    """Issue 23 item 1: exploring with only "Stress or worry" ticked used to give "Get help today"."""
    v = selfcheck()
    v.choose_mode("explore")
    setup(v)
    got = v.submit()
    out = v.result.value
    assert v.verdict is None and v.example is got and got.label == "Example, not about you"
    assert "Alex" in out and CSS["selfcheck_example"] in out
    assert "selfcheck-verdict" not in out  # nothing styled as the learner's own verdict
    assert v.submit_button.description == "Show the example"
    if v.triggers["stress"].value:
        assert "not about you" in out and load_rules().trigger("stress").step in out


def test_the_teacher_switch_leaves_explore_mode_and_no_personal_check():
    v = SelfCheck(switch=PersonalCheck(False))
    assert v.mode not in list(_walk(v)) and v.mode.value == "explore"
    page = "".join(w.value for w in _walk(v) if isinstance(w, W.HTML))
    assert "turned the personal check off" in page
    with pytest.raises(PermissionError):
        v.choose_mode("own")
    calm(v)
    assert isinstance(v.submit(), Example) and v.verdict is None
    v.clear()
    assert v.mode.value == "explore"
    odd = SelfCheck(switch=PersonalCheck(False, "FOOT_TWITCH_PERSONAL_CHECK is 'of'"))
    assert "is &#x27;of&#x27;" in "".join(w.value for w in _walk(odd) if isinstance(w, W.HTML))


def test_changing_an_answer_withdraws_the_old_result_and_clear_wipes_everything():
    v = calm(own())
    assert v.submit().outcome == "no_warning_signs"
    v.answer("wasting", "yes")
    assert v.verdict is None and "None of the warning signs" not in v.result.value and "changed" in v.result.value
    v.tick("caffeine")
    v.clear_button.click()
    assert all(q.input.value is None for q in v.questions.values()) and v.mode.value is None
    assert not any(b.value for b in v.triggers.values()) and shown(v) == ["sudden"]
    assert "cleared" in v.result.value
    v.choose_mode("explore")
    v.submit()
    v.choose_mode("own")
    assert v.example is None and "changed" in v.result.value


def test_text_from_the_rules_is_escaped():
    rules = load_rules()
    bad = rules.model_copy(update={"always": [*list(rules.always), "<script>alert(1)</script>"]})
    v = calm(own(SelfCheck(bad)))
    v.submit()
    assert "<script>" not in v.result.value and "&lt;script&gt;" in v.result.value


def test_nothing_is_saved_anywhere():
    folder = os.environ[ENV_DIR]
    before = sorted(os.listdir(folder))
    v = calm(own())
    v.answer("pain", "yes")
    v.tick("stress")
    v.submit()
    v.clear()
    assert sorted(os.listdir(folder)) == before
    import widgets.views.selfcheck as module

    src = Path(module.__file__).read_text(encoding="utf-8")
    assert "open(" not in src and ".record(" not in src


def test_the_verdict_is_a_box_with_its_kind_icon_and_title_announced_and_focused():
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
        setup(v)
        assert v.submit().outcome == outcome
        out = v.result.value
        o = rules.outcome(outcome)
        box = out[out.index("<section") :]
        assert box.startswith(
            f'<section class="lesson-verdict verdict-{outcome} selfcheck-verdict selfcheck-{outcome}"'
        )
        assert f"lesson-icon-{outcome}" in box and o.kind in box and o.title in box
        assert box.index(o.kind) < box.index(o.title) < box.index("Where and when:")
        assert f"{o.kind}: {o.title}" in v.announcer.message
        assert v.announcer.focus == ".selfcheck-result .lesson-caution, .selfcheck-result .lesson-verdict"
        seen[outcome] = o.kind
    assert len(set(seen.values())) == 5  # told apart in words too, not only by colour and icon


def test_sources_are_named_links_not_raw_addresses():
    rules = load_rules()
    page = "".join(w.value for w in _walk(selfcheck()) if isinstance(w, W.HTML))
    for s in rules.sources.values():
        if s.url:
            assert re.search(rf'<a href="{re.escape(s.url)}"[^>]*>{re.escape(s.name)}</a>', page), s.name
    assert not re.search(r">\s*https?://", page), "an address shown as text"


# -- where you live ------------------------------------------------------------------------------------------
def test_each_region_names_its_own_services_never_111_outside_the_uk():
    for region, number, place in (
        ("international", "999 / 112 / 911", "emergency department"),
        ("uk", "999", "A&amp;E, an urgent treatment centre or a minor injuries unit"),
        ("us", "911", "urgent care clinic"),
        ("eu", "112", "emergency department"),
        ("elsewhere", "your local emergency number", "emergency department"),
    ):
        v = calm(own(selfcheck(region=region)), steps=(STEP1, STEP2))
        v.answer("injury_deformed", "yes")
        v.submit()
        out = v.result.value
        assert place in out, region
        w = own(selfcheck(region=region))
        w.answer("face_drooping", "yes")
        w.submit()
        assert f"Call {number} now" in w.result.value, region
        if region != "uk":
            assert not re.search(r"\b111\b", out + w.result.value), region


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
