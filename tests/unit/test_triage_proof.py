"""The complete safety proof of the stepped self-check, explore mode included, by a decomposition this file checks.

Input space of the form: mode (own / exploring) x 11 step-1 signs (blank / no / yes / earlier / not sure)
x 12 other signs (blank / no / yes / not sure) x how long (blank + 4 choices) x 64 trigger sets
= 2 * 5**11 * 4**12 * 5 * 64, about 1.7e17. Too many to run one by one, so the proof splits it, and checks every
premise of the split against the real code (`triage.run`: the learner pressing the button on every step):

1. Explore mode gives the worked example for every input (never a verdict about the learner): checked for every
   column and value, every pair of columns, and every trigger set.
2. Blanks: the form stops at the first step with a blank question and names exactly its blanks; no verdict at all
   while any step-1 question is blank, unless a step-1 "yes" (the emergency verdict can only get calmer by waiting).
   A step whose answers settle a verdict the later steps cannot raise ends the form (after step 2, "get help today"
   or more; after step 3, a booked visit), so a blank there is never asked for.
3. Levels per rule: every rule reads ONE question (the loader enforces it; asserted here), and each answer fires at
   most one rule. For every question and every answer, the engine's result on that answer alone is checked against
   `expect` below (levels named from the sources in tests/triage_spec.py, not read from triage.yaml).
4. Every way rules combine: checked exactly on every input where up to three questions differ from "no" (every
   pair and triple of rules, blanks included), on every way the four tiers combine (each tier all "no", all "yes",
   all "not sure", all blank, or mixed; x every duration x both modes x no trigger / all triggers), and on every
   trigger set for one input of each outcome. Since `expect` is a maximum over answered columns and the engine's
   outcome is a maximum over the rules each column fires, 3. and 4. together cover every input.
No sampling: every family above is enumerated in full.
"""

import itertools
import re
import time

from tests.triage_spec import CALL, EMERGENCY, LEVEL, STEP, TIER, level_of, outcome_of
from widgets.content.load import load_triage_rules
from widgets.content.model import SIGNS, TRIGGERS
from widgets.engine import triage as T

REASSURING = (
    "harmless",
    "nothing to worry",
    "no need to see",
    "no need to worry",
    "you're fine",
    "you are fine",
    "you're ok",
    "you are ok",
    "benign",
    "don't worry",
    "do not worry",
    "not serious",
    "nothing serious",
    "safe to ignore",
    "all clear",
    "nothing wrong",
    "normal",
    "sudden or severe",
)
RULES = load_triage_rules()
BY_ID = {r.id: r for r in RULES.rules}
QUESTIONS = (*SIGNS, "duration")
CALM = dict.fromkeys(SIGNS, "no") | {"duration": "under_1_week"}
VALUES = {
    q: (None, "no", "yes", "earlier", "unsure") if q in EMERGENCY else (None, "no", "yes", "unsure") for q in SIGNS
}
VALUES["duration"] = (None, "under_1_week", "1_to_2_weeks", "over_2_weeks", "unsure")
MODES = ("own", "explore")
SPACE = len(MODES) * 5 ** len(EMERGENCY) * 4 ** (len(SIGNS) - len(EMERGENCY)) * 5 * 2 ** len(TRIGGERS)


def expect(form: dict, mode: str = "own") -> tuple:
    """What the sources ask the form to do: ("example",), ("ask", step, blanks) or ("verdict", outcome)."""
    if mode == "explore":
        return ("example",)
    if any(form.get(q) == "yes" for q in EMERGENCY):
        return ("verdict", "emergency")
    level = 0
    for step, ends in (("sudden", 4), ("today", LEVEL["same_day"]), ("visit", LEVEL["book_visit"]), ("how_long", 0)):
        qs = [q for q in QUESTIONS if STEP[q] == step]
        blank = tuple(q for q in qs if form.get(q) is None)
        if blank:
            return ("ask", step, blank)
        level = max([level, *(level_of(q, form[q]) for q in qs)])
        if level >= ends:  # the later steps cannot lead any higher
            break
    return ("verdict", outcome_of(level))


_REASSURING = re.compile(r"\b(" + "|".join(map(re.escape, REASSURING)) + r")\b")


