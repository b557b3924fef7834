"""Emergency numbers and services live in one place (content/care.yaml), by region, and every text names exactly
those of the learner's region (issue 23: "never '111' outside the UK: it is New Zealand's emergency number")."""

import json
from pathlib import Path

import pytest
import yaml

from widgets.content.care_model import EMERGENCY_NUMBER_RE
from widgets.content.load import CONTENT_DIR, load_care_file, load_triage_rules
from widgets.content.load import load_care as care
from widgets.content.vocab import EMERGENCY_SIGNS
from widgets.engine.cases import load_cases
from widgets.engine.triage import triage

ROOT = Path(__file__).resolve().parents[2]
NUMBERS = "999 / 112 / 911"  # the string the lessons use (issue 11)
NOTEBOOKS = sorted((ROOT / "lessons").glob("*.ipynb"))


def _notebook_text(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in cells)


def stray_numbers(text: str) -> list[str]:
    """Emergency numbers in `text` that are not part of the one agreed string."""
    return [m.group(0) for m in EMERGENCY_NUMBER_RE.finditer(text.replace(NUMBERS, ""))]


# What each region's texts must say (issue 23 "Where you live"), written from the issue, not read from care.yaml.
REGIONS = {
    "international": {"numbers": NUMBERS, "helpline": "a trusted adult or a helpline in your country"},
    "uk": {"numbers": "999", "helpline": "Childline on 0800 1111"},
    "us": {"numbers": "911", "helpline": "988"},
    "eu": {"numbers": "112", "helpline": "a trusted adult or a helpline in your country"},
    "elsewhere": {"numbers": "your local emergency number", "helpline": "a trusted adult or a helpline"},
}


def shown_strings(name: str) -> str:
    """Every string of a content file that a learner can read: the sources and each rule's quote (verbatim from a
    source page, such as the NHS's "call 999") are left out; comments are not data."""

    def walk(node, key=None):
        if key in ("sources", "quote", "source"):
            return
        if isinstance(node, dict):
            for k, v in node.items():
                yield from walk(v, k)
        elif isinstance(node, list):
            for v in node:
                yield from walk(v)
        elif isinstance(node, str):
            yield node

    return "\n".join(walk(yaml.safe_load((CONTENT_DIR / name).read_text(encoding="utf-8"))))


def region_texts(region: str) -> list[str]:
    """Every verdict line the self-check can show in one region (every outcome, cautions, reasons, triggers)."""
    rules = load_triage_rules(region=region)
    texts = [line for o in rules.outcomes for line in (o.title, o.choice, o.where, o.tell, *o.do_now, *o.closing)]
    texts += [r.caution or "" for r in rules.rules] + [r.reason for r in rules.rules]
    texts += [t.step for t in rules.triggers] + [rules.form.emergency_first, rules.form.personal_off]
    return texts


def test_care_file_is_the_one_home_of_the_numbers():
    assert care().emergency_numbers == NUMBERS and care().advice_line == "a doctor or a health advice line"
    assert care("uk").advice_line == "NHS 111"
    assert load_care_file().default_region == "international"
    assert list(EMERGENCY_SIGNS) == [e.id for e in load_care_file().emergency_list]
    for name in ("triage.yaml", "cases.yaml"):  # these files use the placeholder, never the digits
        body = shown_strings(name)
        assert not EMERGENCY_NUMBER_RE.search(body), name
        assert "{emergency_numbers}" in body, name


def test_every_verdict_and_story_that_names_a_number_names_exactly_these():
    rules = load_triage_rules()
    texts = [line for o in rules.outcomes for line in (o.title, o.choice, o.where, o.tell, *o.do_now, *o.closing)]
    texts += [r.caution or "" for r in rules.rules] + [r.reason for r in rules.rules]
    stories = load_cases()
    texts += [*stories.more_cautious.values(), *stories.too_little.values()]
    texts += [t for s in stories.stories for t in (s.story, s.reason, s.teacher_note)]
    named = [t for t in texts if EMERGENCY_NUMBER_RE.search(t)]
    assert len(named) > 10 and all(NUMBERS in t and not stray_numbers(t) for t in named)
    assert rules.outcome("emergency").title == f"Call {NUMBERS} now"


@pytest.mark.parametrize("region", REGIONS)
def test_each_region_names_its_own_numbers_and_helpline_and_111_only_in_the_uk(region):
    want = REGIONS[region]
    c = care(region)
    assert c.emergency_numbers == want["numbers"] and want["helpline"] in c.helpline
    texts = region_texts(region)
    title = load_triage_rules(region=region).outcome("emergency").title
    assert title == f"Call {want['numbers']} now"
    for t in texts:
        assert not EMERGENCY_NUMBER_RE.search(t.replace(want["numbers"], "")), (region, t)
    nz = [t for t in texts if "111" in t.replace("0800 1111", "")]
    if region == "uk":
        assert any("NHS 111" in t for t in nz) and any("NHS 24" in t for t in nz)
    else:
        assert not nz, f"{region}: 111 is New Zealand's emergency number, never an advice line here: {nz[0]!r}"


@pytest.mark.parametrize("region", REGIONS)
def test_every_verdict_in_every_region_names_that_regions_services(region):
    c = care(region)
    rules = load_triage_rules(region=region)
    for sign, where in (("injury_deformed", c.urgent_care), ("new_weakness", c.same_day)):
        v = triage(rules.example.answers.model_copy(update={"signs": [sign]}), rules)
        assert where in v.where, (region, sign)
    v = triage(rules.example.answers.model_copy(update={"signs": [EMERGENCY_SIGNS[0]]}), rules)
    assert c.emergency_department in v.where and v.title == f"Call {c.emergency_numbers} now"
    stress = rules.trigger("stress").step
    assert c.helpline in stress


def test_no_rule_file_text_writes_a_service_name_that_belongs_to_one_region():
    """Service names come from care.yaml's placeholders; the rule file itself never names NHS 111, A&E or 988."""
    body = shown_strings("triage.yaml")
    for name in ("111", "A&E", "urgent treatment centre", "minor injuries unit", "Childline", "988", "NHS 24"):
        assert name not in body, name


def test_the_number_check_can_fail():
    assert stray_numbers("Call 999 in the UK, 911 in the US.") == ["999", "911"]
    assert stray_numbers(f"Call {NUMBERS} now.") == []
    assert stray_numbers("1,000 fibres and 112.5 mm") == []
    assert stray_numbers("In Australia, call 000.") == ["000"]


# Lesson 04 as it stood before issue 11 ("999 in the UK, 911 in the US"): its rewrite is on another branch.
# Strict: the moment the notebook no longer says this, the mark falls away and the check applies in full.
OLD_WORDING = "999 in the UK, 911 in the US"


def _params():
    for nb in NOTEBOOKS:
        old = OLD_WORDING in _notebook_text(nb)
        yield pytest.param(
            nb,
            id=nb.name,
            marks=[
                pytest.mark.xfail(strict=True, reason="pre-issue-11 wording; the lesson rewrite names 999 / 112 / 911")
            ]
            if old
            else [],
        )


@pytest.mark.parametrize("notebook", list(_params()))
def test_every_lesson_that_names_an_emergency_number_names_exactly_999_112_911(notebook):
    text = _notebook_text(notebook)
    stray = stray_numbers(text)
    assert not stray, (
        f"{notebook.name} names the emergency number(s) {stray} outside the agreed string "
        f"{NUMBERS!r} (content/care.yaml)"
    )
