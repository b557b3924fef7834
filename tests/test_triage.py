"""The self-check engine: an exhaustive safety proof over every combination of answers, plus worked examples."""

import random
import re
import time

import numpy as np
import pytest

from widgets import triage as T
from widgets.model import DURATIONS, FIXES, RED_FLAGS, TRIGGERS, URGENT_SIGNS, SelfCheckAnswers

# Named here, from the article and the issue, NOT read from the rule file under test.
ARTICLE_RED_FLAGS = ("weakness",   # true weakness, e.g. trouble lifting the foot or doing simple tasks
                     "wasting",    # the muscle visibly shrinks
                     "numbness",   # loss of feeling: numbness, or tingling that stays
                     "pain")       # twitching that comes with pain
URGENT = ("sudden_weakness", "trouble_speaking", "trouble_swallowing", "trouble_breathing")
SIX_TRIGGERS = ("caffeine", "stress", "little_water", "hard_exercise", "tight_shoes", "long_standing")
# Phrases that reassure; none may appear in any verdict (checked on the lower-cased whole text).
REASSURING = ("harmless", "nothing to worry", "no need to see", "no need to worry", "you're fine", "you are fine",
              "you're ok", "you are ok", "benign", "don't worry", "do not worry", "not serious", "nothing serious",
              "safe to ignore", "all clear", "nothing wrong")
_NORMAL = re.compile(r"\bnormal\b")


def reassures(text: str) -> bool:
    low = text.lower().replace("\u2019", "'")
    return any(p in low for p in REASSURING) or bool(_NORMAL.search(low))


TOTAL = 3 ** 4 * 3 ** 4 * 4 * 3 * 2 ** 6

RULES = T.load_rules()


def test_vocabulary_is_the_articles():
    assert set(RED_FLAGS) == set(ARTICLE_RED_FLAGS)
    assert set(URGENT_SIGNS) == set(URGENT)
    assert set(TRIGGERS) == set(SIX_TRIGGERS)
    assert TOTAL == 5_038_848
    for q in URGENT + ARTICLE_RED_FLAGS:
        assert T.CODES[q] == ("no", "yes", "unsure")
    assert T.CODES["duration"] == DURATIONS == ("days", "few_weeks", "several_weeks", "unsure")
    assert T.CODES["fixes"] == FIXES == ("tried", "not_tried", "unsure")


def _block() -> dict[str, np.ndarray]:
    """Every combination of the 8 yes/no/not-sure items, duration and fixes: 3**8 * 4 * 3 = 78,732 rows."""
    names = URGENT + ARTICLE_RED_FLAGS + ("duration", "fixes")
    grid = np.indices((3,) * 8 + (4, 3), dtype=np.int8).reshape(10, -1)
    return dict(zip(names, grid))


def _text(v: T.Verdict) -> str:
    return "\n".join(v.lines())