def reassures(text: str) -> str | None:
    m = _REASSURING.search(text.lower().replace("\u2019", "'"))
    return m.group(1) if m else None


class Proof:
    def __init__(self):
        self.calls = 0

    def run(self, form: dict, ticked=(), mode="own"):
        self.calls += 1
        return T.run(form, ticked, rules=RULES, exploring=mode == "explore")

    def check(self, form: dict, ticked=(), mode="own"):
        """Run one input through the real form path and assert every safety property on its result."""
        got, want = self.run(form, ticked, mode), expect(form, mode)
        if want[0] == "example":
            assert isinstance(got, T.Example) and got.label == "Example, not about you", form
            assert got.steps == tuple(t.step for t in RULES.triggers if t.id in ticked)
            return got
        if want[0] == "ask":
            assert got == T.Ask(want[1], want[2]), (form, got, want)
            return got
        assert isinstance(got, T.Verdict), (form, got)
        assert got.outcome == want[1], (form, got.outcome, want)
        self.verdict(got, form, ticked)
        return got

    def verdict(self, v: T.Verdict, form: dict, ticked) -> None:
        lines = v.lines()
        for line in lines:
            assert not reassures(line), line
        text = "\n".join(lines)
        assert "not a diagnosis" in text and "not saved" in text
        assert "under 18" in v.tell.lower()
        # the "why" lists only what led to this verdict: every reason is of its outcome
        assert all(BY_ID[r.rule].outcome == v.outcome for r in v.reasons), v.reasons
        named = [r.answer for r in v.reasons]
        for q in SIGNS:  # each answer of the verdict's level is named among the reasons
            a = form.get(q)
            if a and a != "no" and outcome_of(level_of(q, a)) == v.outcome and (v.outcome != "emergency" or a == "yes"):
                assert any(x.startswith(RULES.item(q).label + ":") for x in named), (q, named)
        if v.outcome == "emergency":
            assert lines[0] == CALL and not v.cautions
            assert v.do_now[0].startswith("Shout for the nearest adult and ask them to call 999 / 112 / 911.")
            assert not re.search(r"\blasts\b|\bweeks?\b", " ".join(v.closing + v.do_now + (v.where,)), re.I)
            return
        unsure = [q for q in EMERGENCY if form.get(q) == "unsure"]
        if unsure:
            assert "call 999 / 112 / 911 now" in lines[0].lower() and len(v.cautions) == len(unsure)
        else:
            assert not v.cautions and lines[0] == v.title
        if v.outcome == "urgent_care":
            assert "first aider" in v.do_now[0] and "same-day" in v.where
        if v.outcome == "no_warning_signs":
            assert not v.reasons and len(v.steps) == max(1, len(ticked))
            assert v.title == "None of the warning signs on this list"
            assert any("more than 2 weeks" in c for c in v.closing)
        else:
            assert not v.steps  # no everyday-steps list beside a warning sign


