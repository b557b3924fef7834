"""Property tests on the rule loader: a rule file that could send a warning sign to a calmer step never loads."""

import copy

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.triage_spec import EMERGENCY, LEVEL, level_of
from widgets.content.load import CONTENT_DIR, ContentError, validate
from widgets.content.model import DURATIONS, SIGNS
from widgets.content.triage_model import TriageRules
from widgets.engine import triage as T

RAW = yaml.safe_load((CONTENT_DIR / "triage.yaml").read_text(encoding="utf-8"))
PHRASES = (
    "harmless",
    "nothing to worry about",
    "no need to see a doctor",
    "you're fine",
    "normal",
    "benign",
    "Don't worry",
    "You are fine",
    "sudden or severe",  # issue 23 item 4: every "call now" line names the emergency list instead
)
CALM = dict.fromkeys(SIGNS, "no") | {"duration": "under_1_week"}
# every answer each question offers, from the spec: "before today" only on a sign of the emergency list
ANSWERS = {q: ("no", "yes", "earlier", "unsure") if q in EMERGENCY else ("no", "yes", "unsure") for q in SIGNS}
ANSWERS["duration"] = DURATIONS


def load(raw) -> TriageRules:
    return validate(TriageRules, raw, "mutated-triage.yaml")


def unsafe(rules: TriageRules) -> bool:
    """Independent oracle: run the form (the button pressed on every step) on every single answer, the rest calm
    (every rule reads one question, so every input's verdict is the most urgent of these), and look for an answer
    sent to a calmer step than the sources ask (under-triage), to a more urgent step than its sign's tier (an
    alarm), or a 'not sure' on an emergency sign without 'call ... now' on top."""
    for q, answers in ANSWERS.items():
        for a in answers:
            v = T.run(CALM | {q: a}, rules=rules)
            assert isinstance(v, T.Verdict), (q, a, v)
            if LEVEL[v.outcome] != level_of(q, a):
                return True
            if q in EMERGENCY and a == "unsure" and "call 999 / 112 / 911 now" not in v.lines()[0].lower():
                return True
    return False


def test_shipped_rules_load_and_are_safe():
    assert not unsafe(load(copy.deepcopy(RAW)))


@st.composite
def mutated(draw):
    raw = copy.deepcopy(RAW)
    rules = raw["rules"]
    for i in sorted(draw(st.sets(st.integers(0, len(rules) - 1), max_size=4)), reverse=True):
        del rules[i]  # drop some rules
    for rule in rules:
        change = draw(
            st.sampled_from(["keep"] * 6 + ["downgrade", "upgrade", "drop_answer", "no_caution", "swap_question"])
        )
        if change in ("downgrade", "upgrade"):
            order = ["no_warning_signs", "book_visit", "same_day", "urgent_care", "emergency"]
            i = order.index(rule["outcome"]) + (1 if change == "upgrade" else -1)
            rule["outcome"] = order[min(max(i, 0), len(order) - 1)]
        elif change == "drop_answer":
            q = next(iter(rule["when"]))
            rule["when"][q] = rule["when"][q][1:]
        elif change == "no_caution":
            rule.pop("caution", None)
        elif change == "swap_question":  # the rule now reads another question
            ((q, answers),) = rule["when"].items()
            other = draw(st.sampled_from([s for s in SIGNS if s != q]))
            rule["when"] = {other: answers} if q != "duration" else rule["when"]
    return raw


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_a_file_that_can_calm_a_warning_sign_never_loads(raw):
    try:
        rules = load(raw)
    except ContentError as e:
        assert e.path == "mutated-triage.yaml" and "\n" not in str(e)
        return
    assert not unsafe(rules), "the loader accepted a rule file that sends an answer to a calmer or an alarming step"


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_removing_the_rule_for_an_answer_is_rejected_by_name(data):
    question = data.draw(st.sampled_from(SIGNS))
    answer = data.draw(st.sampled_from(ANSWERS[question][1:]))
    raw = copy.deepcopy(RAW)
    for r in raw["rules"]:
        if question in r["when"]:
            r["when"][question] = [a for a in r["when"][question] if a != answer]
    raw["rules"] = [r for r in raw["rules"] if all(r["when"].values())]
    with pytest.raises(ContentError) as info:
        load(raw)
    err = info.value
    assert err.field == "rules" and "unsafe" in err.problem and f"{question}: {answer}" in err.problem, err


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_a_reassuring_phrase_anywhere_is_rejected_naming_entry_and_field(data):
    raw = copy.deepcopy(RAW)
    phrase = data.draw(st.sampled_from(PHRASES))
    where = data.draw(st.sampled_from(["outcomes", "rules", "always", "triggers", "questions", "steps", "form"]))
    if where == "always":
        i = data.draw(st.integers(0, len(raw["always"]) - 1))
        raw["always"][i] += f" It is {phrase}."
        want_entry, want_field = None, f"always[{i}]"
    elif where == "steps":
        i = data.draw(st.integers(0, len(raw["steps"]) - 1))
        raw["steps"][i]["lead"] += f" It is {phrase}."
        want_entry, want_field = raw["steps"][i]["id"], "lead"  # a step is named by its id
    elif where == "form":
        raw["form"]["emergency_first"] += f" If it is {phrase}, call now."
        want_entry, want_field = None, "form.emergency_first"
    else:
        field = {
            "outcomes": "where",
            "rules": "reason",
            "triggers": "step",
            "questions": "help",
        }[where]
        entry = data.draw(st.sampled_from(raw[where]))
        entry[field] = f"{phrase}: " + entry[field]
        want_entry, want_field = entry["id"], field
    with pytest.raises(ContentError) as info:
        load(raw)
    err = info.value
    assert (err.entry, err.field) == (want_entry, want_field), str(err)
    assert "reassuring phrase" in err.problem


