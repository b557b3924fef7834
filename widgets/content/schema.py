"""The building blocks of every content model: a strict base, id and text fields, cross-field errors."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Id = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[a-z0-9][a-z0-9_-]*$")]
Text = Annotated[str, Field(min_length=1)]


class Strict(BaseModel):
    """Base for content models: unknown fields are errors, so typos surface."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class FieldError(ValueError):
    """A cross-field check failed; `field` names the field to blame in the loader's message."""

    def __init__(self, field: str, message: str):
        self.field = field
        super().__init__(message)


class DuplicateIdError(ValueError):
    """Two entries share an id; `duplicate` names it so the loader can point at the entry."""

    def __init__(self, what: str, duplicate: str):
        self.duplicate = duplicate
        super().__init__(f"duplicate {what} id {duplicate!r} (ids must be unique)")


def _unique(ids: Iterable[str], what: str) -> None:
    seen: set[str] = set()
    for i in ids:
        if i in seen:
            raise DuplicateIdError(what, i)
        seen.add(i)


def require_placeholders(model: object, needed: Mapping[str, Sequence[str]]) -> None:
    """FieldError naming the first text field of `model` that lacks one of its placeholders (``"{n}"``), so a text
    edited as content can never drop what the code fills in."""
    for field, marks in needed.items():
        missing = [m for m in marks if m not in getattr(model, field)]
        if missing:
            raise FieldError(field, f"must contain {', '.join(missing)}")
