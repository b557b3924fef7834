"""Focused tests for the controls of the hazard log (safety/hazard-log.yaml) that no other test verifies directly.

Each test names the hazard (H-nn) whose control it verifies. tests/content/test_safety_case.py breaks each control in a
copy of the project (tests/fixtures/broken_safety/) and checks that the tests the log names then fail.
"""

from __future__ import annotations

import copy
import re
from datetime import date
from pathlib import Path

import pytest
import yaml

from tests.widget_in_node import OnePage
from widgets.classroom.personal_check import ENV, KEY, PersonalCheck, personal_check
from widgets.content.care_model import CareFile
from widgets.content.load import CONTENT_DIR, ContentError, load_care_file, load_triage_rules, validate
from widgets.content.triage_model import TriageRules
from widgets.engine.triage import Example
from widgets.store.progress import ProgressStore
from widgets.views.region import current_region
from widgets.views.selfcheck import SelfCheck

ROOT = Path(__file__).resolve().parents[2]
TRIAGE = CONTENT_DIR / "triage.yaml"
RAW = yaml.safe_load(TRIAGE.read_text(encoding="utf-8"))
NUMBERS = {"international": "999 / 112 / 911", "uk": "999", "us": "911", "eu": "112"}


def _load(raw: dict) -> TriageRules:
    return validate(TriageRules, raw, TRIAGE)


def _with_rules(change) -> dict:
    raw = copy.deepcopy(RAW)
    change(raw["rules"])
    return raw


def _set_outcome(rule: str, outcome: str) -> dict:
    def change(rules):
        next(r for r in rules if r["id"] == rule)["outcome"] = outcome

    return _with_rules(change)


_node = OnePage("selfcheck")  # one node page for the file


@pytest.fixture(scope="module", autouse=True)
def _node_page():
    with _node:
        yield


def _page(view: SelfCheck) -> str:
    """The words the page draws for the view (static/selfcheck.js in node), shown or not, in page order."""
    node = _node()
    return node.query(node.render(view.page), ".selfcheck-page")[0]["text"]


def _classes(view: SelfCheck) -> str:
    node = _node()
    return " ".join(e["attrs"].get("class", "") for e in node.query(node.render(view.page), "*"))


def _texts(rules: TriageRules) -> list[str]:
    """Every text of the rule file a learner can read."""
    out = [*rules.form.model_dump().values(), *rules.always, rules.no_triggers]
    for s in rules.steps:
        out += [s.heading, s.lead, s.note or "", *(o.text for o in s.options)]
    for i in rules.questions:
        out += [i.label, i.text, i.help]
    for o in rules.outcomes:
        out += [o.kind, o.title, o.choice, o.where, o.tell, *o.do_now, *o.closing]
    for r in rules.rules:
        out += [r.reason, r.caution or ""]
    out += [t.step for t in rules.triggers]
    return [t for t in out if isinstance(t, str)]


# -- H-01 under-triage, H-13 injuries: the loader's safety contract -------------------------------------------
def test_the_shipped_rule_file_loads():
    assert _load(copy.deepcopy(RAW)).rules


@pytest.mark.parametrize("rule", [r["id"] for r in RAW["rules"]])
def test_every_rule_is_needed_removing_any_one_is_refused_by_the_loader(rule):
    """H-01, H-13: each answer that is a warning sign fires exactly one rule, so a file without it cannot load."""
    raw = _with_rules(lambda rules: rules.remove(next(r for r in rules if r["id"] == rule)))
    with pytest.raises(ContentError, match="unsafe: no rule sends"):
        _load(raw)


@pytest.mark.parametrize(
    "rule, calmer",
    [
        ("emergency-balance", "same_day"),
        ("emergency-breathing", "urgent_care"),
        ("emergency-confusion", "book_visit"),
        ("urgent-injury-four-steps", "same_day"),
        ("urgent-injury-numb-cold", "book_visit"),
        ("same-day-weakness", "book_visit"),
        ("visit-numbness", "no_warning_signs"),
    ],
)
def test_a_rule_moved_to_a_calmer_outcome_is_refused_by_the_loader(rule, calmer):
    """H-01, H-13: the least outcome each answer must reach (`required`) is checked when the file loads."""
    with pytest.raises(ContentError, match="unsafe: no rule sends"):
        _load(_set_outcome(rule, calmer))


# -- H-02 alarm --------------------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "rule, higher",
    [
        ("visit-stiffness", "emergency"),
        ("visit-over-2-weeks", "same_day"),
        ("unsure-face", "emergency"),
        ("earlier-balance", "emergency"),
        ("same-day-numbness", "urgent_care"),
    ],
)
def test_a_rule_above_its_signs_tier_is_refused_by_the_loader(rule, higher):
    """H-02: only "yes, now or today" to a sign of the emergency list may lead to 999; no answer above its tier."""
    with pytest.raises(ContentError, match="alarm: rule"):
        _load(_set_outcome(rule, higher))


