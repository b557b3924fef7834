"""The stepped self-check engine on the answers of the issue-11 and issue-23 defects, each expected step named from
its cited source.

Sign ids and tiers come from tests/triage_spec.py (written from the sources), not from the rule file under test:
CDC "Signs and symptoms of stroke" and NHS "Stroke symptoms" (FAST), NHS "Guillain-Barré syndrome", NHS "Asthma
attacks", NHS "Sprains and strains" and NICE CKS (the Ottawa ankle rules), NHS "Twitching eyes and muscles",
NHS "Foot drop", MedlinePlus "Tibial nerve dysfunction", NHS "Transient ischaemic attack (TIA)".
"""

import itertools

import pytest

from tests.triage_spec import BOOK_VISIT, CALL, EMERGENCY, SAME_DAY, STEP, URGENT_CARE
from widgets.content.load import load_triage_rules
from widgets.content.model import DURATIONS, EMERGENCY_SIGNS, OUTCOMES, SIGNS, SelfCheckAnswers
from widgets.content.vocab import STEPS
from widgets.engine import triage as T

RULES = load_triage_rules()
UK = load_triage_rules(region="uk")
CALM = dict.fromkeys(SIGNS, "no") | {"duration": "under_1_week"}
WORD = {o.id: o.text for o in RULES.step(STEP[EMERGENCY[0]]).options}  # step 1's answers ("Yes, today", ...)


def run(rules=RULES, ticked=(), **choices) -> T.Verdict:
    """The real form path (the button pressed on every step): every question answered "no" / "Less than 1 week"
    unless given. Fails if the form asks again instead of giving a verdict."""
    result = T.run(CALM | choices, ticked, rules=rules)
    assert isinstance(result, T.Verdict), result
    return result


def test_vocabulary_is_the_sources():
    assert EMERGENCY_SIGNS == EMERGENCY  # the emergency list, in care.yaml's order
    assert set(SIGNS) == set(EMERGENCY + URGENT_CARE + SAME_DAY + BOOK_VISIT) and len(SIGNS) == 23
    assert OUTCOMES == ("emergency", "urgent_care", "same_day", "book_visit", "no_warning_signs")
    assert tuple(dict.fromkeys(STEP.values())) == STEPS  # the screens, in the order the spec asks them
    assert {q: RULES.questions_of(STEP[q]) for q in STEP} == {
        q: [p for p in (*SIGNS, "duration") if STEP[p] == STEP[q]] for q in STEP
    }


# -- issue 11 item 1: sudden numbness without weakness was "Book a visit" --------------------------------
def test_sudden_numbness_on_one_side_without_weakness_is_an_emergency():
    """CDC: 'sudden numbness or weakness in the face, arm, or leg, especially on one side of the body'."""
    v = run(sudden_weakness="no", sudden_numbness="yes")
    assert v.outcome == "emergency" and v.lines()[0] == CALL


@pytest.mark.parametrize("sign", EMERGENCY)
def test_each_sign_of_the_emergency_list_is_an_emergency(sign):
    v = run(**{sign: "yes"})
    assert v.outcome == "emergency" and v.lines()[0] == CALL and not v.cautions
    assert [r.rule for r in v.reasons] and RULES.item(sign).label in v.reasons[0].answer


@pytest.mark.parametrize("sign", EMERGENCY)
def test_a_step1_yes_ends_the_form_at_once_whatever_is_still_blank(sign):
    """Issue 23: a "yes, now or today" needs no other answer; blanks elsewhere can never make it calmer."""
    got = T.advance({sign: "yes"}, rules=RULES)
    assert isinstance(got, T.Verdict) and got.outcome == "emergency"
    assert [r.answer for r in got.reasons] in ([f"{RULES.item(sign).label}: {w}"] for w in ("Yes", WORD["yes"]))


def test_face_drooping_seeing_balance_confusion_and_headache_are_asked():
    """NHS FAST (face), the CDC list (seeing, balance, severe headache) and NHS/CDC sudden confusion (issue 23)."""
    for sign in ("face_drooping", "trouble_seeing", "trouble_balance", "severe_headache", "sudden_confusion"):
        assert run(**{sign: "yes"}).outcome == "emergency", sign


