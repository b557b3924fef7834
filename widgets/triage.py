"""Pure self-check engine: answers → verdict (urgent / see a professional / none of the warning signs)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Mapping

import numpy as np

from .load import CONTENT_DIR, load_file
from .model import DURATIONS, FIXES, RED_FLAGS, TRIGGERS, URGENT_SIGNS, SelfCheckAnswers
from .triage_model import ITEM_ANSWERS, SEVERITY, TriageRules

RULES_PATH = CONTENT_DIR / "triage.yaml"

# Integer codes of every answer, one column per question: the form the vectorised decision works on.
ITEMS = URGENT_SIGNS + RED_FLAGS
COLUMNS = ITEMS + ("duration", "fixes") + TRIGGERS
CODES: dict[str, tuple[str, ...]] = {**{q: ITEM_ANSWERS for q in ITEMS}, "duration": DURATIONS, "fixes": FIXES,
                                      **{t: ("no", "yes") for t in TRIGGERS}}
LEVEL_OUTCOME = {level: outcome for outcome, level in SEVERITY.items()}
_ANSWER_WORDS = {"yes": "Yes", "no": "No", "unsure": "Not sure"}


@lru_cache(maxsize=4)
def load_rules(path: str | Path = RULES_PATH) -> TriageRules:
    """The validated rule file; raises ContentError (file, entry, field) if it is malformed or unsafe."""
    return load_file(TriageRules, Path(path))


@dataclass(frozen=True)
class Reason:
    """One rule that fired: which answers led there (`answers`, e.g. "True weakness: Yes") and why they matter."""

    rule: str
    answers: tuple[str, ...]
    why: str


@dataclass(frozen=True)
class Verdict:
    """What the self-check tells the person. `cautions` come first, then the title; `always` comes last."""

    outcome: str
    title: str
    text: str
    cautions: tuple[str, ...]
    reasons: tuple[Reason, ...]
    steps: tuple[str, ...]
    always: tuple[str, ...]

    def lines(self) -> list[str]:
        """Every piece of text of the verdict, in the order it is shown."""
        out = [*self.cautions, self.title, self.text]
        for r in self.reasons:
            out += [*r.answers, r.why]
        return out + [*self.steps, *self.always]


@dataclass(frozen=True)
class _Compiled:
    severity: np.ndarray                                   # (R,) severity of each rule's outcome
    clauses: tuple[tuple[tuple[str, np.ndarray], ...], ...]  # per rule: (column, table code -> matches)
    plain: tuple[tuple[tuple[str, tuple[bool, ...]], ...], ...]  # the same tables as tuples (one person)


_COMPILED: dict[int, tuple[TriageRules, _Compiled]] = {}


def _compile(rules: TriageRules) -> _Compiled:
    hit = _COMPILED.get(id(rules))
    if hit is not None and hit[0] is rules:
        return hit[1]
    clauses = []
    for r in rules.rules:
        per_rule = []
        for q, answers in r.when.items():
            table = np.array([a in answers for a in CODES[q]], dtype=bool)
            per_rule.append((q, table))
        clauses.append(tuple(per_rule))
    plain = tuple(tuple((q, tuple(bool(x) for x in table)) for q, table in per_rule) for per_rule in clauses)
    compiled = _Compiled(np.array([SEVERITY[r.outcome] for r in rules.rules], dtype=np.int8), tuple(clauses),
                         plain)
    _COMPILED[id(rules)] = (rules, compiled)
    return compiled


def decide(columns: Mapping[str, np.ndarray], rules: TriageRules) -> tuple[np.ndarray, np.ndarray]:
    """Decide many people at once.

    Parameters
    ----------
    columns : mapping
        For each question in `COLUMNS` an integer array of answer codes (index into `CODES[question]`);
        all arrays have the same length N. Missing trigger columns count as "not ticked".
    rules : TriageRules
        The validated rule file.

    Returns
    -------
    levels : ndarray of int8, shape (N,)
        Severity of each verdict (see `LEVEL_OUTCOME`): the most serious outcome of the rules that fire.
    fired : ndarray of bool, shape (N, number of rules)
        Which rules fire for each person.
    """
    c = _compile(rules)
    n = len(next(iter(columns.values())))
    fired = np.ones((n, len(c.clauses)), dtype=bool, order="F")
    for j, per_rule in enumerate(c.clauses):
        col = fired[:, j]
        for q, table in per_rule:
            col &= table[columns[q]]
    levels = np.where(fired, c.severity, np.int8(0)).max(axis=1, initial=0).astype(np.int8)
    return levels, fired


def encode(answers: SelfCheckAnswers) -> dict[str, int]:
    """One person's answers as integer codes per column (see `CODES`)."""
    row = {q: 0 for q in COLUMNS}
    for q in answers.urgent + answers.red_flags:
        row[q] = ITEM_ANSWERS.index("yes")
    for q in answers.unsure:
        row[q] = ITEM_ANSWERS.index("unsure")
    row["duration"] = DURATIONS.index(answers.duration)
    row["fixes"] = FIXES.index(answers.fixes)
    for t in answers.triggers:
        row[t] = 1
    return row