def walk(p: Proof) -> None:
    """Every input of the decomposition above, each through ``p.check`` (the proof's checks; the page's parity
    test, tests/page/test_selfcheck_parity.py, walks the same inputs with a recorder)."""
    # 3. levels per rule: one rule per answer at most, one question per rule
    assert all(len(r.when) == 1 for r in RULES.rules)
    for q in SIGNS:
        for a in VALUES[q][1:]:
            assert len(RULES.fired_by(q, a)) <= 1
    for q in QUESTIONS:
        for value in VALUES[q]:
            for mode in MODES:
                got = p.check(CALM | {q: value}, (), mode)
                if isinstance(got, T.Verdict):
                    assert [r.rule for r in got.reasons] == [
                        r.id for r in RULES.fired_by(q, value) if r.outcome == got.outcome
                    ]
    # 1./2. nothing answered: explore gives the example, own asks all of step 1 and gives no verdict
    assert p.check({}, (), "explore") and p.run({}) == T.Ask("sudden", EMERGENCY)
    for t in TRIGGERS:
        p.check({}, (t,), "explore")
        assert p.run({}, (t,)) == T.Ask("sudden", EMERGENCY)

    # 4. every way rules combine: every pair and triple of questions away from "no" (blanks included)
    off = {q: [v for v in VALUES[q] if v != CALM[q]] for q in QUESTIONS}
    for k in (2, 3):
        for qs in itertools.combinations(QUESTIONS, k):
            for values in itertools.product(*(off[q] for q in qs)):
                p.check(CALM | dict(zip(qs, values, strict=True)))
    for q1, q2 in itertools.combinations(QUESTIONS, 2):  # explore mode never judges, whatever is answered
        for v1, v2 in itertools.product(off[q1], off[q2]):
            p.check(CALM | {q1: v1, q2: v2}, ("stress",), "explore")

    # 4. every way the tiers combine, every duration, both modes; no trigger and all triggers ticked
    tiers = {t: [q for q in SIGNS if TIER[q] == t] for t in ("emergency", "urgent_care", "same_day", "book_visit")}
    patterns = {
        "no": lambda q, i: "no",
        "yes": lambda q, i: "yes",
        "unsure": lambda q, i: "unsure",
        "blank": lambda q, i: None,
        "mixed": lambda q, i: VALUES[q][i % len(VALUES[q])],
    }
    for pats in itertools.product(patterns, repeat=len(tiers)):
        form = {q: patterns[pat](q, i) for pat, t in zip(pats, tiers, strict=True) for i, q in enumerate(tiers[t])}
        for duration in VALUES["duration"]:
            for mode in MODES:
                for ticked in ((), TRIGGERS):
                    p.check(form | {"duration": duration}, ticked, mode)
    for q in EMERGENCY:  # "before today, and it has gone" on each sign with every tier of the rest
        for pats in itertools.product(("no", "yes", "unsure"), repeat=3):
            form = CALM | {q: "earlier"}
            for pat, t in zip(pats, ("urgent_care", "same_day", "book_visit"), strict=True):
                form |= dict.fromkeys(tiers[t], pat)
            p.check(form)

    # triggers choose only the everyday steps: every trigger set with one input of each outcome
    for form in (
        CALM,
        CALM | {"pain": "yes"},
        CALM | {"new_weakness": "yes"},
        CALM | {"injury_cannot_walk": "yes"},
        CALM | {"face_drooping": "yes"},
        CALM | {"face_drooping": "unsure"},
        CALM | {"trouble_seeing": "earlier"},
    ):
        base = p.check(form)
        for tset in range(2 ** len(TRIGGERS)):
            ticked = tuple(t for i, t in enumerate(TRIGGERS) if tset >> i & 1)
            v = p.check(form, ticked)
            if base.outcome == "no_warning_signs":
                assert v.steps == tuple(t.step for t in RULES.triggers if t.id in ticked) or (not ticked and v == base)
            else:
                assert v == base


def test_complete_proof(capsys):
    start = time.perf_counter()
    p = Proof()
    walk(p)
    elapsed = time.perf_counter() - start
    with capsys.disabled():
        print(
            f"\nself-check safety proof: {SPACE:,} form inputs covered ({p.calls:,} engine runs checked "
            f"in full) in {elapsed:.1f} s"
        )


def test_the_spec_and_checks_can_fail():
    """The oracle is not empty: a verdict one tier too calm, a blank taken as an answer, or a calm text, is caught."""
    assert expect(CALM | {"sudden_numbness": "yes"}) == ("verdict", "emergency")
    assert expect(CALM | {"sudden_numbness": "unsure"}) == ("verdict", "same_day")
    assert expect(CALM | {"sudden_numbness": None}) == ("ask", "sudden", ("sudden_numbness",))
    assert expect(CALM | {"injury_cannot_walk": "yes"}) == ("verdict", "urgent_care")
    assert expect(CALM | {"duration": "1_to_2_weeks"}) == ("verdict", "no_warning_signs")
    assert expect({"stress": "yes"}, "explore") == ("example",)
    assert reassures("It is probably harmless.") and reassures("This is Normal.") and reassures("You’re fine")
    assert not reassures("None of the warning signs on this list")
    bad = RULES.model_copy(update={"rules": [r for r in RULES.rules if r.id != "emergency-numbness"]})
    v = T.run(CALM | {"sudden_numbness": "yes"}, rules=bad)
    assert v.outcome != expect(CALM | {"sudden_numbness": "yes"})[1]
