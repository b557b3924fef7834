"""The self-check widget, driven from Python: choose a mode, answer, tick, press the button, read the panel."""

import os
from pathlib import Path

import ipywidgets as W

from widgets import selfcheck
from widgets.load import load_triage_rules as load_rules
from widgets.model import BOOK_VISIT_SIGNS, EMERGENCY_SIGNS, SAME_DAY_SIGNS, SIGNS
from widgets.palette import CSS
from widgets.progress import ENV_DIR
from widgets.views.selfcheck import SelfCheck

CALL = "Call 999 / 112 / 911 now"


def calm(view: SelfCheck, duration="under_1_week") -> SelfCheck:
    for q in SIGNS:
        view.answer(q, "no")
    view.answer("duration", duration)
    return view


def _walk(w):
    yield w
    for c in getattr(w, "children", ()):
        yield from _walk(c)


def test_sudden_signs_are_asked_first_with_labelled_radio_buttons_and_help():
    v = selfcheck()
    assert isinstance(v, SelfCheck) and CSS["selfcheck"] in v._dom_classes
    assert list(v.questions) == [*list(EMERGENCY_SIGNS + SAME_DAY_SIGNS + BOOK_VISIT_SIGNS), "duration"]
    for q in v.questions.values():
        assert isinstance(q.input, W.RadioButtons) and q.input.description and q.input.value is None
        assert "What does this mean?" in q.help.value
    assert [o[0] for o in v.questions["pain"].input.options] == ["Yes", "No", "Not sure"]
    assert [o[0] for o in v.questions["duration"].input.options] == [
        "Less than 1 week",
        "1 to 2 weeks",
        "More than 2 weeks",
        "Not sure",
    ]
    assert not any(isinstance(w, (W.FloatSlider, W.IntSlider)) for w in _walk(v))
    assert v.submit_button.description == "Show my next step"
    page = "".join(w.value for w in _walk(v) if isinstance(w, W.HTML))
    assert "not saved" in page and "not a diagnosis" in page and CALL.split(" now")[0].lower() in page.lower()
    assert "https://www.cdc.gov/stroke" in page and "https://www.nhs.uk/conditions/guillain-barre-syndrome/" in page


def test_defect_sudden_numbness_without_sudden_weakness_calls_the_emergency_number_first():
    """Issue 11 item 1, through the view: sudden weakness 'no', numbness 'yes' used to say 'Book a visit'."""
    v = calm(selfcheck())
    v.answer("sudden_weakness", "no")
    v.answer("sudden_numbness", "yes")
    v.submit_button.click()
    out = v.result.value
    assert v.verdict.outcome == "emergency" and "selfcheck-emergency" in out
    assert out.index(CALL) < out.index("Who to tell:") < out.index("under 18") < out.index("Why:")
    assert "If no adult is with you, call yourself." in out
    assert "Book a visit" not in out and "2 weeks" not in out and "lasts" not in out


def test_triggers_only_give_tailored_steps_and_when_to_come_back():
    v = calm(selfcheck())
    v.tick("caffeine")
    v.tick("tight_shoes")
    v.submit()
    out = v.result.value
    rules = load_rules()
    assert v.verdict.outcome == "no_warning_signs" and "None of the warning signs on this list" in out
    assert rules.trigger("caffeine").step in out and "roomier" in out
    assert rules.trigger("stress").step not in out
    assert "more than 2 weeks" in out and "under 18" in out and "not a diagnosis" in out
    assert "harmless" not in out.lower() and "nothing to worry" not in out.lower()


def test_a_book_visit_sign_names_itself_and_shows_no_everyday_steps():
    v = calm(selfcheck())
    v.answer("stiffness", "yes")
    v.tick("stress")
    assert v.submit().outcome == "book_visit"
    out = v.result.value
    assert "Book a visit with a doctor or nurse" in out and "Stiffness: Yes" in out
    assert "Things you can try" not in out and "None of the warning signs" not in out


def test_most_urgent_first_where_when_what_now_who_to_tell():
    v = calm(selfcheck())
    v.answer("pain", "yes")
    v.answer("new_weakness", "yes")
    v.submit()
    out = v.result.value
    assert v.verdict.outcome == "same_day"
    assert (
        out.index("Get help today")
        < out.index("Where and when:")
        < out.index("What to do now:")
        < out.index("Who to tell:")
        < out.index("New weakness")
        < out.index("Pain that does not settle")
    )


def test_not_sure_on_a_sudden_sign_puts_call_now_on_top():
    v = calm(selfcheck())
    v.answer("trouble_speaking", "not sure")
    v.submit()
    out = v.result.value
    assert v.verdict.outcome == "same_day"
    assert out.index("call 999 / 112 / 911 now") < out.index("Get help today")


def test_unanswered_questions_count_as_not_sure_and_say_so():
    v = selfcheck()
    v.answer("trouble_breathing", "no")
    v.submit()
    assert v.verdict.outcome == "same_day"
    assert "count as &#x27;not sure&#x27;" in v.result.value
    assert "duration" in v.unanswered and "trouble_breathing" not in v.unanswered


