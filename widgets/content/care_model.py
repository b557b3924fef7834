"""Typed model of content/care.yaml (the emergency numbers, services by region, the one emergency list and the
helplines, written once) and the text type that fills them in.

Text that may name them (verdicts, case stories) writes ``{emergency_numbers}``, ``{urgent_care}`` and the other
`Care` fields; the loader (content/load.py) validates such text with one region's `Care` in pydantic's validation
context, so this schema never reads a file itself.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, ValidationInfo, model_validator

from .schema import FieldError, Id, Strict, Text, _unique
from .vocab import EMERGENCY_SIGNS, EmergencySign

# An emergency number written out (so it can be checked against care.yaml): 999, 112, 911, and 000 (Australia).
EMERGENCY_NUMBER_RE = re.compile(r"(?<![\d,.])(999|112|911|000)(?![\d]|[,.]\d)")
_PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")
PLACEHOLDERS = ("emergency_numbers", "emergency_department", "urgent_care", "same_day", "advice_line", "helpline")


class Care(Strict):
    """One region's services: what each placeholder of a care text becomes."""

    id: Id
    name: Text  # shown in lesson 00's "where do you live?" choice
    emergency_numbers: Text = Field(pattern=r"^(\d{3}( / \d{3})*|your local emergency number)$")
    emergency_department: Text
    urgent_care: Text  # where an injury that may be broken goes now (never the same-day GP)
    same_day: Text  # where to get help today
    advice_line: Text  # its short name ("NHS 111"), for a story's reason
    helpline: Text  # for a pupil whose worry feels like too much


class EmergencyListEntry(Strict):
    """One sign of the emergency list: the self-check's first step asks it; lessons list it by `short`."""

    id: EmergencySign
    short: Text


class CareFile(Strict):
    """content/care.yaml: every region's services, the default one, and the one emergency list."""

    default_region: Id
    regions: list[Care] = Field(min_length=1)
    emergency_list: list[EmergencyListEntry]

    @model_validator(mode="after")
    def _complete(self) -> CareFile:
        _unique([r.id for r in self.regions], "region")
        if self.default_region not in [r.id for r in self.regions]:
            raise FieldError("default_region", f"{self.default_region!r} is not one of the regions")
        got = [e.id for e in self.emergency_list]
        if got != list(EMERGENCY_SIGNS):
            raise FieldError("emergency_list", f"expected exactly the ids {list(EMERGENCY_SIGNS)}, in order; got {got}")
        for r in self.regions:
            if r.id != "uk" and "111" in (r.same_day + r.advice_line):
                raise FieldError(
                    "regions", f"{r.id}: 111 is an advice line only in the UK (New Zealand's emergency number)"
                )
        return self

    def region(self, rid: str | None = None) -> Care:
        """One region's services (the default one for None); an unknown id is refused with the known ones."""
        rid = rid or self.default_region
        for r in self.regions:
            if r.id == rid:
                return r
        raise KeyError(f"unknown region {rid!r}; expected one of {[r.id for r in self.regions]}")


def care_of(info: ValidationInfo) -> Care:
    """The region's care data the loader passed in the validation context."""
    found = (info.context or {}).get("care")
    if not isinstance(found, Care):
        raise ValueError(
            "no care data to fill in: load this file with widgets.content.load (it supplies content/care.yaml)"
        )
    return found


def fill(text: str, care: Care) -> str:
    """`text` with every {placeholder} filled in from one region; a written-out number or unknown name is refused."""
    if EMERGENCY_NUMBER_RE.search(text):
        raise ValueError(
            "names an emergency number itself; write {emergency_numbers} so the numbers live in "
            "one place (content/care.yaml)"
        )
    values: dict[str, str] = {k: str(getattr(care, k)) for k in PLACEHOLDERS}

    def sub(m: re.Match[str]) -> str:
        if m.group(1) not in values:
            raise ValueError(f"unknown placeholder {{{m.group(1)}}}; expected one of {sorted(values)}")
        return values[m.group(1)]

    return _PLACEHOLDER_RE.sub(sub, text)


def fill_care(text: str, info: ValidationInfo) -> str:
    """Pydantic validator form of `fill`, with the region from the validation context."""
    return fill(text, care_of(info))


# Text that may name the services only through placeholders ({emergency_numbers}, {urgent_care}, ...).
CareText = Annotated[Text, AfterValidator(fill_care)]
