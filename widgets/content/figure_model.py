"""Typed models of the figure content: foot-map regions (foot_regions.yaml) and figure texts (figures.yaml)."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from .schema import FieldError, Id, Strict, Text, _unique
from .vocab import MOTOR_UNIT_MODES, MOTOR_UNIT_PARTS, REGION_IDS, FootView, MotorUnitMode, MotorUnitPart  # noqa: F401


class FootRegion(Strict):
    """One part of the foot map: its name, which view shows it, and what it has to do with a twitch."""

    id: Id
    name: Text
    view: FootView
    where: Text = Field(description="Where on the leg or foot the part is, as the lesson says it (its side).")
    hover: Text = Field(description="One short line shown when the pointer rests on the region.")
    explanation: Text


class FootRegions(Strict):
    regions: list[FootRegion] = Field(min_length=1)

    @model_validator(mode="after")
    def _known_ids(self) -> FootRegions:
        _unique([r.id for r in self.regions], "region")
        for i, r in enumerate(self.regions):
            if r.id not in REGION_IDS:
                raise FieldError(f"regions[{i}].id", f"unknown region {r.id!r}; the map draws {REGION_IDS}")
        missing = set(REGION_IDS) - {r.id for r in self.regions}
        if missing:
            raise FieldError("regions", f"the map draws regions with no text: {sorted(missing)}")
        return self

    def region(self, rid: str) -> FootRegion:
        for r in self.regions:
            if r.id == rid:
                return r
        raise KeyError(rid)


class FigureText(Strict):
    """Title, text alternative and "What to notice" line of one figure. The widget shows only ``notice``; the
    ``caption`` (the full description) is kept out of sight, for screen readers (aria-describedby) and the site."""

    title: Text
    caption: Text = Field(description="The full text alternative: visually hidden, read by screen readers.")
    notice: Text = Field(description="The one line shown under the figure, after 'What to notice:'.")


def _has(template: str, *names: str) -> str:
    """A template must name each of its placeholders (a typo would show "{levle}" to a learner)."""
    for name in names:
        if "{" + name + "}" not in template:
            raise ValueError(f"needs the placeholder {{{name}}}")
    return template


def _fields_have(model: object, needed: dict[str, list[str]]) -> None:
    """`_has` for each text field of `model`, blaming the field (FieldError) that lacks a placeholder."""
    for field, names in needed.items():
        try:
            _has(getattr(model, field), *names)
        except ValueError as e:
            raise FieldError(field, str(e)) from None


Template = Text  # a sentence with {name} placeholders, filled the same way in Python and in the page


class TwitchCounts(Strict):
    zero: Text
    one: Text
    many: Template

    @model_validator(mode="after")
    def _n(self) -> TwitchCounts:
        _has(self.many, "n")
        return self


class SimulatorWords(Strict):
    """Every line the simulator shows around its figure; filled in the page and, for tests, in Python."""

    controls_label: Text
    headline: Text
    scale: Text
    levels: list[Text] = Field(min_length=4, max_length=4, description="Expected twitching, calm first.")
    nerve: Template
    nerve_levels: list[Text] = Field(min_length=4, max_length=4, description="How easily the nerve fires.")
    sample: Template
    sample_hidden: Template
    twitches: TwitchCounts
    alt: Template
    new_recording: Text
    new_recording_tip: Text

    @model_validator(mode="after")
    def _placeholders(self) -> SimulatorWords:
        _fields_have(
            self,
            {"nerve": ["nerve"], "sample": ["noticed"], "sample_hidden": ["hidden"], "alt": ["level", "sample"]},
        )
        return self


class SimulatorText(FigureText):
    words: SimulatorWords


class TwitchCrampWords(Strict):
    replay_twitch: Text
    replay_twitch_tip: Text
    replay_cramp: Text
    replay_cramp_tip: Text
    twitch: Template
    cramp: Template
    close_up: Template = Field(description="The close-up box's label, under the line; {zoom}: how many times taller.")
    alt: Template = Field(description="The text alternative: everything drawn, both graphs ({twitch}, {cramp}).")

    @model_validator(mode="after")
    def _placeholders(self) -> TwitchCrampWords:
        _fields_have(
            self, {"twitch": ["start"], "cramp": ["start"], "close_up": ["zoom"], "alt": ["twitch", "cramp", "zoom"]}
        )
        return self


class TwitchCrampText(FigureText):
    words: TwitchCrampWords


class FootMapWords(Strict):
    choose: Text
    prompt: Text
    click_tip: Text
    chosen: Template
    questions: Text
    question: Template
    question_truefalse: Template
    question_link: Text = Field(description="The tip of a related question's link to the quiz.")
    no_questions: Text
    alt_none: Text
    alt_chosen: Template

    @model_validator(mode="after")
    def _placeholders(self) -> FootMapWords:
        _fields_have(
            self,
            {
                "chosen": ["where"],
                "question": ["lesson", "n", "prompt"],
                "question_truefalse": ["lesson", "n", "prompt"],
                "alt_chosen": ["name", "where"],
            },
        )
        return self


class FootMapText(FigureText):
    words: FootMapWords


class MotorUnitStep(Strict):
    """One step of the motor-unit walk-through: where the signal is, and what happens there."""

    part: MotorUnitPart
    text: Text
    order: bool = Field(description="True when the spinal cord sent an order to move.")
    tight: bool = Field(False, description="True when the unit's muscle fibres are tightening.")
    units: Literal["one", "many"] = Field(
        "one", description="Whose signals and fibres are drawn: the one unit followed, or many units at once."
    )


class FigureTexts(Strict):
    notice_label: Text = Field("What to notice:", description="The bold start of every figure's one visible line.")
    simulator: SimulatorText
    twitch_vs_cramp: TwitchCrampText
    motor_unit: FigureText
    foot_map: FootMapText
    motor_unit_steps: dict[MotorUnitMode, list[MotorUnitStep]]

    @model_validator(mode="after")
    def _both_modes(self) -> FigureTexts:
        for mode in MOTOR_UNIT_MODES:
            if len(self.motor_unit_steps.get(mode, [])) < 2:
                raise FieldError(f"motor_unit_steps.{mode}", "needs at least two steps")
        return self