def test_explore_mode_shows_an_example_not_about_you_and_no_verdict():
    v = selfcheck()
    v.choose_mode("explore")
    v.submit_button.click()
    out = v.result.value
    assert v.verdict is None and v.example is not None
    assert "Example, not about you" in out and "Alex" in out and CSS["selfcheck_example"] in out
    assert "selfcheck-verdict" not in out  # nothing styled as the learner's own verdict


def test_explore_mode_becomes_the_real_check_once_anything_is_answered():
    v = selfcheck()
    v.choose_mode("explore")
    v.answer("pain", "no")
    v.submit()
    assert v.example is None and v.verdict.outcome == "same_day"  # the rest count as "not sure"
    assert "Example, not about you" not in v.result.value and "selfcheck-verdict" in v.result.value
    v.clear()
    v.choose_mode("explore")
    v.tick("caffeine")
    v.submit()
    assert v.verdict is not None and v.example is None


def test_changing_an_answer_withdraws_the_old_result_and_clear_wipes_everything():
    v = calm(selfcheck())
    v.submit()
    assert v.verdict.outcome == "no_warning_signs"
    v.answer("wasting", "yes")
    assert v.verdict is None and "None of the warning signs" not in v.result.value
    v.choose_mode("explore")
    v.tick("caffeine")
    v.clear_button.click()
    assert all(q.input.value is None for q in v.questions.values()) and v.mode.value is None
    assert not any(b.value for b in v.triggers.values())
    assert "cleared" in v.result.value
    v.choose_mode("explore")
    v.submit()
    v.choose_mode("own")
    assert v.example is None and "changed" in v.result.value


def test_text_from_the_rules_is_escaped():
    rules = load_rules()
    bad = rules.model_copy(update={"always": [*list(rules.always), "<script>alert(1)</script>"]})
    v = calm(SelfCheck(bad))
    v.submit()
    assert "<script>" not in v.result.value and "&lt;script&gt;" in v.result.value


def test_nothing_is_saved_anywhere():
    folder = os.environ[ENV_DIR]
    before = sorted(os.listdir(folder))
    v = calm(selfcheck())
    v.answer("pain", "yes")
    v.tick("stress")
    v.submit()
    v.clear()
    assert sorted(os.listdir(folder)) == before
    import widgets.views.selfcheck as module

    src = Path(module.__file__).read_text(encoding="utf-8")
    assert "progress" not in src and "open(" not in src


def test_nothing_answered_asks_the_learner_to_answer_first_and_shows_no_verdict():
    """Issue 15 item 5: with nothing answered, "Show my next step" used to show four bold "call now" lines and
    ten reasons. Now one message asks for answers first; a single answer gives the real check again."""
    rules = load_rules()
    for mode in (None, "own"):
        v = selfcheck()
        v.choose_mode(mode)
        v.submit_button.click()
        out = v.result.value
        assert v.verdict is None and v.example is None
        assert "selfcheck-verdict" not in out and "lesson-caution" not in out and "Why:" not in out
        assert out.count("<p") == 1 and "Answer the questions above first" in out
        assert v.announcer.message == rules.form.answer_first and v.announcer.count == 1
        assert v.announcer.focus.endswith(".selfcheck-first")
    v.answer("pain", "no")  # one answer: the rest count as "not sure", as before
    assert v.submit().outcome == "same_day" and "count as &#x27;not sure&#x27;" in v.result.value


def test_the_verdict_is_a_box_with_its_kind_icon_and_title_announced_and_focused():
    rules = load_rules()
    seen = {}
    for outcome, setup in {
        "emergency": lambda v: v.answer("face_drooping", "yes"),
        "same_day": lambda v: v.answer("new_weakness", "yes"),
        "book_visit": lambda v: v.answer("stiffness", "yes"),
        "no_warning_signs": lambda v: None,
    }.items():
        v = calm(selfcheck())
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
        seen[outcome] = (o.kind, o.title)
    kinds = [k for k, _ in seen.values()]
    assert len(set(kinds)) == 4  # told apart in words too, not only by colour and icon


def test_not_sure_cautions_come_first_in_one_box_and_many_reasons_fold_away():
    v = calm(selfcheck())
    for q in EMERGENCY_SIGNS[:4]:
        v.answer(q, "unsure")
    v.submit()
    out = v.result.value
    assert v.verdict.outcome == "same_day" and len(v.verdict.cautions) == 4
    assert out.count('class="lesson-caution"') == 1 and out.index("lesson-caution") < out.index("<section")
    assert all(c in out for c in v.verdict.cautions)
    assert v.announcer.message.startswith(v.verdict.cautions[0])
    assert '<details class="selfcheck-why">' in out  # 4 reasons: folded, the verdict stays short
    v = calm(selfcheck())
    v.answer("stiffness", "yes")
    v.submit()
    assert '<details class="selfcheck-why" open>' in v.result.value


def test_sources_are_named_links_not_raw_addresses():
    import re

    rules = load_rules()
    page = "".join(w.value for w in _walk(selfcheck()) if isinstance(w, W.HTML))
    for s in rules.sources.values():
        if s.url:
            assert re.search(rf'<a href="{re.escape(s.url)}"[^>]*>{re.escape(s.name)}</a>', page), s.name
    assert not re.search(r">\s*https?://", page), "an address shown as text"
    assert "beyond the article" not in page and "The course article" not in page
