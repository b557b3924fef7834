"""Typed model of the self-check rule file (content/triage.yaml), with the safety checks run at load time."""

from __future__ import annotations

import re
from typing import Annotated

from pydantic import AfterValidator, Field, ValidationInfo, field_validator, model_validator

from .care_model import EMERGENCY_NUMBER_RE, care_of, fill_care  # noqa: F401
from .model import SelfCheckAnswers
from .schema import FieldError, Id, Strict, Text, _unique
from .vocab import (
    DURATIONS,
    OUTCOMES,
    SEVERITY,
    SIGNS,
    STEP_OF,
    STEPS,
    TIER,
    TRIGGERS,
    Outcome,
    Sign,
    Step,
    Trigger,
)

# Phrases that would reassure a reader. No text of the rule file may contain one: a person who reads any
# verdict of this check must never be told that their twitch is fine.
REASSURING = (
    "harmless",
    "nothing to worry",
    "no need to worry",
    "no need to see",
    "you're fine",
    "you are fine",
    "normal",
    "benign",
    "don't worry",
    "do not worry",
    "not serious",
    "nothing serious",
    "safe to ignore",
    "all clear",
    "nothing wrong",
    "you're ok",
    "you are ok",
    "no cause for concern",
    "perfectly healthy",
    "sudden or severe",  # not reassuring, but vague: every "call now" line names the emergency list instead
)
_REASSURING_RE = re.compile(r"\b(" + "|".join(re.escape(p) for p in REASSURING) + r")\b", re.IGNORECASE)


def reassuring_phrase(s: str) -> str | None:
    """The first reassuring phrase in `s` (curly apostrophes count as straight ones), or None."""
    m = _REASSURING_RE.search(s.replace("\u2019", "'"))
    return m.group(1) if m else None


def _no_reassurance(value: str) -> str:
    phrase = reassuring_phrase(value)
    if phrase:
        raise ValueError(
            f"contains the reassuring phrase {phrase!r}; this check must never reassure "
            f"(forbidden: {', '.join(REASSURING)})"
        )
    return value


# Text shown in a verdict: care placeholders filled in, and checked for reassuring phrases (errors name entry, field).
Safe = Annotated[Text, AfterValidator(fill_care), AfterValidator(_no_reassurance)]


class Source(Strict):
    """A source named in the text, with its address written out (the lessons run offline) and the date it was read."""

    name: Text
    url: str | None = Field(None, pattern=r"^https://")  # none for the course article (it is not online)
    read: str = Field(pattern=r"^\d{4}-\d{2}-\d{2}$")


class Item(Strict):
    """One question about a sign (its answers are its step's options)."""

    id: Sign
    label: Safe  # short name used in the verdict ("Sudden numbness in the face, an arm or a leg")
    text: Safe  # the question, in plain words
    help: Safe  # "what does this mean?"


class Choice(Strict):
    id: Id
    text: Safe


class ChoiceQuestion(Strict):
    """A question with its own list of answers (how long)."""

    label: Safe
    text: Safe
    help: Safe
    choices: list[Choice] = Field(min_length=2)


class StepText(Strict):
    """One screen of the form: its heading, the lead line above its questions and the answers each one offers."""

    id: Step
    heading: Safe
    lead: Safe
    options: list[Choice] = Field(default_factory=list)  # the signs' answers (none on the last step: its own)
    help: Safe | None = None  # step 1: what each short sign means, folded under the list
    note: Safe | None = None  # under the lead: what an answer option means


class TriggerItem(Strict):
    """A tick box for a possible trigger and the self-care step the article backs for it."""

    id: Trigger
    text: Safe
    step: Safe
    source: Text  # where in the article the step comes from


class OutcomeText(Strict):
    """One verdict, in the NHS "when and where to get care" pattern: where and when, what to do now, who to tell."""

    id: Outcome
    kind: Safe  # the step's short name above the title, in words beside its icon ("Emergency", "Urgent: today")
    title: Safe  # the first line of the verdict (for an emergency: "Call ... now")
    choice: Safe  # the same step, as a practice-story choice
    where: Safe  # when and where to get care
    do_now: list[Safe]  # what to do now
    tell: Safe  # who to tell: the route for under-18s
    closing: list[Safe]  # when to come back or get help sooner (per outcome: never "if it lasts" on an emergency)


