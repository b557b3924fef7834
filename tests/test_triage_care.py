"""Emergency numbers live in one place (content/care.yaml) and every text names exactly those."""

import json
from pathlib import Path

import pytest

from widgets.care_model import EMERGENCY_NUMBER_RE
from widgets.load import CONTENT_DIR, load_cases, load_triage_rules
from widgets.load import load_care as care

ROOT = Path(__file__).resolve().parent.parent
NUMBERS = "999 / 112 / 911"  # the string the lessons use (issue 11)
NOTEBOOKS = sorted((ROOT / "lessons").glob("*.ipynb"))


def _notebook_text(path: Path) -> str:
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    return "\n".join("".join(c["source"]) if isinstance(c["source"], list) else c["source"] for c in cells)


def stray_numbers(text: str) -> list[str]:
    """Emergency numbers in `text` that are not part of the one agreed string."""
    return [m.group(0) for m in EMERGENCY_NUMBER_RE.finditer(text.replace(NUMBERS, ""))]


def test_care_file_is_the_one_home_of_the_numbers():
    assert care().emergency_numbers == NUMBERS and care().advice_line == "NHS 111"
    for name in ("triage.yaml", "cases.yaml"):  # these files use the placeholder, never the digits
        raw = (CONTENT_DIR / name).read_text(encoding="utf-8")
        body = "\n".join(line for line in raw.splitlines() if not line.lstrip().startswith("#"))
        assert not EMERGENCY_NUMBER_RE.search(body), name
        assert "{emergency_numbers}" in body, name


def test_every_verdict_and_story_that_names_a_number_names_exactly_these():
    rules = load_triage_rules()
    texts = [line for o in rules.outcomes for line in (o.title, o.choice, o.where, o.tell, *o.do_now, *o.closing)]
    texts += [r.caution or "" for r in rules.rules] + [r.reason for r in rules.rules]
    stories = load_cases()
    texts += [stories.more_cautious, *stories.too_little.values()]
    texts += [t for s in stories.stories for t in (s.story, s.reason, s.teacher_note)]
    named = [t for t in texts if EMERGENCY_NUMBER_RE.search(t)]
    assert len(named) > 10 and all(NUMBERS in t and not stray_numbers(t) for t in named)
    assert rules.outcome("emergency").title == f"Call {NUMBERS} now"


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