# -- issue 11 item 5 / issue 23 item 7: where to get care; who calls ------------------------------------
def test_emergency_verdict_never_says_if_it_lasts_and_says_who_calls():
    v = T.triage(SelfCheckAnswers(signs=["trouble_breathing", "pain"], duration="over_2_weeks"), RULES)
    text = "\n".join(v.lines()).lower()
    assert "lasts" not in text and "weeks" not in " ".join((*v.closing, v.where, v.title, v.tell)).lower()
    assert v.lines()[0] == CALL
    first = v.do_now[0]
    assert first.startswith("Shout for the nearest adult and ask them to call 999 / 112 / 911")
    assert "If no adult is right there, call 999 / 112 / 911 yourself" in first
    assert v.tell.startswith("Then tell a parent or carer") and "under 18" in v.tell.lower()
    assert v.lines().index(v.tell) > v.lines().index(first)
    assert [r.rule for r in v.reasons] == ["emergency-breathing"]  # only the reasons of the verdict's own level


def test_new_weakness_over_days_means_get_help_today_naming_the_advice_line():
    v = run(new_weakness="yes")
    assert v.outcome == "same_day" and "today" in v.title.lower() and "a doctor today" in v.where
    assert any("999 / 112 / 911" in line for line in v.do_now)  # if it gets worse fast
    uk = run(UK, new_weakness="yes")
    assert "NHS 111" in uk.where and "NHS 24" in uk.where and any("call 999 now" in line for line in uk.do_now)


def test_spreading_numbness_means_get_help_today():
    assert run(spreading_numbness="yes").outcome == "same_day"


# -- issue 23 item 3: injuries go to urgent care, never the same-day GP ------------------------------------
@pytest.mark.parametrize("sign", URGENT_CARE)
def test_each_injury_sign_is_urgent_care_with_the_first_aider_first(sign):
    v = run(**{sign: "yes"})
    assert v.outcome == "urgent_care" and not v.cautions
    assert "first aider" in v.do_now[0] and "under 18" in v.tell.lower()
    assert "wrong place" in v.where and "X-ray" in v.where
    assert [r.answer for r in v.reasons] == [f"{RULES.item(sign).label}: Yes"]
    uk = run(UK, **{sign: "yes"})
    assert "urgent treatment centre" in uk.where and "minor injuries unit" in uk.where and "111" not in uk.where


def test_a_twisted_ankle_that_cannot_take_four_steps_and_hurts_is_urgent_care_not_a_visit():
    v = run(injury_cannot_walk="yes", pain="yes")
    assert v.outcome == "urgent_care" and [r.rule for r in v.reasons] == ["urgent-injury-four-steps"]


def test_urgent_care_outranks_same_day_and_loses_to_an_emergency():
    assert run(injury_deformed="yes", new_weakness="yes").outcome == "urgent_care"
    assert run(injury_deformed="yes", face_drooping="unsure").outcome == "urgent_care"
    assert T.triage(SelfCheckAnswers(signs=["injury_deformed", "sudden_weakness"]), RULES).outcome == "emergency"


# -- issue 11 item 4: the NHS twitching page's questions --------------------------------------------------
@pytest.mark.parametrize("sign", BOOK_VISIT)
def test_each_see_a_gp_sign_books_a_visit(sign):
    v = run(**{sign: "yes"})
    assert v.outcome == "book_visit" and "book" in v.title.lower() and len(v.reasons) == 1


def test_more_than_2_weeks_books_a_visit_and_3_weeks_has_one_obvious_choice():
    assert run(duration="over_2_weeks").outcome == "book_visit"
    assert run(duration="unsure").outcome == "book_visit"
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
    """Issue 23 item 9: "don't stop it on your own"."""
    v = run(medicine="yes")
    assert v.outcome == "book_visit"
    for text in (v.reasons[0].why, RULES.item("medicine").help):
        assert "do not stop a medicine on your own: ask the person who prescribed it" in text.lower()


def test_weakness_that_comes_and_goes_still_counts():
    """Weakness is what you cannot do; rest does not cancel it. Issue 23 item 9: the lasting weakness question's
    own text says so (not only its help)."""
    for sign in ("new_weakness", "lasting_weakness"):
        h = RULES.item(sign).help.lower()
        assert "front of the foot" in h and "tiptoe" in h
    assert "comes and goes" in RULES.item("new_weakness").help and "still counts" in RULES.item("new_weakness").help
    assert "comes and goes" in RULES.item("lasting_weakness").text


