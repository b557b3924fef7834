"""Pure self-check engine: answers, step by step → the next screen, or a verdict.

The form asks in steps (content/triage.yaml `steps`): sudden signs, then injuries and same-day signs, then
book-a-visit signs, then how long with the trigger tick boxes. `advance` says what comes after the learner
presses the button on one step: the same step again with the questions still blank (a blank is never an
answer), the next step, or the verdict. Every rule reads one question, so a verdict is built from the rules
the answers fire: the outcome is the most urgent of them, and its "why" lists the rules of that outcome only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ..content.model import SelfCheckAnswers
from ..content.triage_model import ANSWERS, Rule, TriageRules
from ..content.vocab import EMERGENCY_SIGNS, SEVERITY, SIGNS, STEP_OF, STEPS, TRIGGERS, Sign, Step

QUESTIONS = (*SIGNS, "duration")  # every question, in the order the form asks them
# After a step, a verdict at least this urgent ends the form: the later steps cannot lead any higher.
ENDS_AFTER: dict[Step, str] = {"sudden": "emergency", "today": "same_day", "visit": "book_visit"}


@dataclass(frozen=True)
class Reason:
    """One rule that fired: which answer led there (e.g. "Stiffness: Yes") and why it matters."""

    rule: str
    answer: str
    why: str


@dataclass(frozen=True)
class Verdict:
    """What the self-check tells the person, in the order shown by `lines()`.

    An emergency verdict starts with its title ("Call ... now"); any other verdict starts with the cautions
    ("if it is happening now, call ... now") when "not sure" was answered to a sign of the emergency list.
    """

    outcome: str
    cautions: tuple[str, ...]
    title: str
    where: str
    do_now: tuple[str, ...]
    tell: str
    reasons: tuple[Reason, ...]
    steps: tuple[str, ...]
    closing: tuple[str, ...]
    always: tuple[str, ...]

    def lines(self) -> list[str]:
        """Every piece of text of the verdict, in the order it is shown."""
        out = [*self.cautions, self.title, self.where, *self.do_now, self.tell]
        for r in self.reasons:
            out += [r.answer, r.why]
        return [*out, *self.steps, *self.closing, *self.always]


@dataclass(frozen=True)
class Example:
    """Explore mode: a worked example about a made-up person, the everyday steps for the learner's ticks (labelled
    "not about you"), and never a verdict on the learner's own answers."""

    label: str
    intro: str
    story: str
    verdict_label: str
    verdict: Verdict
    steps_label: str
    steps: tuple[str, ...]


@dataclass(frozen=True)
class Ask:
    """Show this step; `missing` names its questions still to answer (empty when the step is new)."""

    step: Step
    missing: tuple[str, ...] = ()


Result = Ask | Verdict | Example


_INDEX: dict[int, tuple[TriageRules, dict[tuple[str, str], list[tuple[tuple[int, int], Rule]]]]] = {}


def _index(rules: TriageRules) -> dict[tuple[str, str], list[tuple[tuple[int, int], Rule]]]:
    """(question, answer) -> the rules it fires, each with its sort key (most urgent first, then file order)."""
    hit = _INDEX.get(id(rules))
    if hit is None or hit[0] is not rules:
        table: dict[tuple[str, str], list[tuple[tuple[int, int], Rule]]] = {}
        for i, r in enumerate(rules.rules):
            for a in r.when[r.question]:
                table.setdefault((r.question, a), []).append(((-SEVERITY[r.outcome], i), r))
        hit = _INDEX[id(rules)] = (rules, table)
    return hit[1]


def fired(answers: SelfCheckAnswers, rules: TriageRules) -> list[Rule]:
    """The rules these answers fire (each rule reads one question), most urgent first, then in file order."""
    table = _index(rules)
    hits = [kr for q in QUESTIONS for kr in table.get((q, answers.answer(q)), ())]
    return [r for _, r in sorted(hits, key=lambda kr: kr[0])]


def _answer_label(rules: TriageRules, question: str, answer: str) -> str:
    if question == "duration":
        return f"{rules.duration.label}: {next(c.text for c in rules.duration.choices if c.id == answer)}"
    options = rules.step(STEP_OF[question]).options  # the words the learner chose ("Yes, today", "Before today")
    return f"{rules.item(question).label}: {next(o.text for o in options if o.id == answer)}"


def triage(answers: SelfCheckAnswers, rules: TriageRules) -> Verdict:
    """The verdict for one person's answers (every question answered; signs not listed were answered "no").

    The most urgent outcome of the rules that fire (none: "none of the warning signs on this list", with an
    everyday step for each trigger ticked). Its reasons are the rules of that outcome; its cautions ("call now if
    it is happening now") come from any "not sure" on a sign of the emergency list.
    """
    hits = fired(answers, rules)
    outcome = hits[0].outcome if hits else "no_warning_signs"
    o = rules.outcome(outcome)
    reasons = tuple(
        Reason(r.id, _answer_label(rules, r.question, answers.answer(r.question)), r.reason)
        for r in hits
        if r.outcome == outcome
    )
    steps: tuple[str, ...] = ()
    if outcome == "no_warning_signs":
        steps = tuple(t.step for t in rules.triggers if t.id in answers.triggers) or (rules.no_triggers,)
    # an emergency verdict already says "call now" in its first line: no cautions above it
    cautions = () if outcome == "emergency" else tuple(r.caution for r in hits if r.caution)
    return Verdict(
        outcome,
        cautions,
        o.title,
        o.where,
        tuple(o.do_now),
        o.tell,
        reasons,
        steps,
        tuple(o.closing),
        tuple(rules.always),
    )