class Rule(Strict):
    """If the one question in `when` has one of the listed answers, the verdict is at least `outcome`."""

    id: Id
    when: dict[str, list[str]] = Field(min_length=1, max_length=1)
    outcome: Outcome
    reason: Safe  # why this answer matters, in plain words
    source: Id  # a key of `sources`
    quote: Text  # the source's sentence this rule relies on
    caution: Safe | None = None  # shown above everything else in the verdict

    @field_validator("when")
    @classmethod
    def _known_answers(cls, when: dict[str, list[str]]) -> dict[str, list[str]]:
        for question, answers in when.items():
            if question in TRIGGERS:
                raise ValueError(
                    f"{question!r} is a trigger: triggers only choose self-care steps and can "
                    "never lead to a visit or an emergency"
                )
            allowed = ANSWERS.get(question)
            if allowed is None:
                raise ValueError(f"unknown question {question!r}; expected one of {sorted(ANSWERS)}")
            if not answers:
                raise ValueError(f"{question!r} lists no answers")
            for a in answers:
                if a == "no" or a not in allowed:
                    raise ValueError(f"{question!r}: a rule may not read {a!r}; expected one of {list(allowed[1:])}")
        return when

    @property
    def question(self) -> str:
        return next(iter(self.when))


# Every answer each question offers ("no" first: a rule on "no" would fire for everyone).
ANSWERS: dict[str, tuple[str, ...]] = {
    **{q: ("no", "yes", "earlier", "unsure") if TIER[q] == "emergency" else ("no", "yes", "unsure") for q in SIGNS},
    "duration": DURATIONS,  # "under_1_week" first: the calm answer
}
CALM: dict[str, str] = {q: a[0] for q, a in ANSWERS.items()}  # a person with no sign at all


def required(question: str, answer: str) -> Outcome:
    """The outcome one answer leads to, whatever else the person answers: the rules must give at least this (no
    under-triage) and no rule reading this answer may give more (no alarm). Only "yes, now or today" to a sign of
    the emergency list leads to an emergency; "not sure" or "before today" on one leads to "get help today"."""
    if question == "duration":
        return "book_visit" if answer in ("over_2_weeks", "unsure") else "no_warning_signs"
    if answer == "no":
        return "no_warning_signs"
    tier = TIER[question]
    if tier == "emergency" and answer in ("unsure", "earlier"):
        return "same_day"  # "not sure" with the caution "if it is happening now, call ... now" on top
    return tier


class Example(Strict):
    """The worked example that explore mode shows instead of a verdict on the learner's own answers."""

    label: Safe  # "Example, not about you"
    intro: Safe
    story: Safe
    verdict_label: Safe  # above the example's verdict ("What the check would tell Alex:")
    steps_label: Safe  # above the everyday steps for the learner's own ticks ("not about you")
    answers: SelfCheckAnswers


class Form(Strict):
    """The words around the questions: intro, the explore-mode choice, the buttons and the notices."""

    intro: Safe
    emergency_first: Safe  # "a sign from the emergency list right now: call ... now, whatever this check says"
    mode_question: Safe
    mode_own: Safe
    mode_explore: Safe
    personal_off: Safe  # shown instead of the mode choice when a teacher turned the personal check off
    next: Safe
    back: Safe
    show: Safe  # the last step's button in the personal check
    show_example: Safe  # the last step's button in explore mode
    missing: Safe  # "answer every question on this step first", before the list of those left
    choose_mode: Safe  # "Next" pressed before choosing a mode
    sources_note: Safe  # before the list of sources
    cautions_heading: Safe  # above the "if it is happening now, call ... now" lines
    reasons_heading: Safe  # "Why: ..." above the reasons
    triggers_label: Safe  # names the group of trigger tick boxes on the last step (read out, and shown above them)