def test_a_trigger_can_never_lead_to_a_visit():
    """H-02: a ticked trigger (stress, caffeine...) only chooses everyday steps."""
    raw = _with_rules(
        lambda rules: rules.append(
            {**rules[-1], "id": "stress-visit", "when": {"stress": ["yes"]}, "outcome": "book_visit"}
        )
    )
    with pytest.raises(ContentError, match="is a trigger"):
        _load(raw)


# -- H-14 reassuring wording ------------------------------------------------------------------------------------
@pytest.mark.parametrize("phrase", ["Your twitch is harmless.", "There is nothing to worry about.", "This is normal."])
def test_a_reassuring_phrase_in_a_verdict_is_refused_by_the_loader(phrase):
    raw = copy.deepcopy(RAW)
    calm = next(o for o in raw["outcomes"] if o["id"] == "no_warning_signs")
    calm["where"] = f"{calm['where']} {phrase}"
    with pytest.raises(ContentError, match="reassuring phrase"):
        _load(raw)


# -- H-12 teacher switch -----------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "environ, table, on",
    [
        ({ENV: "off"}, {}, False),
        ({ENV: "OFF "}, {}, False),
        ({ENV: "false"}, {KEY: True}, False),  # the variable wins over the file
        ({}, {KEY: False}, False),
        ({}, {KEY: "off"}, False),
        ({ENV: "on"}, {KEY: False}, True),
        ({}, {}, True),
    ],
)
def test_the_teacher_switch_reads_the_variable_first_then_the_project_table(environ, table, on):
    got = personal_check(environ, table)
    assert got.on is on and got.problem is None


@pytest.mark.parametrize("value", ["of", "disabled", "", "2"])
def test_a_switch_value_that_is_neither_on_nor_off_turns_the_personal_check_off_and_says_so(value):
    """H-12: a typo must fail safe (off), and the teacher is told why."""
    got = personal_check({ENV: value}, {})
    assert got.on is False and got.problem and "off to be safe" in got.problem


def test_a_class_with_the_switch_off_gets_no_personal_mode():
    v = SelfCheck(switch=PersonalCheck(False))
    assert v.mode == "explore" and "selfcheck-mode" not in _classes(v)
    with pytest.raises(PermissionError):
        v.choose_mode("own")
    for q in v.questions:
        v.answer(q, "under_1_week" if q == "duration" else "yes")
    assert isinstance(v.submit(), Example) and v.verdict is None
    assert "turned the personal check off" in _page(v)


# -- H-09 wrong region's numbers, H-10 a lost region ------------------------------------------------------------
@pytest.mark.parametrize("region", ["international", "uk", "us", "eu", "elsewhere"])
def test_each_region_names_its_own_emergency_number_and_111_only_in_the_uk(region):
    rules = load_triage_rules(region=region)
    title = rules.outcome("emergency").title
    assert title == f"Call {NUMBERS.get(region, 'your local emergency number')} now"
    own = set(NUMBERS.get(region, "").split(" / "))
    text = "\n".join(_texts(rules))
    for number in {"999", "112", "911"} - own:
        assert not re.search(rf"\b{number}\b", text), (region, number)
    if region != "uk":
        assert not re.search(r"\b111\b", text), region  # New Zealand's emergency number


def test_the_care_file_refuses_111_outside_the_uk():
    """H-09: 111 is an advice line only in the UK (New Zealand's emergency number); care.yaml may not offer it."""
    raw = yaml.safe_load((CONTENT_DIR / "care.yaml").read_text(encoding="utf-8"))
    next(r for r in raw["regions"] if r["id"] == "elsewhere")["advice_line"] = "111"
    with pytest.raises(ContentError, match="111 is an advice line only in the UK"):
        validate(CareFile, raw, CONTENT_DIR / "care.yaml")


class _Kept:
    """A progress store that kept `value` as the region (or could not be read: None)."""

    def __init__(self, value):
        self.value = value

    def setting(self, key):
        return self.value


@pytest.mark.parametrize("kept", [None, "nz", ""])
def test_a_lost_or_unknown_region_falls_back_to_the_international_wording(kept):
    """H-10: no region kept (new computer, unreadable store) gives all three numbers and never 111."""
    assert current_region(_Kept(kept)) == "international"
    care = load_care_file()
    assert care.default_region == "international"
    default = care.region(None)
    assert default.emergency_numbers == "999 / 112 / 911"
    assert "111" not in " ".join(default.model_dump().values())


def test_a_fresh_store_has_no_region_and_gives_the_international_wording(tmp_path):
    assert current_region(ProgressStore(tmp_path)) == "international"


