"""The self-check's expected behaviour, written from the cited sources, not read from the package.

The tests compare the engine and triage.yaml against this spec, so it stays independent of widgets/content/vocab.py
on purpose: a sign moved to a calmer tier (or a higher one) in the code or the content fails here.
"""

from __future__ import annotations

CALL = "Call 999 / 112 / 911 now"
# Step 1, the emergency list. NHS stroke (FAST: face, arms, speech; also sudden memory loss or confusion, sudden
# loss of balance), CDC (sudden numbness or weakness, confusion, trouble speaking or understanding, trouble seeing,
# trouble walking or loss of balance, severe headache with no known cause), NHS asthma attack (reliever not
# helping: call 999), NHS Guillain-Barré (difficulty breathing or swallowing, weakness spreading quickly).
EMERGENCY = (
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
)
# Step 2. NHS sprains and strains (a crack, changed shape or odd angle; numb, discoloured or cold: urgent treatment
# centre or A&E) and NICE CKS's Ottawa ankle rules (cannot take four steps: X-ray).
URGENT_CARE = ("injury_deformed", "injury_numb_cold", "injury_cannot_walk")
SAME_DAY = ("new_weakness", "spreading_numbness")  # NHS Guillain-Barré: urgent GP / NHS 111
# Step 3. NHS twitching page's "see a GP" list, NHS foot drop (see a GP), the article (shrinking muscle, pain with
# the twitch), MedlinePlus (numbness, tingling or burning in the foot).
NHS_SEE_A_GP = ("lasting_weakness", "several_places", "stiffness", "medicine")
BOOK_VISIT = (*NHS_SEE_A_GP, "wasting", "lasting_numbness", "pain")
STEP = {
    **dict.fromkeys(EMERGENCY, "sudden"),
    **dict.fromkeys(URGENT_CARE + SAME_DAY, "today"),
    **dict.fromkeys(BOOK_VISIT, "visit"),
    "duration": "how_long",
}
TIER = {
    **dict.fromkeys(EMERGENCY, "emergency"),
    **dict.fromkeys(URGENT_CARE, "urgent_care"),
    **dict.fromkeys(SAME_DAY, "same_day"),
    **dict.fromkeys(BOOK_VISIT, "book_visit"),
}
LEVEL = {"no_warning_signs": 0, "book_visit": 1, "same_day": 2, "urgent_care": 3, "emergency": 4}


def level_of(question: str, answer: str) -> int:
    """The level one answered question asks for, from the sources ("earlier": NHS TIA, a past one -> urgent GP)."""
    if question == "duration":
        return LEVEL["book_visit"] if answer in ("over_2_weeks", "unsure") else 0
    if answer == "no":
        return 0
    if TIER[question] == "emergency" and answer in ("earlier", "unsure"):
        return LEVEL["same_day"]
    return LEVEL[TIER[question]]


def outcome_of(level: int) -> str:
    return next(o for o, n in LEVEL.items() if n == level)
