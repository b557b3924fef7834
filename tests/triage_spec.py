"""The self-check's expected behaviour, written from the cited sources, not read from the package.

The tests compare the engine and triage.yaml against this spec, so it stays independent of widgets/vocab.py
on purpose: a sign moved to a calmer tier in the code or the content fails here.
"""

from __future__ import annotations

CALL = "Call 999 / 112 / 911 now"
# CDC: sudden numbness or weakness of face, arm or leg (esp. one side); confusion, trouble speaking or
# understanding; trouble seeing; trouble walking, dizziness, loss of balance; severe headache with no known
# cause. NHS FAST: face dropped. NHS Guillain-Barré: breathing, swallowing, weakness spreading fast.
EMERGENCY = (
    "face_drooping",
    "sudden_weakness",
    "sudden_numbness",
    "trouble_speaking",
    "trouble_seeing",
    "trouble_balance",
    "severe_headache",
    "trouble_breathing",
    "trouble_swallowing",
    "spreading_weakness",
)
SAME_DAY = ("new_weakness", "spreading_numbness")  # NHS Guillain-Barré: urgent GP / NHS 111
NHS_SEE_A_GP = ("lasting_weakness", "several_places", "stiffness", "medicine")  # NHS twitching page's "see a GP" list
BOOK_VISIT = (*NHS_SEE_A_GP, "wasting", "sole_numbness", "pain")  # the article; MedlinePlus (sole)
TIER = {
    **dict.fromkeys(EMERGENCY, "emergency"),
    **dict.fromkeys(SAME_DAY, "same_day"),
    **dict.fromkeys(BOOK_VISIT, "book_visit"),
}
LEVEL = {"no_warning_signs": 0, "book_visit": 1, "same_day": 2, "emergency": 3}