def _rule(rid):
    return lambda r: next(x for x in r["rules"] if x["id"] == rid)


def _add(when, outcome="book_visit"):
    """Append a rule reading `when` (with its source and quote, so only the point under test is wrong)."""
    rule = {"id": "t", "when": when, "outcome": outcome, "source": "article", "quote": "q", "reason": "x"}
    return lambda r: r["rules"].append(rule)


def _step(sid):
    return lambda r: next(s for s in r["steps"] if s["id"] == sid)


def _outcome(oid):
    return lambda r: next(o for o in r["outcomes"] if o["id"] == oid)


@pytest.mark.parametrize(
    "change,field,words",
    [
        (_add({"caffeine": ["yes"]}), "when", "is a trigger"),
        (_add({"pain": ["no"]}), "when", "may not read 'no'"),
        (_add({"pain": ["earlier"]}), "when", "may not read 'earlier'"),  # "before today": step 1 only
        (_add({"duration": ["under_1_week"]}), "rules", "which is no warning sign"),
        (_add({"pain": ["yes"], "stiffness": ["yes"]}), "when", "at most 1 item"),
        (_add({"pain": ["yes"]}, "emergency"), "rules", "alarm"),
        (_add({"injury_deformed": ["unsure"]}, "emergency"), "rules", "alarm"),
        (_add({"face_drooping": ["unsure"]}, "emergency"), "rules", "alarm"),  # "not sure" is never 999
        (lambda r: _rule("earlier-face")(r).update(outcome="emergency"), "rules", "alarm"),
        (lambda r: _rule("visit-pain")(r).update(source="wikipedia"), "rules", "not in sources"),
        (lambda r: _rule("urgent-injury-four-steps")(r).update(outcome="same_day"), "rules", "unsafe"),
        (lambda r: _rule("earlier-balance")(r).update(outcome="book_visit"), "rules", "unsafe"),
        (lambda r: r["questions"].pop(), "questions", "expected exactly the ids"),
        (lambda r: r["questions"].pop(4), "questions", "expected exactly the ids"),  # sudden_confusion
        (lambda r: r["questions"].insert(0, r["questions"].pop(6)), "questions", "in this order"),
        (lambda r: _step("sudden")(r)["options"].pop(1), "steps", "expected the answers"),
        (lambda r: _step("today")(r)["options"].append({"id": "earlier", "text": "x"}), "steps", "expected the ans"),
        (lambda r: r["steps"].pop(1), "steps", "expected exactly the ids"),
        (lambda r: r["always"].pop(0), "always", "not a diagnosis"),
        (lambda r: r["always"].pop(1), "always", "not saved"),
        (lambda r: _rule("unsure-face")(r).pop("caution"), "rules", "caution containing 'call 999 / 112 / 911 now'"),
        (lambda r: _rule("emergency-face")(r).update(outcome="no_warning_signs"), "rules", "unsafe"),
        (lambda r: _outcome("emergency")(r).update(title="Get urgent help now"), "outcomes", "emergency numbers"),
        (lambda r: _outcome("same_day")(r).update(tell="Tell someone."), "outcomes", "route for under-18s"),
        (lambda r: _outcome("urgent_care")(r)["do_now"].pop(0), "outcomes", "first aider"),
        (lambda r: _outcome("emergency")(r).update(where="Call 999 now."), "where", "names an emergency number"),
        (lambda r: _outcome("emergency")(r).update(where="Call {police}."), "where", "unknown placeholder"),
        (lambda r: _rule("visit-pain")(r).pop("quote"), "quote", "missing"),  # every rule quotes its source
        (lambda r: r["sources"]["nhs_tia"].update(read="7 Dec 2026"), "sources.nhs_tia.read", "pattern"),
    ],
)
def test_broken_rule_files_give_one_named_error(change, field, words):
    raw = copy.deepcopy(RAW)
    change(raw)
    with pytest.raises(ContentError) as info:
        load(raw)
    assert info.value.field == field and words.lower() in info.value.problem.lower(), str(info.value)


def test_the_oracle_can_fail():
    good = load(copy.deepcopy(RAW))
    for rid in (
        "visit-pain",
        "visit-wasting",
        "visit-numbness",
        "emergency-breathing",
        "emergency-confusion",
        "earlier-face",
        "urgent-injury-four-steps",
        "urgent-injury-numb-cold",
        "visit-over-2-weeks",
        "same-day-weakness",
    ):
        bad = good.model_copy(update={"rules": [r for r in good.rules if r.id != rid]})
        assert unsafe(bad), rid
    no_caution = [r.model_copy(update={"caution": None}) if r.id == "unsure-seeing" else r for r in good.rules]
    assert unsafe(good.model_copy(update={"rules": no_caution}))
    # an alarm: dizziness alone, or a pain, sent to an emergency
    for rid in ("visit-pain", "unsure-balance", "urgent-injury-shape"):
        loud = [r.model_copy(update={"outcome": "emergency"}) if r.id == rid else r for r in good.rules]
        assert unsafe(good.model_copy(update={"rules": loud})), rid