# -- H-07 out-of-date source -------------------------------------------------------------------------------------
def _course_checked() -> date:
    text = (ROOT / "lessons" / "SOURCES.md").read_text(encoding="utf-8")
    m = re.search(r"Last checked against sources: (\d{4}-\d\d-\d\d)", text)
    assert m, "SOURCES.md says when the course was last checked"
    return date.fromisoformat(m.group(1))


def test_every_rule_quotes_a_source_read_no_earlier_than_the_courses_last_check():
    """H-07: a rule rests on a quoted sentence from a page read at the course's last check or later."""
    rules = load_triage_rules()
    checked = _course_checked()
    for key, s in rules.sources.items():
        assert date.fromisoformat(s.read) >= checked, f"source {key!r} was read {s.read}, before {checked}"
        assert key == "article" or (s.url or "").startswith("https://"), key
    for r in rules.rules:
        assert r.source in rules.sources and len(r.quote.split()) >= 5, r.id


# -- H-11 a pupil with a healthcare plan (asthma) ----------------------------------------------------------------
def test_the_breathing_question_is_about_now_and_names_the_asthma_reliever():
    """H-11, H-04: a pupil with asthma or a cold is not sent to 999 for a usual wheeze; a reliever that is not
    helping is on the emergency list (NHS asthma attack)."""
    item = load_triage_rules().item("trouble_breathing")
    assert re.search(r"\bnow\b", item.text) and "more than is usual for you" in item.text
    assert "reliever inhaler is not helping" in item.help and "usual for you" in item.help


# -- H-04 a misread question ---------------------------------------------------------------------------------------
def test_the_balance_question_is_not_dizziness_alone_and_says_what_does_not_count():
    item = load_triage_rules().item("trouble_balance")
    assert "dizz" not in item.text.lower()
    assert "light-headed" in item.help and "is not this sign" in item.help and "sit or lie down" in item.help


def test_the_lasting_numbness_question_covers_anywhere_in_the_foot_or_leg():
    item = load_triage_rules().item("lasting_numbness")
    assert "anywhere in your foot or leg" in item.text and "outer edge" in item.help


# -- H-05 a distressed pupil ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("region", ["international", "uk", "us", "eu", "elsewhere"])
def test_the_stress_step_names_the_regions_helpline(region):
    rules = load_triage_rules(region=region)
    assert load_care_file().region(region).helpline in rules.trigger("stress").step


def test_no_verdict_says_a_pupil_will_be_in_trouble_for_calling():
    tell = load_triage_rules().outcome("emergency").tell
    assert "never be in trouble for calling" in tell and "under 18" in tell


# -- H-16 no verdict shown ----------------------------------------------------------------------------------------
def test_call_now_for_a_sign_from_the_emergency_list_comes_before_any_question():
    """H-16: a pupil who stops before the end (or never starts) has already read when to call now."""
    v = SelfCheck()
    page = _page(v)
    assert "call 999 / 112 / 911 now" in page, "no call-now line on the form"
    first = page.index("call 999 / 112 / 911 now")
    assert "emergency list" in page[:first] and first < page.index(
        v.rules.item(v.rules.questions_of("sudden")[0]).label
    )


# -- H-05 and H-12: the guide's advice for a class -------------------------------------------------------------------
def test_the_guide_keeps_the_personal_check_out_of_class_and_documents_the_switch():
    """H-05, H-12: explore mode and stories in class, the personal check at home or in private; how to turn it off."""
    guide = _guide()
    plain = guide.replace("*", "").lower()
    assert "in class: use explore mode and the practice stories" in plain
    assert "at home or in private: the personal check" in plain
    assert "personal-check = false" in guide and "FOOT_TWITCH_PERSONAL_CHECK=off" in guide


def _guide() -> str:
    return " ".join((ROOT / "lessons" / "instructor" / "guide.md").read_text(encoding="utf-8").split())


def test_the_guide_says_pupils_with_a_healthcare_plan_follow_it_first():
    """H-11: asthma, diabetes or epilepsy: the plan comes first, for the pupil and the teacher."""
    guide = _guide()
    assert "individual healthcare plan (for example for asthma, diabetes or epilepsy) follow their plan first" in guide


def test_the_guide_gives_a_quiet_word_beforehand_to_a_pupil_whose_family_has_had_a_stroke():
    """H-05: the emergency list is taught through stroke signs; such a pupil is told what is coming."""
    guide = _guide()
    assert "quiet word beforehand" in guide and "whose family has had a stroke" in guide


def test_the_form_asks_the_emergency_list_first_one_step_at_a_time():
    """H-16: step 1, the only screen shown at first, asks exactly care.yaml's emergency list, in its order."""
    v = SelfCheck()
    node = _node()
    steps = node.query(node.render(v.page), ".selfcheck-step")
    assert [e["attrs"]["data-step"] for e in steps if not e["hidden"]] == ["sudden"] and v.step == "sudden"
    assert v.rules.questions_of("sudden") == [e.id for e in load_care_file().emergency_list]