def test_weakness_of_any_speed_has_a_question():
    """Minutes or hours: emergency (CDC); a day or a few days: today (NHS Guillain-Barré, not downgraded in issue
    23); weeks, or foot drop that came on slowly: a visit (NHS foot drop: see a GP)."""
    assert [run(**{s: "yes"}).outcome for s in ("sudden_weakness", "new_weakness", "lasting_weakness")] == [
        "emergency",
        "same_day",
        "book_visit",
    ]
    assert "drag" in RULES.item("lasting_weakness").help and "weeks" in RULES.item("lasting_weakness").help


# -- "not sure" and "before today": never calm text --------------------------------------------------------
@pytest.mark.parametrize("sign", EMERGENCY)
def test_not_sure_on_an_emergency_sign_gets_help_today_with_call_now_on_top(sign):
    v = run(**{sign: "unsure"})
    assert v.outcome == "same_day"
    assert "call 999 / 112 / 911 now" in v.lines()[0].lower() and v.lines()[0] in v.cautions


@pytest.mark.parametrize("sign", EMERGENCY)
def test_before_today_and_gone_on_an_emergency_sign_gets_help_today(sign):
    """NHS TIA: "If you think you've had a TIA in the past and have not seen a doctor, get an urgent GP
    appointment." (and the asthma and Guillain-Barré pages for the others)."""
    v = run(**{sign: "earlier"})
    assert v.outcome == "same_day" and not v.cautions
    assert [r.answer for r in v.reasons] == [f"{RULES.item(sign).label}: {WORD['earlier']}"]


@pytest.mark.parametrize("sign", URGENT_CARE + SAME_DAY + BOOK_VISIT)
def test_not_sure_on_any_other_sign_is_at_least_its_tier(sign):
    tier = "urgent_care" if sign in URGENT_CARE else "same_day" if sign in SAME_DAY else "book_visit"
    assert run(**{sign: "unsure"}).outcome == tier


# -- blanks: never an answer (issue 23 item 1) ---------------------------------------------------------------
def test_a_blank_is_never_an_answer():
    with pytest.raises(ValueError, match="not answered"):
        T.answers_from_choices({"trouble_breathing": "no", "pain": "yes"}, ["stress"])
    step1 = dict.fromkeys(EMERGENCY, "no")
    answers = T.answers_from_choices(step1, ["stress", "bogus"], upto="sudden")  # later steps not asked yet
    assert answers == SelfCheckAnswers(triggers=["stress"])
    with pytest.raises(ValueError):
        T.answers_from_choices(dict.fromkeys(T.QUESTIONS, "no") | {"duration": "3 weeks"})


@pytest.mark.parametrize("sign", ["trouble_breathing", "injury_cannot_walk", "pain"])
def test_an_unknown_answer_to_a_sign_is_refused_never_read_as_no(sign):
    with pytest.raises(ValueError):
        T.answers_from_choices(CALM | {sign: "maybe"})


def test_the_form_asks_again_naming_only_the_blanks_of_the_first_step_with_one():
    form = CALM | {"face_drooping": None, "pain": None, "duration": None}
    for at in STEPS:
        assert T.advance(form, at=at, rules=RULES) == T.Ask("sudden", ("face_drooping",))
    assert T.run(form, rules=RULES) == T.Ask("sudden", ("face_drooping",))
    form["face_drooping"] = "no"
    assert T.run(form, rules=RULES) == T.Ask(STEP["pain"], ("pain",))
    form["pain"] = "no"
    assert T.run(form, rules=RULES) == T.Ask(STEP["duration"], ("duration",))
    assert T.advance({}, rules=RULES) == T.Ask("sudden", EMERGENCY)


def test_steps_come_in_order_and_a_settled_verdict_ends_the_form():
    for at, then in itertools.pairwise(STEPS):
        assert T.advance(CALM, at=at, rules=RULES) == T.Ask(then)
    assert T.advance(CALM, at=STEPS[-1], rules=RULES).outcome == "no_warning_signs"
    # after step 2, "get help today" or more ends the form: the later steps can only lead to a booked visit
    for sign, outcome in (("new_weakness", "same_day"), ("injury_numb_cold", "urgent_care")):
        got = T.advance(CALM | {sign: "yes", "pain": None}, at="today", rules=RULES)
        assert isinstance(got, T.Verdict) and got.outcome == outcome
    # a booked visit after step 3 ends it: how long and the triggers cannot raise it
    got = T.advance(CALM | {"stiffness": "yes", "duration": None}, at="visit", rules=RULES)
    assert isinstance(got, T.Verdict) and got.outcome == "book_visit" and not got.steps


