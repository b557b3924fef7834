"""Case stories through the self-check view (issue 23): zero under-triaged and zero alarms.

Each story in tests/fixtures/selfcheck_stories.yaml is a person describing themselves, the least urgent verdict that
is still safe for them (`least_safe`), and their answers to the form, read the way that person reads each question.
`run_story` drives the real view (``widgets.views.selfcheck.SelfCheck``): choose the mode, answer, tick, press the
button, read the outcome. It is the ONE part to swap when the new stepped form lands (set ``FORM = "new"``, which
also reads each story's ``answers`` instead of its ``e38ae39`` answers, and lifts the baseline xfail).

Definitions (notes/spec23.md):
- under-triaged: the verdict is less urgent than ``least_safe``; no verdict at all also counts for a story that
  needs one. For a ``no_verdict`` story (exploring, or step-1 questions skipped) ANY personal verdict is a failure.
- alarm: same_day, urgent_care or emergency for a story with no answer that leads there: a "yes" on a sign of
  that tier (or a more urgent one), "earlier" or "not sure" on a sudden (step-1 / old emergency) sign for same_day
  (their stated tier in spec23, and "not sure" -> same_day on the old form), "not sure" on a sign of that tier.
  A blank is NOT an answer. (Stricter than a bare reading of the spec only in that "not sure" or "earlier" on a
  sudden sign justifies same_day, not emergency, which is what spec23 says they lead to.)
- over-triaged (reported, not failed): more urgent than ``least_safe`` but justified by an answer given, e.g. a
  lay reader's "yes" to a question whose text caught them.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.triage_spec import BOOK_VISIT, EMERGENCY, SAME_DAY, URGENT_CARE
from widgets.views.selfcheck import SelfCheck

FIXTURE = Path(__file__).parents[1] / "fixtures" / "selfcheck_stories.yaml"

# Which form the stories run on. "e38ae39": the old 20-question form and each story's `e38ae39` answers.
# "new": the stepped form of issue 23 and each story's `answers` (swap `run_story` below if the view's API changed).
FORM = "new"
ANSWERS_KEY = {"e38ae39": "e38ae39", "new": "answers"}


LEVELS = ("emergency", "urgent_care", "same_day", "book_visit", "no_warning_signs")  # most urgent first
NO_VERDICT = "no_verdict"
RANK = {o: len(LEVELS) - i for i, o in enumerate(LEVELS)}  # emergency 5 ... no_warning_signs 1
ALARM_TIERS = ("emergency", "urgent_care", "same_day")
MODES = ("own", "explore")

# --- The old form's ids (widgets/content/triage.yaml at e38ae39), spelled out so this file outlives them. -------
OLD_TIERS = {
    "emergency": (
        "face_drooping",
        "sudden_weakness",
        "sudden_numbness",
        "trouble_speaking",
        "trouble_seeing",
        "trouble_balance",
        "severe_headache",
        "trouble_breathing",
        "trouble_swallowing",
        "spreading_weakness",
    ),
    "same_day": ("new_weakness", "spreading_numbness"),
    "book_visit": ("lasting_weakness", "several_places", "stiffness", "wasting", "sole_numbness", "pain", "medicine"),
}
OLD_SIGN_ANSWERS = ("yes", "no", "unsure")
OLD_DURATIONS = ("under_1_week", "1_to_2_weeks", "over_2_weeks", "unsure")

# --- The new stepped form's ids: the source-based spec's lists (tests/triage_spec.py), not the package's. ---------
NEW_STEP1 = EMERGENCY  # answers: yes | earlier | no | unsure; "yes" -> emergency
NEW_URGENT_CARE = URGENT_CARE  # step 2, -> urgent_care
NEW_SAME_DAY = SAME_DAY  # step 2, -> same_day
NEW_BOOK_VISIT = BOOK_VISIT  # step 3, -> book_visit
NEW_STEP1_ANSWERS = ("yes", "earlier", "no", "unsure")
NEW_SIGN_ANSWERS = ("yes", "no", "unsure")
NEW_DURATIONS = ("under_1_week", "1_to_2_weeks", "over_2_weeks", "unsure")
TRIGGERS = ("caffeine", "stress", "little_water", "hard_exercise", "tight_shoes", "long_standing")

# Stories that fail on e38ae39 (safety/baseline-e38ae39.md). Expected failures only while FORM is "e38ae39".
E38AE39_FAILURES = {
    "adult-sudden-confusion",
    "teen-ankle-crack",
    "teen-toes-numb-cold-after-injury",
    "adult-toe-odd-angle",
    "teen-outer-edge-numb-ten-days",
    "teen-twitch-hurts",
    "explore-stress-only",
    "explore-how-long-only",
    "skip-all-sudden-questions",
    "skip-two-sudden-questions",
}

STORIES: list[dict] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))


def answers_of(story: dict, form: str = FORM) -> dict:
    return story.get(ANSWERS_KEY[form]) or {}


def run_story(story: dict) -> str | None:
    """Drive the view as the person would and return the outcome id; None (nothing shown) or "example" (explore
    mode's worked example) when there is no verdict about the person. THE function to swap for the new form."""
    v = SelfCheck()
    v.choose_mode(story["mode"])
    for question, value in answers_of(story).items():
        if question == "triggers":
            for trigger in value:
                v.tick(trigger)
        else:
            v.answer(question, value)
    result = v.submit()
    if result is None or getattr(result, "missing", ()):  # no mode chosen, or a step with blanks: no verdict
        return None
    if v.verdict is None:  # explore mode's worked example: not about the learner
        return "example"
    return v.verdict.outcome


def justified(story: dict, form: str = FORM) -> int:
    """The most urgent verdict the answers GIVEN (blanks excluded) can lead to, as a RANK (0: none)."""
    if form == "e38ae39":
        step1, tiers = OLD_TIERS["emergency"], {s: t for t, ss in OLD_TIERS.items() if t != "emergency" for s in ss}
    else:
        step1 = NEW_STEP1
        tiers = {
            **dict.fromkeys(NEW_URGENT_CARE, "urgent_care"),
            **dict.fromkeys(NEW_SAME_DAY, "same_day"),
            **dict.fromkeys(NEW_BOOK_VISIT, "book_visit"),
        }
    best = 0
    for q, a in answers_of(story, form).items():
        if q == "triggers" or a == "no":
            continue
        if q == "duration":
            level = "book_visit" if a in ("over_2_weeks", "unsure") else None
        elif q in step1:
            level = "emergency" if a == "yes" else "same_day"  # "earlier" / "unsure" lead to same_day
        else:
            level = tiers[q]  # "yes" or "unsure" on a sign of that tier
        if level:
            best = max(best, RANK[level])
    return best


def judge(story: dict, outcome: str | None, form: str = FORM) -> str:
    """ "ok", "under-triaged", "alarm", "verdict given" (a no_verdict story got a calm personal verdict), or
    "over-triaged" (more urgent than needed but led there by an answer the person gave: not a failure)."""
    personal = outcome not in (None, "example")
    alarm = personal and outcome in ALARM_TIERS and RANK[outcome] > justified(story, form)
    if story["least_safe"] == NO_VERDICT:
        return "alarm" if alarm else "verdict given" if personal else "ok"
    if not personal or RANK[outcome] < RANK[story["least_safe"]]:
        return "under-triaged"
    if alarm:
        return "alarm"
    return "over-triaged" if RANK[outcome] > RANK[story["least_safe"]] else "ok"


def _param(story: dict):
    marks = []
    if FORM == "e38ae39" and story["id"] in E38AE39_FAILURES:
        marks.append(pytest.mark.xfail(strict=True, reason="e38ae39 baseline: see safety/baseline-e38ae39.md"))
    return pytest.param(story, id=story["id"], marks=marks)


@pytest.mark.parametrize("story", [_param(s) for s in STORIES])
def test_story_is_neither_under_triaged_nor_alarmed(story):
    outcome = run_story(story)
    verdict = judge(story, outcome)
    assert verdict in ("ok", "over-triaged"), (
        f"{story['id']}: {verdict}: least safe {story['least_safe']}, {FORM} gave {outcome}"
    )


# --- The fixture's shape ---------------------------------------------------------------------------------------


def _check_answers(sid: str, answers: dict, signs: dict[str, tuple[str, ...]], durations: tuple[str, ...]):
    for q, a in answers.items():
        if q == "triggers":
            assert isinstance(a, list) and a and set(a) <= set(TRIGGERS), (sid, a)
            assert len(a) == len(set(a)), (sid, a)
        elif q == "duration":
            assert a in durations, (sid, q, a)
        else:
            assert q in signs, (sid, q)
            assert isinstance(a, str) and a in signs[q], (sid, q, a)  # an unquoted yes/no would load as a bool


def test_the_fixture_has_at_least_30_well_formed_stories():
    assert len(STORIES) >= 30
    ids = [s["id"] for s in STORIES]
    assert len(ids) == len(set(ids)), "story ids must be unique"
    old_signs = {q: OLD_SIGN_ANSWERS for qs in OLD_TIERS.values() for q in qs}
    new_signs = {
        **dict.fromkeys(NEW_STEP1, NEW_STEP1_ANSWERS),
        **dict.fromkeys(NEW_URGENT_CARE + NEW_SAME_DAY + NEW_BOOK_VISIT, NEW_SIGN_ANSWERS),
    }
    allowed = {"id", "who", "story", "least_safe", "source", "mode", "e38ae39", "answers"}
    allowed |= {"e38ae39_reading", "answers_reading"}
    for s in STORIES:
        sid = s["id"]
        assert set(s) <= allowed and {"id", "who", "story", "least_safe", "source", "mode"} <= set(s), sid
        assert sid == sid.lower() and " " not in sid and "_" not in sid, sid  # kebab-case
        assert s["least_safe"] in (*LEVELS, NO_VERDICT), sid
        assert s["mode"] in MODES, sid
        assert s["story"].strip() and s["who"].strip() and s["source"].strip(), sid
        _check_answers(sid, s.get("e38ae39") or {}, old_signs, OLD_DURATIONS)
        _check_answers(sid, s.get("answers") or {}, new_signs, NEW_DURATIONS)
        if s["mode"] == "explore":
            assert s["least_safe"] == NO_VERDICT, f"{sid}: explore mode never gives a verdict about the learner"
        elif s["least_safe"] != NO_VERDICT:
            # a story that needs a verdict answers every step-1 question on the new form (a blank never counts)
            assert set(NEW_STEP1) <= set(s.get("answers") or {}), sid


def test_the_stories_cover_every_tier_and_the_hard_cases():
    levels = {s["least_safe"] for s in STORIES}
    assert levels == {*LEVELS, NO_VERDICT}
    ids = {s["id"] for s in STORIES}
    for needed in (
        "teen-ankle-crack",
        "teen-asthma-cold-bit-wheezy",
        "teen-asthma-attack-reliever-not-helping",
        "teen-light-headed-standing-up",
        "adult-room-spins-cannot-walk",
        "adult-sudden-confusion",
        "adult-stroke-sign-earlier-this-week",
        "teen-outer-edge-numb-ten-days",
        "explore-stress-only",
        "explore-how-long-only",
        "skip-all-sudden-questions",
        "teen-not-sure-about-smile",
    ):
        assert needed in ids, needed
    teens = [s for s in STORIES if any(f", {age}" in s["who"] for age in range(11, 19))]
    assert len(teens) > len(STORIES) / 2, "most stories are pupils"
    # the failures expected on e38ae39 name real stories
    assert E38AE39_FAILURES.issubset(ids)


def test_the_judge_counts_blanks_as_no_answer_and_flags_an_unearned_verdict():
    calm = {"id": "x", "least_safe": "no_warning_signs", "mode": "own", "e38ae39": {"duration": "under_1_week"}}
    assert judge(calm, "same_day", "e38ae39") == "alarm"  # blanks do not justify same_day
    assert judge(calm, "no_warning_signs", "e38ae39") == "ok"
    unsure = {**calm, "e38ae39": {"face_drooping": "unsure"}}
    assert judge(unsure, "same_day", "e38ae39") == "over-triaged"
    assert judge(unsure, "emergency", "e38ae39") == "alarm"  # "not sure" leads to same_day, not 999
    explore = {"id": "y", "least_safe": NO_VERDICT, "mode": "explore", "e38ae39": {}}
    assert judge(explore, "example", "e38ae39") == "ok" and judge(explore, None, "e38ae39") == "ok"
    assert judge(explore, "book_visit", "e38ae39") == "verdict given"
    injured = {"id": "z", "least_safe": "urgent_care", "mode": "own", "answers": {"injury_deformed": "yes"}}
    assert judge(injured, "same_day", "new") == "under-triaged"
    assert judge(injured, "urgent_care", "new") == "ok"
