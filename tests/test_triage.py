"""The self-check engine on the answers of the issue-11 defects, each expected step named from its cited source.

Sign ids are named here from the sources, not read from the rule file under test:
CDC "Signs and symptoms of stroke" and NHS "Stroke symptoms" (FAST), NHS "Guillain-Barré syndrome",
NHS "Twitching eyes and muscles", MedlinePlus "Tibial nerve dysfunction".
"""

import pytest

from widgets import triage as T
from widgets.load import load_triage_rules
from widgets.model import DURATIONS, EMERGENCY_SIGNS, OUTCOMES, SIGNS, SelfCheckAnswers

from .triage_spec import BOOK_VISIT, CALL, EMERGENCY, SAME_DAY

RULES = load_triage_rules()


def run(**choices) -> T.Verdict:
    """The real form path: every question answered "no" / "Less than 1 week" unless given."""
    form = dict.fromkeys(SIGNS, "no") | {"duration": "under_1_week"} | choices
    result, _ = T.check(form, rules=RULES)
    return result


def test_vocabulary_is_the_sources():
    assert set(EMERGENCY_SIGNS) == set(EMERGENCY)
    assert set(SIGNS) == set(EMERGENCY + SAME_DAY + BOOK_VISIT) and len(SIGNS) == 19
    assert OUTCOMES == ("emergency", "same_day", "book_visit", "no_warning_signs")


# -- issue 11 item 1: sudden numbness without weakness was "Book a visit" --------------------------------
def test_sudden_numbness_on_one_side_without_weakness_is_an_emergency():
    """CDC: 'sudden numbness or weakness in the face, arm, or leg, especially on one side of the body'."""
    v = run(sudden_weakness="no", sudden_numbness="yes")
    assert v.outcome == "emergency" and v.lines()[0] == CALL


@pytest.mark.parametrize("sign", EMERGENCY)
def test_each_sudden_stroke_sign_and_breathing_swallowing_spreading_weakness_is_an_emergency(sign):
    v = run(**{sign: "yes"})
    assert v.outcome == "emergency" and v.lines()[0] == CALL and not v.cautions
    assert [r.rule for r in v.reasons] and RULES.item(sign).label in v.reasons[0].answer


def test_face_drooping_seeing_balance_and_headache_are_asked():
    """NHS FAST (face) and the CDC list (seeing, balance, severe headache) were missing from the old check."""
    for sign in ("face_drooping", "trouble_seeing", "trouble_balance", "severe_headache"):
        assert run(**{sign: "yes"}).outcome == "emergency", sign


# -- issue 11 item 5: where to get care, most urgent first; no "if it lasts" on an emergency ------------
def test_emergency_verdict_never_says_if_it_lasts_and_tells_an_adult_only_after_calling():
    v = run(trouble_breathing="yes", pain="yes", duration="over_2_weeks")
    text = "\n".join(v.lines()).lower()
    assert "lasts" not in text and "weeks" not in " ".join((*v.closing, v.where, v.title, v.tell)).lower()
    assert v.lines()[0] == CALL
    assert "under 18" in v.tell.lower() and "if no adult is with you, call yourself" in v.tell.lower()
    assert v.lines().index(v.tell) > 0
    assert next(r.rule for r in v.reasons).startswith("emergency")  # most urgent reason first


def test_new_weakness_over_days_means_get_help_today_naming_the_advice_line():
    v = run(new_weakness="yes")
    assert v.outcome == "same_day" and "today" in v.title.lower() and "NHS 111" in v.where
    assert any("999 / 112 / 911" in line for line in v.do_now)  # if it gets worse fast


def test_spreading_numbness_means_get_help_today():
    assert run(spreading_numbness="yes").outcome == "same_day"


# -- issue 11 item 4: the NHS twitching page's questions --------------------------------------------------
@pytest.mark.parametrize("sign", BOOK_VISIT)
def test_each_nhs_see_a_gp_sign_books_a_visit(sign):
    v = run(**{sign: "yes"})
    assert v.outcome == "book_visit" and "book" in v.title.lower() and len(v.reasons) == 1


def test_more_than_2_weeks_books_a_visit_and_3_weeks_has_one_obvious_choice():
    assert run(duration="over_2_weeks").outcome == "book_visit"
    texts = {c.id: c.text for c in RULES.duration.choices}
    assert DURATIONS == ("under_1_week", "1_to_2_weeks", "over_2_weeks", "unsure")
    assert texts == {
        "under_1_week": "Less than 1 week",
        "1_to_2_weeks": "1 to 2 weeks",
        "over_2_weeks": "More than 2 weeks",
        "unsure": "Not sure",
    }
    assert "3 weeks" in RULES.duration.help and "more than 2 weeks" in RULES.duration.help
    assert run(duration="1_to_2_weeks").outcome == "no_warning_signs"


