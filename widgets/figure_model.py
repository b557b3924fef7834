"""Typed models of the figure content: foot-map regions (foot_regions.yaml) and figure texts (figures.yaml)."""

from __future__ import annotations

from pydantic import Field, model_validator

from .schema import FieldError, Id, Strict, Text, _unique
from .vocab import MOTOR_UNIT_MODES, MOTOR_UNIT_PARTS, REGION_IDS, FootView, MotorUnitMode, MotorUnitPart  # noqa: F401


class FootRegion(Strict):
    """One part of the foot map: its name, which view shows it, and what it has to do with a twitch."""

    id: Id
    name: Text
    view: FootView
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
    """Title and caption of one figure; the caption is shown under it in the widget."""

    title: Text
    caption: Text


class MotorUnitStep(Strict):
    """One step of the motor-unit walk-through: where the signal is, and what happens there."""

    part: MotorUnitPart
    text: Text
    order: bool = Field(description="True when the spinal cord sent an order to move.")
    tight: bool = Field(False, description="True when the unit's muscle fibres are tightening.")


class FigureTexts(Strict):
    simulator: FigureText
    twitch_vs_cramp: FigureText
    motor_unit: FigureText
    foot_map: FigureText
    motor_unit_steps: dict[MotorUnitMode, list[MotorUnitStep]]

    @model_validator(mode="after")
    def _both_modes(self) -> FigureTexts:
        for mode in MOTOR_UNIT_MODES:
            if len(self.motor_unit_steps.get(mode, [])) < 2:
                raise FieldError(f"motor_unit_steps.{mode}", "needs at least two steps")
        return self
