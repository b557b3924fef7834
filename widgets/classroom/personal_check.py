"""The teacher switch: whether lesson 04 offers the personal self-check, or only explore mode and the stories.

A teacher or hub admin turns the personal check off for a class with ``personal-check = false`` under
``[tool.foot-twitch-lessons]`` (pyproject.toml, mirrored in widgets/settings.toml by
``python -m widgets.classroom.xapi --write-settings``), or for one server with the environment variable
``FOOT_TWITCH_PERSONAL_CHECK=off`` (it wins over the file). Any other value than on/off turns it off and says so.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from .xapi import project_table

ENV = "FOOT_TWITCH_PERSONAL_CHECK"
KEY = "personal-check"
_ON, _OFF = ("on", "true", "1", "yes"), ("off", "false", "0", "no")


@dataclass(frozen=True)
class PersonalCheck:
    """Whether the personal check is offered, and a note for the teacher when a setting could not be read."""

    on: bool
    problem: str | None = None


def personal_check(environ: Mapping[str, str] | None = None, table: Mapping[str, Any] | None = None) -> PersonalCheck:
    """The switch as set by the environment variable, else the project table; on when neither says."""
    env = os.environ if environ is None else environ
    if ENV in env:
        raw, where = env[ENV].strip().lower(), f"the environment variable {ENV}"
    else:
        value = (project_table() if table is None else table).get(KEY, True)
        raw, where = str(value).strip().lower(), f"{KEY} in [tool.foot-twitch-lessons]"
    if raw in _ON:
        return PersonalCheck(True)
    if raw in _OFF:
        return PersonalCheck(False)
    return PersonalCheck(
        False, f"{where} is {raw!r}, which is neither on nor off: the personal check is off to be safe."
    )
