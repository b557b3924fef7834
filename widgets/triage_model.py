"""Typed model of the self-check rule file (content/triage.yaml), with the safety checks run at load time."""

from __future__ import annotations

import re
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, field_validator, model_validator

from .model import (DURATIONS, FIXES, OUTCOMES, RED_FLAGS, TRIGGERS, URGENT_SIGNS, FieldError, Id, Strict,
                    Text, _unique)

# Phrases that would reassure a reader. No text of the rule file may contain one: a person who reads any
# verdict of this check must never be told that their twitch is fine.
REASSURING = ("harmless", "nothing to worry", "no need to worry", "no need to see", "you're fine", "you are fine",
              "normal", "benign", "don't worry", "do not worry", "not serious", "nothing serious",
              "safe to ignore", "all clear", "nothing wrong", "you're ok", "you are ok", "no cause for concern",
              "perfectly healthy")
_REASSURING_RE = re.compile(r"\b(" + "|".join(re.escape(p) for p in REASSURING) + r")\b", re.IGNORECASE)

ITEM_ANSWERS = ("no", "yes", "unsure")          # the three answers to each urgent or red-flag item (code 0 = "no")
# Severity of the outcomes: rules may only escalate; the verdict is the most serious outcome that matches.
SEVERITY = {"no_warning_signs": 0, "professional": 1, "urgent": 2}
assert set(SEVERITY) == set(OUTCOMES)


def reassuring_phrase(s: str) -> str | None:
    """The first reassuring phrase in `s` (curly apostrophes count as straight ones), or None."""
    m = _REASSURING_RE.search(s.replace("\u2019", "'"))
    return m.group(1) if m else None


def _no_reassurance(value):
    for s in [value] if isinstance(value, str) else list(value or []):
        phrase = reassuring_phrase(s)
        if phrase:
            raise ValueError(f"contains the reassuring phrase {phrase!r}; this check must never reassure "
                             f"(forbidden: {', '.join(REASSURING)})")
    return value


# Text that is checked for reassuring phrases wherever it appears (errors name the entry and field).
Safe = Annotated[Text, AfterValidator(_no_reassurance)]


class Source(Strict):
    """A source named in the text, with its address written out (the lessons run offline)."""

    name: Text
    url: Text = Field(pattern=r"^https://")


class Item(Strict):
    """One yes / no / not sure question (an urgent sign or a red flag)."""

    id: Id
    label: Safe                     # short name used in the verdict ("True weakness")
    text: Safe                      # the question, in plain words
    help: Safe                      # "what does this mean?"


class Choice(Strict):
    id: Id
    text: Safe


class ChoiceQuestion(Strict):
    """A question with its own list of answers (how long; fixes tried)."""

    label: Safe
    text: Safe
    help: Safe
    choices: list[Choice] = Field(min_length=2)


class TriggerItem(Strict):
    """A tick box for a possible trigger and the self-care step the article backs for it."""

    id: Literal["caffeine", "stress", "little_water", "hard_exercise", "tight_shoes", "long_standing"]
    text: Safe
    step: Safe
    source: Text                    # where in the article the step comes from


class Outcome(Strict):
    id: Literal["urgent", "professional", "no_warning_signs"]
    title: Safe
    text: Safe


class Rule(Strict):
    """If every question named in `when` has one of the listed answers, the verdict is at least `outcome`."""

    id: Id
    when: dict[str, list[str]] = Field(min_length=1)
    outcome: Literal["urgent", "professional"]
    reason: Safe                    # why this answer matters, in plain words
    caution: Safe | None = None      # shown above everything else in the verdict

    @field_validator("when")
    @classmethod
    def _known_answers(cls, when: dict[str, list[str]]) -> dict[str, list[str]]:
        for question, answers in when.items():
            if question in TRIGGERS:
                raise ValueError(f"{question!r} is a trigger: triggers only choose self-care steps and can "
                                 "never lead to a professional or urgent outcome")
            allowed = _ALLOWED.get(question)
            if allowed is None:
                raise ValueError(f"unknown question {question!r}; expected one of {sorted(_ALLOWED)}")
            if not answers:
                raise ValueError(f"{question!r} lists no answers")
            for a in answers:
                if a not in allowed:
                    raise ValueError(f"{question!r} has no answer {a!r}; expected one of {list(allowed)}")
        return when

    def covers(self, situation: dict[str, str]) -> bool:
        """True if this rule fires for every person whose answers include `situation`."""
        return all(q in situation and situation[q] in answers for q, answers in self.when.items())


# Answers a rule may test: items only on "yes" or "not sure" (a rule on "no" would fire for everyone).
_ALLOWED = {**{q: ("yes", "unsure") for q in URGENT_SIGNS + RED_FLAGS},
            "duration": DURATIONS, "fixes": FIXES}