def test_a_medicine_never_means_stop_it():
    v = run(medicine="yes")
    assert v.outcome == "book_visit"
    assert "do not stop a prescribed medicine without asking the person who prescribed it" in v.reasons[0].why.lower()
    assert "do not stop a prescribed medicine" in RULES.item("medicine").help.lower()


def test_weakness_that_comes_and_goes_still_counts():
    """Issue 11 item 2 (the self-check help text): weakness is what you cannot do, and rest does not cancel it."""
    for sign in ("new_weakness", "lasting_weakness"):
        h = RULES.item(sign).help.lower()
        assert "comes and goes" in h and "still counts" in h and "front of the foot" in h and "tiptoe" in h


def test_weakness_of_any_speed_has_a_question():
    """Minutes or hours: emergency (CDC); a day or a few days: today (NHS Guillain-Barré); weeks: a visit (NHS)."""
    assert [run(**{s: "yes"}).outcome for s in ("sudden_weakness", "new_weakness", "lasting_weakness")] == [
        "emergency",
        "same_day",
        "book_visit",
    ]


# -- "not sure": never calm text ---------------------------------------------------------------------------
@pytest.mark.parametrize("sign", EMERGENCY)
def test_not_sure_on_an_emergency_sign_gets_help_today_with_call_now_on_top(sign):
    v = run(**{sign: "unsure"})
    assert v.outcome == "same_day"
    assert "call 999 / 112 / 911 now" in v.lines()[0].lower() and v.lines()[0] in v.cautions


@pytest.mark.parametrize("sign", SAME_DAY + BOOK_VISIT)
def test_not_sure_on_any_other_sign_is_at_least_its_tier(sign):
    assert run(**{sign: "unsure"}).outcome == ("same_day" if sign in SAME_DAY else "book_visit")


def test_unanswered_questions_count_as_not_sure():
    answers, missing = T.answers_from_choices({"trouble_breathing": "no", "pain": "yes"}, ["stress", "bogus"])
    assert missing == [q for q in SIGNS if q not in ("trouble_breathing", "pain")] + ["duration"]
    assert answers.signs == ["pain"] and answers.duration == "unsure" and answers.triggers == ["stress"]
    assert T.triage(answers, RULES).outcome == "same_day"  # unanswered emergency signs -> "not sure" -> today


# -- everyday steps only when no warning sign ---------------------------------------------------------------
def test_calm_answers_give_the_steps_for_the_triggers_ticked_and_when_to_come_back():
    v = T.triage(SelfCheckAnswers(duration="1_to_2_weeks", triggers=["tight_shoes", "little_water"]), RULES)
    assert v.outcome == "no_warning_signs" and not v.reasons and not v.cautions
    assert v.steps == (RULES.trigger("little_water").step, RULES.trigger("tight_shoes").step)
    assert any("more than 2 weeks" in line for line in v.closing)


def test_every_verdict_has_a_route_for_under_18s_and_says_not_saved_and_not_a_diagnosis():
    for oid in OUTCOMES:
        o = RULES.outcome(oid)
        assert "under 18" in o.tell.lower() and ("adult" in o.tell.lower())
    v = run(stiffness="yes")
    text = "\n".join(v.lines())
    assert "not a diagnosis" in text and "not saved" in text


# -- explore mode (issue 11, youngest learners) -------------------------------------------------------------
def test_exploring_with_nothing_answered_gives_the_example_not_a_verdict():
    result, missing = T.check({}, exploring=True, rules=RULES)
    assert isinstance(result, T.Example) and result.label == "Example, not about you"
    assert len(missing) == len(T.QUESTIONS)


def test_exploring_becomes_the_real_check_as_soon_as_one_item_is_answered():
    for choices, ticked in (({"pain": "no"}, ()), ({}, ("caffeine",))):
        result, _ = T.check(choices, ticked, exploring=True, rules=RULES)
        assert isinstance(result, T.Verdict) and result == T.check(choices, ticked, rules=RULES)[0]
        assert result.outcome == "same_day"  # the rest count as "not sure"


def test_engine_keeps_no_proof_machinery_and_imports_no_widgets_or_numpy():
    import subprocess
    import sys

    code = (
        "import sys, widgets.triage; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'ipywidgets', 'plotly', 'numpy'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"
    assert not any(hasattr(T, name) for name in ("decide", "encode", "decode", "CODES"))


def test_every_rule_cites_a_source_with_an_address():
    for r in RULES.rules:
        assert r.source in RULES.sources
    for key in ("cdc_stroke", "nhs_stroke", "nhs_gbs", "nhs_twitching", "nhs_111", "medlineplus_tibial"):
        assert RULES.sources[key].url.startswith("https://")
    assert {r.source for r in RULES.rules if r.outcome == "emergency"} <= {"cdc_stroke", "nhs_stroke", "nhs_gbs"}
