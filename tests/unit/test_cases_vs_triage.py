"""Every practice story of lesson 04 gets, from the self-check engine, exactly the step the story expects."""

import pytest

from widgets.content.load import CONTENT_DIR
from widgets.content.load import load_triage_rules as load_rules
from widgets.content.model import OUTCOMES
from widgets.engine.cases import load_cases
from widgets.engine.triage import triage

CASES = CONTENT_DIR / "cases.yaml"


def test_the_case_file_exists():
    # fails (never skips) if the stories go missing: this check must always run
    assert CASES.exists(), f"{CASES} is missing"


def _stories():
    return load_cases().stories if CASES.exists() else []


@pytest.mark.parametrize("story", _stories(), ids=lambda s: s.id)
def test_story_matches_engine(story):
    verdict = triage(story.answers, load_rules())
    assert verdict.outcome == story.expected, (
        f"{story.id}: the story expects {story.expected!r}, the self-check says {verdict.outcome!r} "
        f"because {[r.rule for r in verdict.reasons]}"
    )


def test_the_stories_cover_every_outcome():
    assert {triage(s.answers, load_rules()).outcome for s in _stories()} == set(OUTCOMES)
