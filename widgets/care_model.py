"""Typed model of content/care.yaml (the emergency numbers and the advice line, written once) and the text
type that fills them in.

Text that may name them (verdicts, case stories) writes ``{emergency_numbers}`` / ``{advice_line}``; the
loader (widgets/load.py) validates such text with the care data in pydantic's validation context, so this
schema never reads a file itself.
"""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, ValidationInfo

from .schema import Strict, Text

# An emergency number written out (so it can be checked against care.yaml): 999, 112, 911, and 000 (Australia).
EMERGENCY_NUMBER_RE = re.compile(r"(?<![\d,.])(999|112|911|000)(?![\d]|[,.]\d)")
_PLACEHOLDER_RE = re.compile(r"\{([a-z_]+)\}")


class Care(Strict):
    """content/care.yaml: the emergency numbers and the advice line, written once."""

    emergency_numbers: Text = Field(pattern=r"^\d{3}( / \d{3})*$")
    advice_line: Text


def care_of(info: ValidationInfo) -> Care:
    """The care data the loader passed in the validation context."""
    found = (info.context or {}).get("care")
    if not isinstance(found, Care):
        raise ValueError("no care data to fill in: load this file with widgets.load (it supplies content/care.yaml)")
    return found


def fill_care(text: str, info: ValidationInfo) -> str:
    """`text` with {emergency_numbers} / {advice_line} filled in; a written-out number is refused."""
    if EMERGENCY_NUMBER_RE.search(text):
        raise ValueError(
            "names an emergency number itself; write {emergency_numbers} so the numbers live in "
            "one place (content/care.yaml)"
        )
    values: dict[str, str] = care_of(info).model_dump()  # every Care field is text

    def sub(m: re.Match[str]) -> str:
        if m.group(1) not in values:
            raise ValueError(f"unknown placeholder {{{m.group(1)}}}; expected one of {sorted(values)}")
        return values[m.group(1)]

    return _PLACEHOLDER_RE.sub(sub, text)


# Text that may name the emergency numbers or the advice line only as {emergency_numbers} / {advice_line}.
CareText = Annotated[Text, AfterValidator(fill_care)]