# Every situation that must reach at least an outcome, whatever else the person answers.
_BASELINE = {**{q: "no" for q in URGENT_SIGNS + RED_FLAGS}, "duration": "days", "fixes": "not_tried"}


def required_situations() -> list[tuple[dict[str, str], str, str]]:
    """(answers, least outcome, what it means) that the rules must cover: the safety contract of the file."""
    need: list[tuple[dict[str, str], str, str]] = []
    for q in URGENT_SIGNS:
        need.append(({q: "yes"}, "urgent", f"an urgent sign ({q}: yes)"))
        need.append(({q: "unsure"}, "professional", f"'not sure' on an urgent sign ({q})"))
    for q in RED_FLAGS:
        need.append(({q: "yes"}, "professional", f"a red flag ({q}: yes)"))
        need.append(({q: "unsure"}, "professional", f"'not sure' on a red flag ({q})"))
    need.append(({"duration": "unsure"}, "professional", "'not sure' how long it has gone on"))
    need.append(({"fixes": "unsure"}, "professional", "'not sure' whether fixes were tried"))
    need.append(({"duration": "several_weeks", "fixes": "tried"}, "professional",
                 "several weeks despite lifestyle changes"))
    need.append(({"duration": "several_weeks", "fixes": "not_tried"}, "professional",
                 "several weeks with fixes not tried yet"))
    return need


class Sources(Strict):
    article: Text
    urgent: list[Source] = Field(min_length=1)


class TriageRules(Strict):
    """The whole self-check in one file: questions, help, outcomes, rules and the lines always shown."""

    sources: Sources
    urgent: list[Item]
    red_flags: list[Item]
    duration: ChoiceQuestion
    fixes: ChoiceQuestion
    triggers: list[TriggerItem]
    outcomes: list[Outcome]
    rules: list[Rule] = Field(min_length=1)
    always: list[Safe] = Field(min_length=1)
    urgent_unsure_caution: Text = Field(description="Words every caution for 'not sure' on an urgent sign must contain.")
    no_triggers: Safe               # shown with no_warning_signs when no trigger was ticked
    unanswered: Safe                # shown when some questions were left unanswered

    @model_validator(mode="after")
    def _complete_and_safe(self) -> "TriageRules":
        for field, got, want in (("urgent", [i.id for i in self.urgent], URGENT_SIGNS),
                                 ("red_flags", [i.id for i in self.red_flags], RED_FLAGS),
                                 ("duration.choices", [c.id for c in self.duration.choices], DURATIONS),
                                 ("fixes.choices", [c.id for c in self.fixes.choices], FIXES),
                                 ("triggers", [t.id for t in self.triggers], TRIGGERS),
                                 ("outcomes", [o.id for o in self.outcomes], OUTCOMES)):
            _unique(got, field.split(".")[0])
            if sorted(got) != sorted(want):
                raise FieldError(field, f"expected exactly the ids {list(want)}, got {got}")
        _unique([r.id for r in self.rules], "rule")
        for r in self.rules:
            if r.covers(_BASELINE):
                raise FieldError("rules", f"rule {r.id!r} fires for a person who answered 'no' to everything")
        for situation, least, meaning in required_situations():
            firing = [r for r in self.rules if r.covers(situation)]
            best = max((SEVERITY[r.outcome] for r in firing), default=0)
            if best < SEVERITY[least]:
                said = ", ".join(f"{q}: {a}" for q, a in situation.items())
                raise FieldError("rules", f"unsafe: no rule sends {meaning} [{said}] to at least {least!r}; "
                                          "it could reach a reassuring outcome")
            if least == "professional" and any(q in URGENT_SIGNS for q in situation):
                must = self.urgent_unsure_caution.lower()
                if not any(r.caution and must in r.caution.lower() for r in firing):
                    raise FieldError("rules", f"{meaning}: a rule must carry a caution containing "
                                              f"{self.urgent_unsure_caution!r}")
        if not any("not a diagnosis" in line.lower() for line in self.always):
            raise FieldError("always", "one line must say this is not a diagnosis")
        if not any("professional" in line.lower() for line in self.always):
            raise FieldError("always", "one line must say when to see a professional")
        return self

    def item(self, qid: str) -> Item:
        for i in self.urgent + self.red_flags:
            if i.id == qid:
                return i
        raise KeyError(qid)

    def outcome(self, oid: str) -> Outcome:
        return next(o for o in self.outcomes if o.id == oid)

    def trigger(self, tid: str) -> TriggerItem:
        return next(t for t in self.triggers if t.id == tid)