def test_every_combination_of_answers_is_safe(capsys):
    """Exhaustive proof over all 3^4 x 3^4 x 4 x 3 x 2^6 = 5,038,848 combinations of answers.

    How the input space is covered: it is the product (8 items x duration x fixes) x (trigger sets).
    We build one block holding all 78,732 combinations of the first part, and run it once for each of
    the 64 trigger sets: the 64 blocks together are every input. For each block, `decide` (the exact
    function `triage` calls) gives every verdict level, and the invariants are asserted on all rows.

    Texts: an urgent or professional verdict has no text that depends on triggers, so it is fixed by the
    set of rules that fired; `triage` is called once for every distinct fired set that occurs and its
    whole text is checked (and, on a sample, verdicts that share a fired set are shown to be equal).
    A "none of the warning signs" verdict fires no rule, so it depends on the triggers only: all 64
    trigger sets are checked.
    """
    start = time.perf_counter()
    block = _block()
    yes, unsure = 1, 2
    u = np.stack([block[q] for q in URGENT])
    r = np.stack([block[q] for q in ARTICLE_RED_FLAGS])
    dur, fix = block["duration"], block["fixes"]
    any_urgent = (u == yes).any(axis=0)
    careful = ((r == yes) | (r == unsure)).any(axis=0) | (u == unsure).any(axis=0) \
        | (dur == DURATIONS.index("unsure")) | (fix == FIXES.index("unsure")) \
        | ((dur == DURATIONS.index("several_weeks")) & (fix == FIXES.index("tried"))) \
        | ((dur == DURATIONS.index("several_weeks")) & (fix == FIXES.index("not_tried")))  # our documented choice
    checked = 0
    first_levels = first_fired = None
    bits = np.array([1 << i for i in range(len(RULES.rules))], dtype=np.int64)
    for tset in range(2 ** 6):
        cols = dict(block)
        for i, t in enumerate(SIX_TRIGGERS):
            cols[t] = np.full(len(dur), (tset >> i) & 1, dtype=np.int8)
        levels, fired = T.decide(cols, RULES)
        # any urgent sign => urgent; urgent only from an urgent sign
        assert (levels[any_urgent] == 2).all()
        assert (levels[~any_urgent] < 2).all()
        # any red flag or "not sure" (or several weeks) => at least "see a professional"
        assert (levels[careful] >= 1).all()
        # nothing on the list => "none of the warning signs", whatever the triggers: triggers alone never escalate
        assert (levels[~careful & ~any_urgent] == 0).all()
        if first_levels is None:
            first_levels, first_fired = levels, fired
        else:  # the same verdict and the same reasons for every trigger set
            assert np.array_equal(levels, first_levels) and np.array_equal(fired, first_fired)
        checked += len(levels)
    assert checked == TOTAL

    # Texts of urgent and professional verdicts: one triage() call per distinct set of fired rules.
    keys = first_fired.astype(np.int64) @ bits
    serious = np.flatnonzero(first_levels >= 1)
    uniq, rep = np.unique(keys[serious], return_index=True)
    names = list(block)
    for idx in serious[rep]:
        row = {q: int(block[q][idx]) for q in names}
        v = T.triage(T.decode(row), RULES)
        level = int(first_levels[idx])
        assert v.outcome == ("urgent" if level == 2 else "professional")
        assert {x.rule for x in v.reasons} == {RULES.rules[j].id for j in np.flatnonzero(first_fired[idx])}
        text = _text(v)
        assert not reassures(text), text
        assert "none of the warning signs" not in text.lower()
        assert "not a diagnosis" in text
        assert not v.steps                       # no self-care list beside a serious verdict
        named = " ".join(a for reason in v.reasons for a in reason.answers)
        for q in URGENT + ARTICLE_RED_FLAGS:     # each yes / not sure answer is named among the reasons
            if row[q]:
                assert RULES.item(q).label in named, (q, named)
        if level == 2:
            assert v.lines()[0] == v.title and "urgent" in v.title.lower() and "now" in v.title.lower()
        elif any(row[q] == unsure for q in URGENT):
            assert "get urgent medical help now" in v.lines()[0].lower()
        else:
            assert "professional" in v.title.lower()
    # verdicts that share a fired set are equal, whatever the triggers (sampled)
    rng = random.Random(5)
    by_key = {}
    for idx in rng.sample(list(serious), 1500):
        row = {q: int(block[q][idx]) for q in names}
        row.update({t: rng.randint(0, 1) for t in SIX_TRIGGERS})
        v = T.triage(T.decode(row), RULES)
        assert by_key.setdefault(int(keys[idx]), v) == v

    # "None of the warning signs": every trigger set, with the answers that fire no rule.
    calm = np.flatnonzero(first_levels == 0)
    assert (keys[calm] == 0).all()
    for tset in range(2 ** 6):
        ticked = [t for i, t in enumerate(SIX_TRIGGERS) if (tset >> i) & 1]
        for dur_, fix_ in (("days", "not_tried"), ("few_weeks", "tried")):
            v = T.triage(SelfCheckAnswers(duration=dur_, fixes=fix_, triggers=ticked), RULES)
            text = _text(v)
            assert v.outcome == "no_warning_signs" and not v.reasons and not v.cautions
            assert "none of the warning signs on this list" in v.title.lower()
            assert not reassures(text), text
            assert "not a diagnosis" in text and re.search(r"worse, lasts, or anything else worries you", text)
            assert len(v.steps) == max(1, len(ticked))
    elapsed = time.perf_counter() - start
    with capsys.disabled():
        print(f"\nself-check safety proof: {checked:,} combinations checked "
              f"({len(uniq):,} distinct serious verdict texts) in {elapsed:.1f} s")
    assert elapsed < 30


