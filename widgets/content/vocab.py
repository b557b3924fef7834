"""One definition of every word list the course uses: each is a `Literal` type, and its values come from it.

Models, engine and views import these; nothing else spells a list out again (tests/repo/test_layers.py checks
that no other module repeats one).
"""

from __future__ import annotations

from typing import Literal, get_args

# --- The self-check ------------------------------------------------------------------------------------
# the verdicts that send a person to care, most urgent first (urgent_care: A&E / urgent treatment centre for an injury)
CareOutcome = Literal["emergency", "urgent_care", "same_day", "book_visit"]
Outcome = Literal[CareOutcome, "no_warning_signs"]  # every verdict, most urgent first
EmergencySign = Literal[  # exactly content/care.yaml's emergency list, in its order
    "face_drooping",
    "sudden_weakness",
    "sudden_numbness",
    "trouble_speaking",
    "sudden_confusion",
    "trouble_seeing",
    "trouble_balance",
    "severe_headache",
    "trouble_breathing",
    "trouble_swallowing",
    "spreading_weakness",
]
UrgentCareSign = Literal["injury_deformed", "injury_numb_cold", "injury_cannot_walk"]
SameDaySign = Literal["new_weakness", "spreading_numbness"]
BookVisitSign = Literal[
    "lasting_weakness", "several_places", "stiffness", "wasting", "lasting_numbness", "pain", "medicine"
]
Sign = Literal[EmergencySign, UrgentCareSign, SameDaySign, BookVisitSign]
# "earlier": a step-1 sign that happened before today, went away and nobody checked it (emergency signs only)
SignAnswer = Literal["no", "yes", "unsure", "earlier"]  # code 0 = "no"
Duration = Literal["under_1_week", "1_to_2_weeks", "over_2_weeks", "unsure"]
Trigger = Literal["caffeine", "stress", "little_water", "hard_exercise", "tight_shoes", "long_standing"]
Step = Literal["sudden", "today", "visit", "how_long"]  # the form's screens, in the order asked
Mode = Literal["own", "explore"]  # checking my own twitch / just exploring (never a verdict about me)

OUTCOMES: tuple[Outcome, ...] = get_args(Outcome)
CARE_OUTCOMES: tuple[CareOutcome, ...] = get_args(CareOutcome)
EMERGENCY_SIGNS: tuple[EmergencySign, ...] = get_args(EmergencySign)
URGENT_CARE_SIGNS: tuple[UrgentCareSign, ...] = get_args(UrgentCareSign)
SAME_DAY_SIGNS: tuple[SameDaySign, ...] = get_args(SameDaySign)
BOOK_VISIT_SIGNS: tuple[BookVisitSign, ...] = get_args(BookVisitSign)
SIGNS: tuple[Sign, ...] = get_args(Sign)
SIGN_ANSWERS: tuple[SignAnswer, ...] = get_args(SignAnswer)
DURATIONS: tuple[Duration, ...] = get_args(Duration)
TRIGGERS: tuple[Trigger, ...] = get_args(Trigger)
STEPS: tuple[Step, ...] = get_args(Step)
MODES: tuple[Mode, ...] = get_args(Mode)
# How serious each verdict is: rules may only escalate; the verdict is the most serious outcome that fires.
SEVERITY: dict[Outcome, int] = {o: len(OUTCOMES) - 1 - i for i, o in enumerate(OUTCOMES)}
# The verdict a "yes" to each sign leads to.
TIER: dict[str, CareOutcome] = {
    **dict.fromkeys(EMERGENCY_SIGNS, "emergency"),
    **dict.fromkeys(URGENT_CARE_SIGNS, "urgent_care"),
    **dict.fromkeys(SAME_DAY_SIGNS, "same_day"),
    **dict.fromkeys(BOOK_VISIT_SIGNS, "book_visit"),
}
# The screen each question is asked on (how long is asked last, with the trigger tick boxes).
STEP_OF: dict[str, Step] = {
    **dict.fromkeys(EMERGENCY_SIGNS, "sudden"),
    **dict.fromkeys(URGENT_CARE_SIGNS + SAME_DAY_SIGNS, "today"),
    **dict.fromkeys(BOOK_VISIT_SIGNS, "visit"),
    "duration": "how_long",
}

# --- Glossary --------------------------------------------------------------------------------------------
GlossaryKind = Literal["know", "doctors"]
GLOSSARY_KINDS: tuple[GlossaryKind, ...] = get_args(GlossaryKind)

# --- Figures ---------------------------------------------------------------------------------------------
RegionId = Literal["peroneal-muscles", "peroneal-tendons", "shoe-pressure", "tarsal-tunnel", "posterior-tibial-nerve"]
FootView = Literal["lateral", "medial"]
MotorUnitPart = Literal["spinal-cord", "motor-neuron", "junction", "fibres"]  # in the order a signal passes
MotorUnitMode = Literal["normal", "misfire", "cramp"]
REGION_IDS: tuple[RegionId, ...] = get_args(RegionId)
MOTOR_UNIT_PARTS: tuple[MotorUnitPart, ...] = get_args(MotorUnitPart)
MOTOR_UNIT_MODES: tuple[MotorUnitMode, ...] = get_args(MotorUnitMode)