def answers_from_choices(
    choices: Mapping[str, str | None], ticked: Sequence[str] = (), upto: Step = "how_long"
) -> SelfCheckAnswers:
    """The answers of the steps up to `upto` as `SelfCheckAnswers` (validated: an unknown answer is refused).

    Every question of those steps must have an answer; questions of later steps count as "no" (not asked yet).
    """
    asked = [q for q in QUESTIONS if STEPS.index(STEP_OF[q]) <= STEPS.index(upto)]
    blank = [q for q in asked if choices.get(q) is None]
    if blank:
        raise ValueError(f"questions not answered: {blank}")
    got = {q: choices[q] for q in asked}
    for q, a in got.items():
        if a not in ANSWERS[q]:
            raise ValueError(f"{q!r} has no answer {a!r}; expected one of {list(ANSWERS[q])}")
    return SelfCheckAnswers.model_validate(
        {
            "signs": [q for q in SIGNS if got.get(q) == "yes"],
            "earlier": [q for q in SIGNS if got.get(q) == "earlier"],
            "unsure": [q for q in SIGNS if got.get(q) == "unsure"],
            "duration": got.get("duration") or "under_1_week",
            "triggers": [t for t in TRIGGERS if t in set(ticked)],
        }
    )


def cautions(choices: Mapping[str, str | None], rules: TriageRules) -> tuple[str, ...]:
    """The "if it is happening now, call ... now" lines of the step-1 answers "not sure" so far, in list order: the
    form shows them as soon as the learner leaves step 1, before the later steps settle the verdict."""
    return tuple(
        r.caution
        for q in EMERGENCY_SIGNS
        if choices.get(q) == "unsure"
        for r in rules.fired_by(q, "unsure")
        if r.caution
    )


def example(rules: TriageRules, ticked: Sequence[str] = ()) -> Example:
    """Explore mode's result, whatever was answered: the worked example and the steps for the triggers ticked."""
    e = rules.example
    steps = tuple(t.step for t in rules.triggers if t.id in set(ticked))
    return Example(e.label, e.intro, e.story, e.verdict_label, triage(e.answers, rules), e.steps_label, steps)


def advance(
    choices: Mapping[str, str | None],
    ticked: Sequence[str] = (),
    at: Step = "sudden",
    *,
    rules: TriageRules,
    exploring: bool = False,
) -> Result:
    """What follows when the learner presses the button on step `at`.

    Exploring: the next step, and after the last one the worked `Example` (never a verdict about the learner).
    Checking: a "yes, now or today" to a sign of the emergency list ends the form at once with the emergency
    verdict (a blank can never make it calmer). Otherwise the first step up to `at` with a blank question, asked
    again with those questions named; else the verdict if it is settled (after step 2, "get help today" or more);
    else the next step (after step 3, a booked visit or more ends it: how long cannot raise it). After the last
    step, the verdict.
    """
    last = STEPS.index(at) == len(STEPS) - 1
    if exploring:
        return example(rules, ticked) if last else Ask(STEPS[STEPS.index(at) + 1])
    now: list[Sign] = [q for q in EMERGENCY_SIGNS if choices.get(q) == "yes"]
    if now:
        return triage(SelfCheckAnswers(signs=now), rules)
    for step in STEPS[: STEPS.index(at) + 1]:
        missing = tuple(q for q in QUESTIONS if STEP_OF[q] == step and choices.get(q) is None)
        if missing:
            return Ask(step, missing)
    verdict = triage(answers_from_choices(choices, ticked, at), rules)
    if last or (at in ENDS_AFTER and SEVERITY[verdict.outcome] >= SEVERITY[ENDS_AFTER[at]]):  # type: ignore[index]
        return verdict
    return Ask(STEPS[STEPS.index(at) + 1])


def run(
    choices: Mapping[str, str | None], ticked: Sequence[str] = (), *, rules: TriageRules, exploring: bool = False
) -> Result:
    """The whole form at once, as a learner pressing the button on every step: the first `Ask` with blanks, the
    verdict where the form ends, or explore mode's example."""
    at: Step = "sudden"
    while True:
        r = advance(choices, ticked, at, rules=rules, exploring=exploring)
        if not isinstance(r, Ask) or r.missing:
            return r
        at = r.step


__all__ = [
    "ENDS_AFTER",
    "QUESTIONS",
    "Ask",
    "Example",
    "Reason",
    "Result",
    "Verdict",
    "advance",
    "answers_from_choices",
    "cautions",
    "example",
    "fired",
    "run",
    "triage",
]