def test_urgent_sign_beats_everything():
    v = T.triage(SelfCheckAnswers(urgent=["trouble_breathing"], red_flags=["pain"], unsure=["wasting"],
                                  duration="several_weeks", fixes="tried", triggers=["caffeine"]))
    assert v.outcome == "urgent" and v.lines()[0] == "Get urgent medical help now"
    assert [r.rule for r in v.reasons][0] == "urgent-breathing"
    assert {"red-pain", "unsure-wasting", "long-despite-fixes"} <= {r.rule for r in v.reasons}
    assert not v.steps and not v.cautions


def test_unsure_on_an_urgent_sign_means_professional_with_urgent_caution_on_top():
    v = T.triage(SelfCheckAnswers(unsure=["trouble_swallowing"]))
    assert v.outcome == "professional"
    assert v.lines()[0].startswith("If trouble swallowing is happening now, get urgent medical help now")
    assert v.reasons[0].answers == ("Trouble swallowing: Not sure",)


@pytest.mark.parametrize("fixes,rule", [("tried", "long-despite-fixes"), ("not_tried", "long-fixes-not-tried"),
                                        ("unsure", "unsure-fixes")])
def test_several_weeks_is_always_professional(fixes, rule):
    v = T.triage(SelfCheckAnswers(duration="several_weeks", fixes=fixes))
    assert v.outcome == "professional" and [r.rule for r in v.reasons] == [rule]
    assert any("Several weeks or more" in a for a in v.reasons[0].answers) or fixes == "unsure"


def test_a_few_weeks_with_fixes_tried_is_not_a_warning_sign():
    v = T.triage(SelfCheckAnswers(duration="few_weeks", fixes="tried", triggers=["tight_shoes", "little_water"]))
    assert v.outcome == "no_warning_signs"
    # steps in the rule file's order, one per trigger ticked
    assert v.steps == (RULES.trigger("little_water").step, RULES.trigger("tight_shoes").step)


def test_each_red_flag_names_itself_and_why():
    for q in ARTICLE_RED_FLAGS:
        v = T.triage(SelfCheckAnswers(red_flags=[q]))
        assert v.outcome == "professional" and len(v.reasons) == 1
        assert v.reasons[0].answers == (f"{RULES.item(q).label}: Yes",) and v.reasons[0].why


def test_unanswered_questions_count_as_not_sure():
    answers, missing = T.answers_from_choices({"trouble_breathing": "no", "weakness": "yes", "duration": "days"},
                                              ["stress", "bogus"])
    assert missing == ["sudden_weakness", "trouble_speaking", "trouble_swallowing", "wasting", "numbness", "pain",
                       "fixes"]
    assert answers.red_flags == ["weakness"] and answers.fixes == "unsure" and answers.triggers == ["stress"]
    assert set(answers.unsure) == {"sudden_weakness", "trouble_speaking", "trouble_swallowing", "wasting",
                                   "numbness", "pain"}
    assert T.triage(answers).outcome == "professional"


def test_encode_decode_round_trip():
    a = SelfCheckAnswers(urgent=["trouble_speaking"], red_flags=["pain"], unsure=["numbness"], duration="unsure",
                         fixes="tried", triggers=["stress", "caffeine"])
    b = T.decode(T.encode(a))
    assert (set(b.urgent), set(b.red_flags), set(b.unsure), b.duration, b.fixes, set(b.triggers)) == \
        (set(a.urgent), set(a.red_flags), set(a.unsure), a.duration, a.fixes, set(a.triggers))


def test_engine_imports_no_widgets():
    import subprocess
    import sys
    code = "import sys, widgets.triage; print(any(m.split('.')[0] in ('ipywidgets', 'plotly') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip() \
        == "False"


def test_rule_file_cites_sources_for_the_urgent_signs():
    assert RULES.sources.urgent and all(s.url.startswith("https://") for s in RULES.sources.urgent)


def test_the_reassurance_detector_can_fail():
    assert reassures("It is probably harmless.") and reassures("This is Normal.") and reassures("You’re fine")
    assert not reassures("None of the warning signs on this list")
