"""Pure self-check engine: answers → verdict (emergency / same day / book a visit / none of the warning signs).

Every rule of content/triage.yaml reads one question, so a verdict is built from the rules each answer fires:
the outcome is the most urgent of them, and the text is the outcome's own lines plus one reason per rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from .model import SelfCheckAnswers
from .triage_model import Rule, TriageRules
from .vocab import DURATIONS, EMERGENCY_SIGNS, SEVERITY, SIGNS, TRIGGERS

QUESTIONS = (*SIGNS, "duration")  # every question, in the order the form asks them
_ANSWER_WORDS = {"yes": "Yes", "no": "No", "unsure": "Not sure"}


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
    ("if it is happening now, call ... now") when "not sure" was answered to an emergency sign.
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
    """Explore mode: a worked example about a made-up person, and no verdict on the learner's own answers."""

    label: str
    intro: str
    story: str
    verdict_label: str
    verdict: Verdict


def answer_of(answers: SelfCheckAnswers, question: str) -> str:
    """One question's answer: "yes" / "no" / "unsure" for a sign, a duration id for "duration"."""
    if question == "duration":
        return answers.duration
    return "yes" if question in answers.signs else "unsure" if question in answers.unsure else "no"


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
    hits = [kr for q in QUESTIONS for kr in table.get((q, answer_of(answers, q)), ())]
    return [r for _, r in sorted(hits, key=lambda kr: kr[0])]


def _answer_label(rules: TriageRules, question: str, answer: str) -> str:
    if question == "duration":
        return f"{rules.duration.label}: {next(c.text for c in rules.duration.choices if c.id == answer)}"
    return f"{rules.item(question).label}: {_ANSWER_WORDS[answer]}"


def triage(answers: SelfCheckAnswers, rules: TriageRules) -> Verdict:
    """The verdict for one person's answers.

    Parameters
    ----------
    answers : SelfCheckAnswers
        Signs answered yes / not sure, how long, triggers ticked.
    rules : TriageRules, optional
        The validated rule file (``widgets.load.load_triage_rules()`` for the shipped one).

    Returns
    -------
    Verdict
        The most urgent outcome of the rules that fire (none: "none of the warning signs on this list", with
        an everyday step for each trigger ticked). Only that verdict carries trigger-dependent text.
    """
    hits = fired(answers, rules)
    outcome = hits[0].outcome if hits else "no_warning_signs"
    o = rules.outcome(outcome)
    reasons = tuple(
        Reason(r.id, _answer_label(rules, r.question, answer_of(answers, r.question)), r.reason) for r in hits
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
    choices: Mapping[str, str | None], ticked: list[str] | tuple[str, ...] = ()
) -> tuple[SelfCheckAnswers, list[str]]:
    """Turn raw form answers into `SelfCheckAnswers`; anything left unanswered counts as "not sure".

    Parameters
    ----------
    choices : mapping
        Question id (a sign, or "duration") -> answer id, or None if unanswered.
    ticked : sequence of str
        Trigger ids ticked (unknown ids are ignored).

    Returns
    -------
    answers, unanswered
        The answers, and the ids of the questions that were left unanswered (in question order).
    """
    unanswered = [q for q in QUESTIONS if choices.get(q) is None]
    get = {q: choices.get(q) or "unsure" for q in QUESTIONS}
    # validated, not just typed: the form's duration is checked against the vocabulary here
    answers = SelfCheckAnswers.model_validate(
        {
            "signs": [q for q in SIGNS if get[q] == "yes"],
            "unsure": [q for q in SIGNS if get[q] == "unsure"],
            "duration": get["duration"],
            "triggers": [t for t in TRIGGERS if t in set(ticked)],
        }
    )
    return answers, unanswered


def check(
    choices: Mapping[str, str | None],
    ticked: list[str] | tuple[str, ...] = (),
    exploring: bool = False,
    *,
    rules: TriageRules,
) -> tuple[Verdict | Example, list[str]]:
    """The self-check as the form runs it, explore mode included.

    Exploring with nothing answered and nothing ticked gives the worked `Example` (never a verdict on the
    learner). As soon as anything is answered or ticked it is the real check: unanswered questions count as
    "not sure". Returns the result and the unanswered question ids.
    """
    answers, unanswered = answers_from_choices(choices, ticked)
    if exploring and len(unanswered) == len(QUESTIONS) and not answers.triggers:
        e = rules.example
        return Example(e.label, e.intro, e.story, e.verdict_label, triage(e.answers, rules)), unanswered
    return triage(answers, rules), unanswered


__all__ = [
    "DURATIONS",
    "EMERGENCY_SIGNS",
    "QUESTIONS",
    "Example",
    "Reason",
    "Verdict",
    "answer_of",
    "answers_from_choices",
    "check",
    "fired",
    "triage",
]