class TriageRules(Strict):
    """The whole self-check in one file: steps, questions, help, outcomes, rules, sources and the lines always shown."""

    sources: dict[Id, Source]
    form: Form
    steps: list[StepText]
    questions: list[Item]
    duration: ChoiceQuestion
    triggers: list[TriggerItem]
    outcomes: list[OutcomeText]
    unsure_emergency_caution: Safe = Field(
        description="Words every caution for 'not sure' on an emergency sign must contain."
    )
    no_triggers: Safe  # shown with no_warning_signs when no trigger was ticked
    rules: list[Rule] = Field(min_length=1)
    always: list[Safe] = Field(min_length=1)
    example: Example

    @model_validator(mode="after")
    def _complete_and_safe(self, info: ValidationInfo) -> TriageRules:
        for field, got, want in (
            ("steps", [s.id for s in self.steps], STEPS),
            ("questions", [i.id for i in self.questions], SIGNS),
            ("duration.choices", [c.id for c in self.duration.choices], DURATIONS),
            ("triggers", [t.id for t in self.triggers], TRIGGERS),
            ("outcomes", [o.id for o in self.outcomes], OUTCOMES),
        ):
            _unique(got, field.split(".")[0])
            if list(got) != list(want):
                raise FieldError(field, f"expected exactly the ids {list(want)}, in this order; got {got}")
        for s in self.steps:
            want_options = [] if s.id == "how_long" else list(ANSWERS[self.questions_of(s.id)[0]])
            got_options = [o.id for o in s.options]
            if sorted(got_options) != sorted(want_options):
                raise FieldError("steps", f"step {s.id!r}: expected the answers {want_options}, got {got_options}")
        _unique([r.id for r in self.rules], "rule")
        for r in self.rules:
            if r.source not in self.sources:
                raise FieldError(
                    "rules", f"rule {r.id!r} cites {r.source!r}, which is not in sources ({', '.join(self.sources)})"
                )
        for question, answers in ANSWERS.items():
            for answer in answers:
                firing = self.fired_by(question, answer)
                best = max((SEVERITY[r.outcome] for r in firing), default=0)
                least = required(question, answer)
                if answer == CALM[question] and firing:
                    raise FieldError(
                        "rules",
                        f"rule {firing[0].id!r} fires for a person who answered "
                        f"{question}: {answer}, which is no warning sign",
                    )
                if best < SEVERITY[least]:
                    raise FieldError(
                        "rules",
                        f"unsafe: no rule sends [{question}: {answer}] to at least "
                        f"{least!r}; it could reach a calmer outcome",
                    )
                for r in firing:
                    if SEVERITY[r.outcome] > SEVERITY[least]:
                        raise FieldError(
                            "rules",
                            f"alarm: rule {r.id!r} sends [{question}: {answer}] to {r.outcome!r}, above "
                            f"{least!r}; only 'yes, now or today' to a sign of the emergency "
                            "list may lead to an emergency, and no answer above its sign's tier",
                        )
                if TIER.get(question) == "emergency" and answer == "unsure":
                    must = self.unsure_emergency_caution.lower()
                    if not any(r.caution and must in r.caution.lower() for r in firing):
                        raise FieldError(
                            "rules",
                            f"'not sure' on the emergency sign {question}: a rule must carry "
                            f"a caution containing {self.unsure_emergency_caution!r}",
                        )
        emergency = self.outcome("emergency")
        if care_of(info).emergency_numbers not in emergency.title:
            raise FieldError(
                "outcomes",
                "the emergency verdict's title (its first line) must name the emergency "
                "numbers: write {emergency_numbers}",
            )
        if not any("first aider" in line for line in self.outcome("urgent_care").do_now[:1]):
            raise FieldError(
                "outcomes", "urgent_care: its first thing to do must be to tell the first aider (hurt at school)"
            )
        for o in self.outcomes:
            if not re.search(r"under 18", o.tell, re.IGNORECASE):
                raise FieldError("outcomes", f"outcome {o.id!r}: 'tell' must give the route for under-18s")
        if not any("not a diagnosis" in line.lower() for line in self.always):
            raise FieldError("always", "one line must say this is not a diagnosis")
        if not any("not saved" in line.lower() for line in self.always):
            raise FieldError("always", "one line must say the answers are not saved")
        return self

    def fired_by(self, question: str, answer: str) -> list[Rule]:
        """The rules that one answer fires (every rule reads exactly one question)."""
        return [r for r in self.rules if r.question == question and answer in r.when[question]]

    def questions_of(self, step: str) -> list[str]:
        """The question ids one step asks, in order (the last step asks how long, beside the trigger tick boxes)."""
        return [q for q in (*SIGNS, "duration") if STEP_OF[q] == step]

    def step(self, sid: str) -> StepText:
        return next(s for s in self.steps if s.id == sid)

    def item(self, qid: str) -> Item:
        for i in self.questions:
            if i.id == qid:
                return i
        raise KeyError(qid)

    def outcome(self, oid: str) -> OutcomeText:
        return next(o for o in self.outcomes if o.id == oid)

    def trigger(self, tid: str) -> TriggerItem:
        return next(t for t in self.triggers if t.id == tid)
