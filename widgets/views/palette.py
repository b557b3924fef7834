"""Colours (colour-blind safe, Okabe–Ito), the stylesheet, and the CSS classes that tests and the browser suite
select on.

The colours are defined once, as ``--lessons-*`` custom properties in ``static/lessons.css``; the constants
here are read from that file for the plotly figures, which cannot use CSS variables.
"""

import re
from pathlib import Path

STATIC = Path(__file__).parents[1] / "static"  # package data: the stylesheet and the page-side scripts
STYLESHEET = STATIC / "lessons.css"


def stylesheet_colours() -> dict[str, str]:
    """The ``--lessons-<name>: #rrggbb;`` colours of the stylesheet, by name."""
    text = STYLESHEET.read_text(encoding="utf-8")
    return dict(re.findall(r"--lessons-([a-z-]+):\s*(#[0-9A-Fa-f]{6})\s*;", text))


_C = stylesheet_colours()
BLUE, ORANGE, SKY, GREEN = _C["blue"], _C["orange"], _C["sky"], _C["green"]
YELLOW, VERMILION, PURPLE, BLACK = _C["yellow"], _C["vermilion"], _C["purple"], _C["black"]
GREY = _C["grey"]  # lines and muted labels (contrast 7:1 on white)
INFO_TEXT = _C["info-text"]  # figure text
GRID = _C["grid"]  # axis grid lines
FILL_LIGHT = _C["fill-light"]  # the foot outline
FILL_BONE = _C["fill-bone"]  # the ankle bones
WHITE = _C["white"]  # figure backgrounds

# Stable CSS hooks (widget.add_class); the browser tests select on these, never on generated ids.
CSS = {
    "view": "lesson-view",  # every view root (views/keyboard.py KeyboardSafeBox)
    "stylesheet": "lesson-stylesheet",
    "announcer": "lesson-announcer",
    "progress_marks": "lesson-progress-marks",
    "status": "lesson-status",
    "glossary": "glossary",
    "quiz": "quiz",
    "question": "quiz-question",
    "check": "quiz-check",
    "feedback": "quiz-feedback",
    "score": "quiz-score",
    "notice": "quiz-notice",
    "progress_overview": "progress-overview",
    "reset": "progress-reset",
    "case_stories": "case-stories",
    "case": "case-story",
    "case_check": "case-check",
    "case_feedback": "case-feedback",
    "case_tally": "case-tally",
    "case_progress": "case-progress",
    "case_back": "case-back",
    "case_next": "case-next",
    "selfcheck": "selfcheck",
    "region_chooser": "region-chooser",
    "selfcheck_item": "selfcheck-item",
    "selfcheck_mode": "selfcheck-mode",
    "selfcheck_example": "selfcheck-example",
    "selfcheck_trigger": "selfcheck-trigger",
    "selfcheck_submit": "selfcheck-submit",
    "selfcheck_back": "selfcheck-back",
    "selfcheck_step": "selfcheck-step",
    "selfcheck_clear": "selfcheck-clear",
    "selfcheck_result": "selfcheck-result",
    "selfcheck_verdict": "selfcheck-verdict",
    "glossary_search": "glossary-search",
    "glossary_count": "glossary-count",
    "glossary_terms": "glossary-terms",
    "review_quiz": "review-quiz",
    "review_order": "review-order",
    "progress_backup": "progress-backup",
    "backup_warning": "backup-warning",
    "backup_export": "backup-export",
    "backup_export_out": "backup-export-out",
    "backup_download": "backup-download",
    "backup_download_out": "backup-download-out",
    "backup_upload": "backup-upload",
    "backup_confirm": "backup-confirm",
    "backup_restore_out": "backup-restore-out",
    "backup_link": "backup-link",
    "class_results": "class-results",
    "hand_in": "hand-in",
    "handins_overview": "handins-overview",
    "class_results_folder": "class-results-folder",
    "class_results_read": "class-results-read",
    "class_results_chart": "class-results-chart",
    "class_results_completion": "class-results-completion",
    "class_results_misconceptions": "class-results-misconceptions",
    "class_results_items": "class-results-items",
    "class_results_checks": "class-results-checks",
    "class_results_skipped": "class-results-skipped",
    "class_results_status": "class-results-status",
    "simulator": "simulator",
    "simulator_figure": "simulator-figure",
    "simulator_control": "simulator-control",
    "simulator_count": "simulator-count",
    "simulator_new": "simulator-new",
    "simulator_caption": "simulator-caption",
    "twitch_vs_cramp": "twitch-cramp",
    "twitch_cramp_figure": "twitch-cramp-figure",
    "twitch_cramp_replay": "twitch-cramp-replay",
    "twitch_cramp_status": "twitch-cramp-status",
    "twitch_cramp_caption": "twitch-cramp-caption",
    "motor_unit": "motor-unit",
    "motor_unit_figure": "motor-unit-figure",
    "motor_unit_mode": "motor-unit-mode",
    "motor_unit_back": "motor-unit-back",
    "motor_unit_next": "motor-unit-next",
    "motor_unit_step": "motor-unit-step",
    "motor_unit_caption": "motor-unit-caption",
    "foot_map": "foot-map",
    "foot_map_figure": "foot-map-figure",
    "foot_map_region_list": "foot-map-region-list",
    "foot_map_explanation": "foot-map-explanation",
    "foot_map_questions": "foot-map-questions",
    "foot_map_caption": "foot-map-caption",
    "foot_map_click": "foot-map-click",
    # the before/after checks and the goal views (views/checks.py, views/goals.py, views/class_goals.py)
    "goal_check": "goal-check",
    "goal_check_question": "goal-check-question",
    "goal_check_save": "goal-check-save",
    "goal_check_status": "goal-check-status",
    "before_check": "before-check",
    "after_check": "after-check",
    "my_goals": "goals-view",
    "class_goals": "class-goals",
    "class_goals_chart": "class-goals-chart",
    "class_goals_table": "class-goals-table",
}
