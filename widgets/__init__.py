"""Interactive lessons on a twitching foot. The one-liners the notebooks call live here.

Folders by role, each importing only those below it (tests/repo/test_layers.py): ``content/`` (the YAML, its models
and loader) → ``questions/`` (question kinds) → ``engine/`` (grading, scoring, self-check, simulations) →
``store/`` (the learner's progress file) → ``classroom/`` (results, hand-in, roll-up, xAPI/LRS) and ``lms/`` (bank
export) → ``views/`` (ipywidgets, anywidget, plotly; page code in ``static/``); ``jupyter/`` holds the server
extension, the shipped settings and the kernel warm-up. Names below are imported lazily, so ``import widgets``
stays fast and a notebook cell is one line: ``from widgets import quiz; quiz("01-physiology")``.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.4.0"  # pyproject.toml reads it; CHANGELOG.md has an entry for each version

# public name -> "module:attribute" (modules relative to this package)
_API = {
    "quiz": "views.quiz:quiz",
    "progress_overview": "views.progress:progress_overview",
    "glossary": "views.glossary:glossary",
    "review_quiz": "views.review:review_quiz",
    "case_stories": "views.cases:case_stories",
    "selfcheck": "views.selfcheck:selfcheck",
    "region_chooser": "views.region:region_chooser",
    "simulator": "views.simulator:simulator",
    "twitch_vs_cramp": "views.twitch_cramp:twitch_vs_cramp",
    "motor_unit": "views.motor_unit:motor_unit",
    "foot_map": "views.foot_map:foot_map",
    "progress_backup": "views.backup:progress_backup",
    "hand_in": "views.handin:hand_in_button",
    "handins_overview": "views.dropbox:handins_overview",
    "class_results": "views.class_results:class_results",
    "before_check": "views.checks:before_check",
    "after_check": "views.checks:after_check",
    "my_goals": "views.goals:my_goals",
}

__all__ = sorted(_API)


def __getattr__(name: str) -> Any:
    try:
        target = _API[name]
    except KeyError:
        raise AttributeError(f"module 'widgets' has no attribute {name!r}") from None
    module, _, attr = target.partition(":")
    value = getattr(import_module(f".{module}", __name__), attr)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(list(globals()) + __all__)
