"""Property tests on the rule loader: a rule file that could reassure someone with a red flag never loads."""

import copy

import numpy as np
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from widgets import triage as T
from widgets.load import ContentError, validate
from widgets.triage_model import TriageRules

RAW = yaml.safe_load(T.RULES_PATH.read_text(encoding="utf-8"))
ARTICLE_RED_FLAGS = ("weakness", "wasting", "numbness", "pain")
URGENT = ("sudden_weakness", "trouble_speaking", "trouble_swallowing", "trouble_breathing")
PHRASES = ("harmless", "nothing to worry about", "no need to see a doctor", "you're fine", "normal", "benign",
           "Don't worry", "You are fine")
GRID = dict(zip(URGENT + ARTICLE_RED_FLAGS + ("duration", "fixes"),
                np.indices((3,) * 8 + (4, 3), dtype=np.int8).reshape(10, -1)))


def load(raw) -> TriageRules:
    return validate(TriageRules, raw, "mutated-triage.yaml")


def unsafe(rules: TriageRules) -> bool:
    """Independent oracle: run every combination of answers and look for a reassured red flag or 'not sure'."""
    levels, _ = T.decide(GRID, rules)
    u = np.stack([GRID[q] for q in URGENT])
    r = np.stack([GRID[q] for q in ARTICLE_RED_FLAGS])
    careful = (r >= 1).any(axis=0) | (u == 2).any(axis=0) | (GRID["duration"] == 3) | (GRID["fixes"] == 2) \
        | (GRID["duration"] == 2)
    return bool((levels[(u == 1).any(axis=0)] < 2).any() or (levels[careful] < 1).any())


def test_shipped_rules_load_and_are_safe():
    assert not unsafe(load(copy.deepcopy(RAW)))


@st.composite
def mutated(draw):
    raw = copy.deepcopy(RAW)
    rules = raw["rules"]
    n = len(rules)
    for i in sorted(draw(st.sets(st.integers(0, n - 1), max_size=4)), reverse=True):
        del rules[i]                                                 # drop some rules
    for rule in rules:
        change = draw(st.sampled_from(["keep"] * 6 + ["downgrade", "narrow", "drop_answer", "no_caution"]))
        if change == "downgrade":
            rule["outcome"] = "professional"
        elif change == "narrow":                                     # fire only with some extra answer
            q = draw(st.sampled_from(["duration", "fixes", *ARTICLE_RED_FLAGS]))
            rule["when"].setdefault(q, {"duration": ["days"], "fixes": ["tried"]}.get(q, ["yes"]))
        elif change == "drop_answer":
            q = draw(st.sampled_from(sorted(rule["when"])))
            rule["when"][q] = rule["when"][q][1:]
        elif change == "no_caution":
            rule.pop("caution", None)
    return raw


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated())
def test_a_file_that_can_reassure_a_red_flag_never_loads(raw):
    try:
        rules = load(raw)
    except ContentError as e:
        assert e.path == "mutated-triage.yaml" and "\n" not in str(e)
        return
    assert not unsafe(rules), "the loader accepted a rule file that lets a red flag reach a reassuring outcome"


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(ARTICLE_RED_FLAGS + URGENT), st.sampled_from(["yes", "unsure"]))
def test_removing_the_rule_for_an_answer_is_rejected_by_name(question, answer):
    raw = copy.deepcopy(RAW)
    raw["rules"] = [r for r in raw["rules"] if answer not in r["when"].get(question, [])]
    with pytest.raises(ContentError) as info:
        load(raw)
    err = info.value
    assert err.field == "rules" and "unsafe" in err.problem and f"{question}: {answer}" in err.problem, err


@settings(max_examples=80, deadline=None)
@given(st.data())
def test_a_reassuring_phrase_anywhere_is_rejected_naming_entry_and_field(data):
    raw = copy.deepcopy(RAW)
    phrase = data.draw(st.sampled_from(PHRASES))
    where = data.draw(st.sampled_from(["outcomes", "rules", "always", "triggers", "red_flags"]))
    if where == "always":
        i = data.draw(st.integers(0, len(raw["always"]) - 1))
        raw["always"][i] += f" It is {phrase}."
        want_entry, want_field = None, f"always[{i}]"
    else:
        field = {"outcomes": "text", "rules": "reason", "triggers": "step", "red_flags": "help"}[where]
        entry = data.draw(st.sampled_from(raw[where]))
        entry[field] = f"{phrase}: " + entry[field]
        want_entry, want_field = entry["id"], field
    with pytest.raises(ContentError) as info:
        load(raw)
    err = info.value
    assert (err.entry, err.field) == (want_entry, want_field), str(err)
    assert "reassuring phrase" in err.problem


@pytest.mark.parametrize("change,field,words", [
    (lambda r: r["rules"].append({"id": "t", "when": {"caffeine": ["yes"]}, "outcome": "professional",
                                  "reason": "x"}), "when", "is a trigger"),
    (lambda r: r["rules"].append({"id": "t", "when": {"weakness": ["no"]}, "outcome": "professional",
                                  "reason": "x"}), "when", "has no answer 'no'"),
    (lambda r: r["rules"].append({"id": "t", "when": {"duration": ["days"]}, "outcome": "professional",
                                  "reason": "x"}), "rules", "fires for a person who answered 'no' to everything"),
    (lambda r: r["red_flags"].pop(), "red_flags", "expected exactly the ids"),
    (lambda r: r["always"].pop(0), "always", "not a diagnosis"),
    (lambda r: r["rules"][4].pop("caution"), "rules", "caution containing 'get urgent medical help now'"),
    (lambda r: r["rules"][0].update(outcome="no_warning_signs"), "outcome", "expected input should be"),
])
def test_broken_rule_files_give_one_named_error(change, field, words):
    raw = copy.deepcopy(RAW)
    change(raw)
    with pytest.raises(ContentError) as info:
        load(raw)
    assert info.value.field == field and words.lower() in info.value.problem.lower(), str(info.value)


def test_the_oracle_can_fail():
    good = load(copy.deepcopy(RAW))
    for rid in ("red-pain", "unsure-wasting", "urgent-breathing", "long-despite-fixes"):
        bad = good.model_copy(update={"rules": [r for r in good.rules if r.id != rid]})
        assert unsafe(bad), rid
