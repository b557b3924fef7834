"""The complete safety proof of the self-check, explore mode included, by a decomposition this file checks.

Input space of the form: mode (not chosen / own / exploring) x 19 signs (unanswered / no / yes / not sure)
x how long (unanswered + 4 choices) x 64 trigger sets = 3 * 4**19 * 5 * 64, about 2.6e14. Too many to run
one by one, so the proof splits it, and checks every premise of the split against the real code:

1. Form -> answers (`triage.check` / `answers_from_choices`): each column is mapped on its own
   (unanswered -> "not sure"); exploring with nothing answered or ticked gives the worked example, anything
   else gives exactly the own-mode verdict. Checked for every column and value, in every mode, and for every
   pair of columns.
2. Levels per rule: every rule reads ONE question (the loader enforces it; asserted here), and each answer
   fires at most one rule. For every question and every answer, the engine's verdict on that answer alone
   is checked against the SPEC below (named from the sources, not read from triage.yaml).
3. Every way rules combine: the engine's outcome is the most urgent rule that fires and its text is the
   outcome's lines plus one reason per fired rule. Checked exactly on every input where up to three
   questions differ from "no" (every pair and triple of rules), on every way the four tiers combine
   (each tier all "no", all "yes", all "not sure", or mixed; x every duration x every mode x 64 trigger
   sets), and on every trigger set for the calm verdict. Since the SPEC is a maximum over columns and
   the engine's outcome is a maximum over the rules each column fires, 2. and 3. together cover every input.
No sampling: every family above is enumerated in full.
"""

import itertools
import re
import time

from widgets import triage as T
from widgets.load import load_triage_rules
from widgets.model import SIGNS, TRIGGERS

from .triage_spec import CALL, LEVEL, TIER

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
)
RULES = load_triage_rules()
BY_ID = {r.id: r for r in RULES.rules}
QUESTIONS = (*SIGNS, "duration")
CALM = dict.fromkeys(SIGNS, "no") | {"duration": "under_1_week"}
SIGN_VALUES = (None, "no", "yes", "unsure")
DURATION_VALUES = (None, "under_1_week", "1_to_2_weeks", "over_2_weeks", "unsure")
MODES = (None, "own", "explore")
SPACE = len(MODES) * len(SIGN_VALUES) ** len(SIGNS) * len(DURATION_VALUES) * 2 ** len(TRIGGERS)


def spec(form: dict) -> str:
    """The outcome the sources ask for: the most urgent over all answers (unanswered counts as "not sure")."""
    level = 0
    for q in QUESTIONS:
        v = form.get(q) or "unsure"
        if q == "duration":
            level = max(level, LEVEL["book_visit"] if v in ("over_2_weeks", "unsure") else 0)
        elif v == "yes":
            level = max(level, LEVEL[TIER[q]])
        elif v == "unsure":
            level = max(level, LEVEL["same_day" if TIER[q] == "emergency" else TIER[q]])
    return next(o for o, n in LEVEL.items() if n == level)


_REASSURING = re.compile(r"\b(" + "|".join(map(re.escape, REASSURING)) + r")\b")


def reassures(text: str) -> str | None:
    m = _REASSURING.search(text.lower().replace("\u2019", "'"))
    return m.group(1) if m else None


class Proof:
    def __init__(self):
        self.calls = 0

    def run(self, form: dict, ticked=(), mode=None):
        self.calls += 1
        return T.check(form, ticked, exploring=mode == "explore", rules=RULES)[0]

    def verdict(self, form: dict, ticked=(), mode=None) -> T.Verdict:
        """Run one input through the real form path and assert every safety property on its verdict."""
        v = self.run(form, ticked, mode)
        assert isinstance(v, T.Verdict), form
        want = spec(form)
        assert v.outcome == want, (form, v.outcome, want)
        lines = v.lines()
        for line in lines:
            assert not reassures(line), line
        text = "\n".join(lines)
        assert "not a diagnosis" in text and "not saved" in text
        assert "under 18" in v.tell.lower()
        levels = [LEVEL[BY_ID[r.rule].outcome] for r in v.reasons]
        assert levels == sorted(levels, reverse=True)  # most urgent reason first
        named = [r.answer for r in v.reasons]
        for q in SIGNS:  # each answer that needs help is named among the reasons
            if (form.get(q) or "unsure") != "no":
                assert any(x.startswith(RULES.item(q).label + ":") for x in named), (q, named)
        if want == "emergency":
            assert lines[0] == CALL and not v.cautions
            assert lines.index(v.tell) > 0 and "if no adult is with you, call yourself" in v.tell.lower()
            assert not re.search(r"\blasts\b|\bweeks?\b", " ".join(v.closing + v.do_now + (v.where,)), re.I)
        else:
            unsure_emergency = [q for q in SIGNS if TIER[q] == "emergency" and (form.get(q) or "unsure") == "unsure"]
            if unsure_emergency:
                assert "call 999 / 112 / 911 now" in lines[0].lower() and len(v.cautions) == len(unsure_emergency)
            else:
                assert not v.cautions and lines[0] == v.title
        if want == "no_warning_signs":
            assert not v.reasons and len(v.steps) == max(1, len(ticked))
            assert v.title == "None of the warning signs on this list"
            assert any("more than 2 weeks" in c for c in v.closing)
        else:
            assert not v.steps  # no everyday-steps list beside a warning sign
        return v