def decode(row: Mapping[str, int]) -> SelfCheckAnswers:
    """The inverse of `encode`."""
    yes = [q for q in ITEMS if ITEM_ANSWERS[row[q]] == "yes"]
    return SelfCheckAnswers(urgent=[q for q in yes if q in URGENT_SIGNS], red_flags=[q for q in yes if q in RED_FLAGS],
                            unsure=[q for q in ITEMS if ITEM_ANSWERS[row[q]] == "unsure"],
                            duration=DURATIONS[row["duration"]], fixes=FIXES[row["fixes"]],
                            triggers=[t for t in TRIGGERS if row.get(t)])


def _answer_label(rules: TriageRules, question: str, answer: str) -> str:
    if question in ITEMS:
        return f"{rules.item(question).label}: {_ANSWER_WORDS[answer]}"
    q = rules.duration if question == "duration" else rules.fixes
    return f"{q.label}: {next(c.text for c in q.choices if c.id == answer)}"


def triage(answers: SelfCheckAnswers, rules: TriageRules | None = None) -> Verdict:
    """The verdict for one person's answers.

    Parameters
    ----------
    answers : SelfCheckAnswers
        Yes / not sure items, duration, fixes tried, triggers ticked.
    rules : TriageRules, optional
        The rule file; the shipped ``content/triage.yaml`` by default.

    Returns
    -------
    Verdict
        Urgent if any urgent sign; else "see a professional" if any rule fires (red flag, any "not sure",
        several weeks); else "none of the warning signs on this list" with self-care steps for the
        triggers ticked. Urgent and professional verdicts carry no trigger-dependent text.
    """
    rules = rules or load_rules()
    row = encode(answers)
    # the same rule tables as `decide`, read for one person without numpy overhead
    hits = [r for r, per_rule in zip(rules.rules, _compile(rules).plain)
            if all(table[row[q]] for q, table in per_rule)]
    outcome = LEVEL_OUTCOME[max((SEVERITY[r.outcome] for r in hits), default=0)]
    hits.sort(key=lambda r: -SEVERITY[r.outcome])            # urgent reasons first, then file order
    reasons = tuple(Reason(r.id, tuple(_answer_label(rules, q, _code_answer(q, row[q])) for q in r.when), r.reason)
                    for r in hits)
    steps: tuple[str, ...] = ()
    if outcome == "no_warning_signs":
        steps = tuple(t.step for t in rules.triggers if row[t.id]) or (rules.no_triggers,)
    # an urgent verdict already says "get urgent help now": its title goes above everything, no cautions
    cautions = () if outcome == "urgent" else tuple(r.caution for r in hits if r.caution)
    o = rules.outcome(outcome)
    return Verdict(outcome, o.title, o.text, cautions, reasons, steps, tuple(rules.always))


def _code_answer(question: str, code: int) -> str:
    return CODES[question][code]


def answers_from_choices(choices: Mapping[str, str | None], ticked: list[str] | tuple[str, ...] = ()
                         ) -> tuple[SelfCheckAnswers, list[str]]:
    """Turn raw form answers into `SelfCheckAnswers`; anything left unanswered counts as "not sure".

    Parameters
    ----------
    choices : mapping
        Question id (urgent sign, red flag, "duration", "fixes") -> answer id, or None if unanswered.
    ticked : sequence of str
        Trigger ids ticked.

    Returns
    -------
    answers, unanswered
        The answers, and the ids of the questions that were left unanswered (in question order).
    """
    unanswered = [q for q in ITEMS + ("duration", "fixes") if choices.get(q) is None]
    get = {q: choices.get(q) or "unsure" for q in ITEMS + ("duration", "fixes")}
    answers = SelfCheckAnswers(
        urgent=[q for q in URGENT_SIGNS if get[q] == "yes"], red_flags=[q for q in RED_FLAGS if get[q] == "yes"],
        unsure=[q for q in ITEMS if get[q] == "unsure"], duration=get["duration"], fixes=get["fixes"],
        triggers=[t for t in TRIGGERS if t in set(ticked)])
    return answers, unanswered
