"""Property tests on the rule loader: a rule file that could send a warning sign to a calmer step never loads."""

import copy

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets import triage as T
from widgets.load import CONTENT_DIR, ContentError, validate
from widgets.model import SIGNS
from widgets.triage_model import TriageRules

from .triage_spec import EMERGENCY, LEVEL, SAME_DAY

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
)


def load(raw) -> TriageRules:
    return validate(TriageRules, raw, "mutated-triage.yaml")


def least(q: str, a: str) -> int:
    if q == "duration":
        return 1 if a in ("over_2_weeks", "unsure") else 0
    if a == "no":
        return 0
    if q in EMERGENCY:
        return 3 if a == "yes" else 2
    return 2 if q in SAME_DAY else 1


def unsafe(rules: TriageRules) -> bool:
    """Independent oracle: run the engine on every single answer (every rule reads one question, so every
    input's verdict is the most urgent of these) and look for an answer sent to a calmer step, or a 'not sure'
    on an emergency sign without 'call ... now' on top."""
    calm = dict.fromkeys(SIGNS, "no") | {"duration": "under_1_week"}
    for q, answers in [(q, ("no", "yes", "unsure")) for q in SIGNS] + [("duration", T.DURATIONS)]:
        for a in answers:
            v = T.check(calm | {q: a}, rules=rules)[0]
            if LEVEL[v.outcome] < least(q, a):
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
        change = draw(st.sampled_from(["keep"] * 6 + ["downgrade", "drop_answer", "no_caution", "swap_question"]))
        if change == "downgrade":
            rule["outcome"] = {"emergency": "same_day", "same_day": "book_visit", "book_visit": "no_warning_signs"}.get(
                rule["outcome"], rule["outcome"]
            )
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
    assert not unsafe(rules), "the loader accepted a rule file that sends a warning sign to a calmer step"


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(SIGNS), st.sampled_from(["yes", "unsure"]))
def test_removing_the_rule_for_an_answer_is_rejected_by_name(question, answer):
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
    where = data.draw(
        st.sampled_from(["outcomes", "rules", "always", "triggers", "emergency_signs", "book_visit_signs"])
    )
    if where == "always":
        i = data.draw(st.integers(0, len(raw["always"]) - 1))
        raw["always"][i] += f" It is {phrase}."
        want_entry, want_field = None, f"always[{i}]"
    else:
        field = {
            "outcomes": "where",
            "rules": "reason",
            "triggers": "step",
            "emergency_signs": "help",
            "book_visit_signs": "help",
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


@pytest.mark.parametrize(
    "change,field,words",
    [
        (
            lambda r: r["rules"].append(
                {"id": "t", "when": {"caffeine": ["yes"]}, "outcome": "book_visit", "source": "article", "reason": "x"}
            ),
            "when",
            "is a trigger",
        ),
        (
            lambda r: r["rules"].append(
                {"id": "t", "when": {"pain": ["no"]}, "outcome": "book_visit", "source": "article", "reason": "x"}
            ),
            "when",
            "has no answer 'no'",
        ),
        (
            lambda r: r["rules"].append(
                {
                    "id": "t",
                    "when": {"duration": ["under_1_week"]},
                    "outcome": "book_visit",
                    "source": "article",
                    "reason": "x",
                }
            ),
            "rules",
            "which is no warning sign",
        ),
        (
            lambda r: r["rules"].append(
                {
                    "id": "t",
                    "when": {"pain": ["yes"], "stiffness": ["yes"]},
                    "outcome": "book_visit",
                    "source": "article",
                    "reason": "x",
                }
            ),
            "when",
            "at most 1 item",
        ),
        (
            lambda r: r["rules"].append(
                {"id": "t", "when": {"pain": ["yes"]}, "outcome": "emergency", "source": "article", "reason": "x"}
            ),
            "rules",
            "only a 'yes' to an emergency sign",
        ),
        (lambda r: _rule("visit-pain")(r).update(source="wikipedia"), "rules", "not in sources"),
        (lambda r: r["book_visit_signs"].pop(), "book_visit_signs", "expected exactly the ids"),
        (lambda r: r["always"].pop(0), "always", "not a diagnosis"),
        (lambda r: r["always"].pop(1), "always", "not saved"),
        (lambda r: _rule("unsure-face")(r).pop("caution"), "rules", "caution containing 'call 999 / 112 / 911 now'"),
        (lambda r: _rule("emergency-face")(r).update(outcome="no_warning_signs"), "rules", "unsafe"),
        (lambda r: r["outcomes"][0].update(title="Get urgent help now"), "outcomes", "must name the emergency numbers"),
        (lambda r: r["outcomes"][2].update(tell="Tell someone."), "outcomes", "route for under-18s"),
        (lambda r: r["outcomes"][0].update(where="Call 999 now."), "where", "names an emergency number itself"),
        (lambda r: r["outcomes"][0].update(where="Call {police}."), "where", "unknown placeholder"),
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
    for rid in ("visit-pain", "visit-wasting", "emergency-breathing", "visit-over-2-weeks", "same-day-weakness"):
        bad = good.model_copy(update={"rules": [r for r in good.rules if r.id != rid]})
        assert unsafe(bad), rid
    no_caution = [r.model_copy(update={"caution": None}) if r.id == "unsure-seeing" else r for r in good.rules]
    assert unsafe(good.model_copy(update={"rules": no_caution}))