def test_complete_proof(capsys):
    start = time.perf_counter()
    p = Proof()

    # 2. levels per rule: one rule per answer at most, one question per rule
    assert all(len(r.when) == 1 for r in RULES.rules)
    for q in SIGNS:
        for a in ("no", "yes", "unsure"):
            assert len(RULES.fired_by(q, a)) <= 1
    columns = [(q, SIGN_VALUES) for q in SIGNS] + [("duration", DURATION_VALUES)]
    for q, values in columns:
        for value in values:
            for mode in MODES:
                v = p.verdict(CALM | {q: value}, (), mode)
                fired = RULES.fired_by(q, value or "unsure")
                assert [r.rule for r in v.reasons] == [r.id for r in fired]
            # 1. each column is mapped on its own: unanswered is exactly "not sure"
            answers, missing = T.answers_from_choices(CALM | {q: value})
            assert missing == ([] if value else [q])
            assert T.answer_of(answers, q) == (value or "unsure")
            assert all(T.answer_of(answers, o) == CALM[o] for o in CALM if o != q)

    # 1. explore mode: nothing answered and nothing ticked -> the example; anything else -> the real check
    ex = p.run({}, (), "explore")
    assert isinstance(ex, T.Example) and ex.label == "Example, not about you"
    assert ex.verdict == T.triage(RULES.example.answers, RULES)
    for mode in (None, "own"):
        p.verdict({}, (), mode)  # everything unanswered: all "not sure"
    for t in TRIGGERS:
        assert p.run({}, (t,), "explore") == p.verdict({}, (t,), "own")

    # 3. every way rules combine: every pair and triple of questions away from "no"
    nonblank = {q: [v for v in values if v != CALM[q]] for q, values in columns}
    names = [q for q, _ in columns]
    for k in (2, 3):
        for qs in itertools.combinations(names, k):
            for values in itertools.product(*(nonblank[q] for q in qs)):
                p.verdict(CALM | dict(zip(qs, values, strict=False)))
    # pairs again in explore mode: one answer makes it the real check
    for q1, q2 in itertools.combinations(names, 2):
        for v1, v2 in itertools.product(nonblank[q1], nonblank[q2]):
            form = CALM | {q1: v1, q2: v2}
            assert p.run(form, (), "explore") == p.run(form, (), "own")

    # 3. every way the tiers combine, every duration, every mode; no trigger and all triggers ticked
    tiers = {t: [q for q in SIGNS if TIER[q] == t] for t in ("emergency", "same_day", "book_visit")}
    patterns = {
        "no": lambda i: "no",
        "yes": lambda i: "yes",
        "unsure": lambda i: "unsure",
        "mixed": lambda i: ("yes", "unsure", None, "no")[i % 4],
    }
    for pats in itertools.product(patterns, repeat=3):
        form = {q: patterns[pat](i) for pat, t in zip(pats, tiers, strict=False) for i, q in enumerate(tiers[t])}
        for duration in DURATION_VALUES:
            for mode in MODES:
                for ticked in ((), TRIGGERS):
                    p.verdict(form | {"duration": duration}, ticked, mode)
    # triggers choose only the everyday steps: every trigger set with one input of each outcome
    for form in (
        CALM,
        CALM | {"pain": "yes"},
        CALM | {"new_weakness": "yes"},
        CALM | {"face_drooping": "yes"},
        CALM | {"face_drooping": "unsure"},
    ):
        base = p.verdict(form)
        for tset in range(2 ** len(TRIGGERS)):
            ticked = tuple(t for i, t in enumerate(TRIGGERS) if tset >> i & 1)
            v = p.verdict(form, ticked)
            if base.outcome == "no_warning_signs":
                assert v.steps == tuple(t.step for t in RULES.triggers if t.id in ticked) or (not ticked and v == base)
            else:
                assert v == base

    elapsed = time.perf_counter() - start
    with capsys.disabled():
        print(
            f"\nself-check safety proof: {SPACE:,} form inputs covered ({p.calls:,} engine runs checked "
            f"in full) in {elapsed:.1f} s"
        )
    assert elapsed < 120


def test_the_spec_and_checks_can_fail():
    """The oracle is not empty: a verdict one tier too calm, or a calm text, would be caught."""
    assert spec(CALM | {"sudden_numbness": "yes"}) == "emergency"
    assert spec(CALM | {"sudden_numbness": None}) == "same_day"
    assert spec(CALM | {"duration": "1_to_2_weeks"}) == "no_warning_signs"
    assert reassures("It is probably harmless.") and reassures("This is Normal.") and reassures("You’re fine")
    assert not reassures("None of the warning signs on this list")
    bad = RULES.model_copy(update={"rules": [r for r in RULES.rules if r.id != "emergency-numbness"]})
    v = T.check(CALM | {"sudden_numbness": "yes"}, rules=bad)[0]
    assert v.outcome != spec(CALM | {"sudden_numbness": "yes"})
