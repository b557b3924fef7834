"""Figure content: foot-map regions and figure texts validate, and quiz topics point at real regions."""

import pytest
import yaml

from widgets.content.figure_model import REGION_IDS, FootRegions
from widgets.content.load import (
    CONTENT_DIR,
    ContentError,
    all_banks,
    lesson_ids,
    load_figure_texts,
    load_regions,
    related_questions,
    validate,
)


def test_regions_load_with_every_id_the_map_draws():
    regions = load_regions()
    assert [r.id for r in regions.regions] == list(REGION_IDS)
    assert {r.view for r in regions.regions} == {"lateral", "medial"}
    assert regions.region("tarsal-tunnel").view == "medial"


def test_figure_texts_say_they_are_cartoons_and_have_both_walkthroughs():
    texts = load_figure_texts()
    for name in ("simulator", "twitch_vs_cramp"):
        assert "cartoon" in getattr(texts, name).caption
    assert texts.motor_unit_steps["normal"][0].order is True
    assert not any(s.order for s in texts.motor_unit_steps["misfire"])


def _raw():
    return yaml.safe_load((CONTENT_DIR / "foot_regions.yaml").read_text())


def test_unknown_region_is_named_with_its_field():
    raw = _raw()
    raw["regions"][1]["id"] = "peroneal-tendon"
    with pytest.raises(ContentError, match=r"regions\[1\]\.id.*'peroneal-tendon'"):
        validate(FootRegions, raw, "foot_regions.yaml")


def test_region_without_text_and_typo_field_are_errors():
    raw = _raw()
    del raw["regions"][-1]
    with pytest.raises(ContentError, match="posterior-tibial-nerve"):
        validate(FootRegions, raw, "foot_regions.yaml")
    raw = _raw()
    raw["regions"][0]["explaination"] = raw["regions"][0].pop("explanation")
    with pytest.raises(ContentError, match=r"peroneal-muscles.*explaination.*unknown field"):
        validate(FootRegions, raw, "foot_regions.yaml")


def test_every_region_topic_names_a_real_region():
    for bank in all_banks():
        for q in bank.questions:
            if q.topic and q.topic.startswith("region:"):
                assert q.topic.removeprefix("region:") in REGION_IDS, f"{bank.lesson}/{q.id}: {q.topic}"


def test_each_region_has_a_related_question():
    assert "03-foot" in lesson_ids()  # the foot lesson's bank asks about the regions
    for rid in REGION_IDS:
        assert related_questions(rid), f"no quiz question has topic region:{rid}"
