"""The self-check widget, driven from Python: answer, tick, press the button, read the answer panel."""

import os

import ipywidgets as W

from widgets import selfcheck
from widgets.palette import CSS
from widgets.progress import ENV_DIR
from widgets.triage import load_rules
from widgets.views.selfcheck import SelfCheck

ALL_NO = ("sudden_weakness", "trouble_speaking", "trouble_swallowing", "trouble_breathing",
          "weakness", "wasting", "numbness", "pain")


def calm(view: SelfCheck, duration="days", fixes="not_tried") -> SelfCheck:
    for q in ALL_NO:
        view.answer(q, "no")
    view.answer("duration", duration)
    view.answer("fixes", fixes)
    return view


def test_urgent_signs_are_asked_first_with_labelled_radio_buttons_and_help():
    v = selfcheck()
    assert isinstance(v, SelfCheck) and CSS["selfcheck"] in v._dom_classes
    order = list(v.questions)
    assert order[:4] == ["sudden_weakness", "trouble_speaking", "trouble_swallowing", "trouble_breathing"]
    assert order[4:] == ["weakness", "wasting", "numbness", "pain", "duration", "fixes"]
    for q in v.questions.values():
        assert isinstance(q.input, W.RadioButtons) and q.input.description and q.input.value is None
        assert "What does this mean?" in q.help.value
        assert CSS["selfcheck_item"] in q._dom_classes
    assert [o[0] for o in v.questions["pain"].input.options] == ["Yes", "No", "Not sure"]
    assert "Not sure" in [o[0] for o in v.questions["duration"].input.options]
    assert not any(isinstance(w, (W.FloatSlider, W.IntSlider)) for w in _walk(v))
    assert CSS["selfcheck_submit"] in v.submit_button._dom_classes
    assert v.submit_button.description == "Show my next step"
    assert CSS["selfcheck_result"] in v.result._dom_classes
    assert "https://" in v.children[2].value          # the source for the urgent signs is cited


def _walk(w):
    yield w
    for c in getattr(w, "children", ()):
        yield from _walk(c)


def test_triggers_only_give_tailored_steps_and_no_reassurance():
    v = calm(selfcheck())
    v.tick("caffeine")
    v.tick("tight_shoes")
    v.submit_button.click()
    out = v.result.value
    rules = load_rules()
    assert v.verdict.outcome == "no_warning_signs"
    assert "None of the warning signs on this list" in out
    assert "Cut back on caffeine" in out and "roomier" in out
    assert rules.trigger("stress").step not in out
    assert "not a diagnosis" in out and "gets worse, lasts, or anything else worries you" in out
    assert "harmless" not in out.lower() and "nothing to worry" not in out.lower()


def test_a_red_flag_shows_see_a_professional_naming_it():
    v = calm(selfcheck())
    v.answer("numbness", "yes")
    v.tick("stress")
    verdict = v.submit()
    assert verdict.outcome == "professional"
    assert "See a healthcare professional" in v.result.value
    assert "Lost feeling or tingling that stays: Yes" in v.result.value
    assert "None of the warning signs" not in v.result.value
    assert "Things you can try" not in v.result.value     # no self-care list beside a red flag


def test_an_urgent_sign_goes_above_everything():
    v = calm(selfcheck())
    v.answer("pain", "yes")
    v.answer("trouble_breathing", "yes")
    v.submit()
    out = v.result.value
    assert v.verdict.outcome == "urgent"
    assert out.index("Get urgent medical help now") < out.index("Why:") < out.index("Pain with the twitching")


def test_not_sure_on_an_urgent_sign_puts_the_urgent_line_on_top():
    v = calm(selfcheck())
    v.answer("trouble_speaking", "not sure")
    v.submit()
    out = v.result.value
    assert v.verdict.outcome == "professional"
    assert out.index("get urgent medical help now") < out.index("See a healthcare professional")


def test_unanswered_questions_count_as_not_sure_and_say_so():
    v = selfcheck()
    v.answer("trouble_breathing", "no")
    v.submit()
    assert v.verdict.outcome == "professional"
    assert "count as &#x27;not sure&#x27;" in v.result.value
    assert "fixes" in v.unanswered and "trouble_breathing" not in v.unanswered


def test_changing_an_answer_withdraws_the_old_verdict_and_clear_wipes_everything():
    v = calm(selfcheck())
    v.submit()
    assert v.verdict.outcome == "no_warning_signs"
    v.answer("wasting", "yes")
    assert v.verdict is None and "None of the warning signs" not in v.result.value
    v.tick("caffeine")
    v.clear_button.click()
    assert all(q.input.value is None for q in v.questions.values())
    assert not any(b.value for b in v.triggers.values())
    assert "cleared" in v.result.value


def test_text_from_the_rules_is_escaped():
    rules = load_rules()
    bad = rules.model_copy(update={"always": list(rules.always) + ["<script>alert(1)</script> see a professional"]})
    v = calm(SelfCheck(bad))
    v.submit()
    assert "<script>" not in v.result.value and "&lt;script&gt;" in v.result.value


def test_nothing_is_saved_anywhere():
    folder = os.environ[ENV_DIR]
    before = sorted(os.listdir(folder))
    v = calm(selfcheck())
    v.answer("weakness", "yes")
    v.tick("stress")
    v.submit()
    v.clear()
    assert sorted(os.listdir(folder)) == before
    import widgets.views.selfcheck as module
    src = open(module.__file__, encoding="utf-8").read()
    assert "progress" not in src and "open(" not in src