# -- everyday steps only when no warning sign ---------------------------------------------------------------
def test_calm_answers_give_the_steps_for_the_triggers_ticked_and_when_to_come_back():
    v = T.triage(SelfCheckAnswers(duration="1_to_2_weeks", triggers=["tight_shoes", "little_water"]), RULES)
    assert v.outcome == "no_warning_signs" and not v.reasons and not v.cautions
    assert v.steps == (RULES.trigger("little_water").step, RULES.trigger("tight_shoes").step)
    assert any("more than 2 weeks" in line for line in v.closing)
    assert run(ticked=("tight_shoes", "little_water"), duration="1_to_2_weeks") == v
    assert run().steps == (RULES.no_triggers,)


def test_every_verdict_has_a_route_for_under_18s_and_says_not_saved_and_not_a_diagnosis():
    for oid in OUTCOMES:
        o = RULES.outcome(oid)
        assert "under 18" in o.tell.lower() and ("adult" in o.tell.lower() or "parent" in o.tell.lower())
    v = run(stiffness="yes")
    text = "\n".join(v.lines())
    assert "not a diagnosis" in text and "not saved" in text


# -- explore mode: never a verdict about the learner (issue 23 item 1) ---------------------------------------
@pytest.mark.parametrize(
    ("choices", "ticked"),
    [
        ({}, ()),
        ({}, ("stress",)),
        ({"duration": "over_2_weeks"}, ()),
        ({"pain": "no"}, ("caffeine",)),
        ({"face_drooping": "yes"}, ()),
        (CALM | {"injury_deformed": "yes"}, ()),
    ],
)
def test_exploring_always_gives_the_example_never_a_verdict(choices, ticked):
    result = T.run(choices, ticked, rules=RULES, exploring=True)
    assert isinstance(result, T.Example) and result.label == "Example, not about you"
    assert "not about you" in result.steps_label
    assert result.verdict == T.triage(RULES.example.answers, RULES)  # the made-up person's, never the learner's
    assert result.steps == tuple(t.step for t in RULES.triggers if t.id in ticked)


def test_exploring_walks_every_step_and_ignores_blanks():
    for i, at in enumerate(STEPS[:-1]):
        assert T.advance({}, at=at, rules=RULES, exploring=True) == T.Ask(STEPS[i + 1])
    assert isinstance(T.advance({}, at=STEPS[-1], rules=RULES, exploring=True), T.Example)


def test_engine_keeps_no_proof_machinery_and_imports_no_widgets_or_numpy():
    import subprocess
    import sys

    code = (
        "import sys, widgets.engine.triage; "
        "print(sorted({m.split('.')[0] for m in sys.modules} & {'ipywidgets', 'plotly', 'numpy'}))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()
    assert out == "[]"
    assert not any(hasattr(T, name) for name in ("decide", "encode", "decode", "CODES", "check"))


def test_every_rule_cites_and_quotes_a_source_with_an_address_and_a_date():
    for r in RULES.rules:
        assert r.source in RULES.sources and len(r.quote) > 20, r.id
    for key, s in RULES.sources.items():
        assert s.read == "2026-12-07", key
        assert key == "article" or s.url.startswith("https://"), key
    emergency = {r.source for r in RULES.rules if r.outcome == "emergency"}
    assert emergency <= {"cdc_stroke", "nhs_stroke", "nhs_gbs", "nhs_asthma_attack"}
    assert {r.source for r in RULES.rules if r.outcome == "urgent_care"} == {"nhs_sprains", "nice_ankle"}
    # a stroke sign that came and went, never checked: the NHS TIA page (a past TIA -> an urgent GP appointment)
    stroke = ("face_drooping", "sudden_weakness", "sudden_numbness", "trouble_speaking", "sudden_confusion")
    earlier = {r.question: r.source for r in RULES.rules if r.when[r.question] == ["earlier"]}
    assert set(earlier) == set(EMERGENCY) and all(earlier[q] == "nhs_tia" for q in stroke), earlier
