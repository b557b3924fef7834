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
