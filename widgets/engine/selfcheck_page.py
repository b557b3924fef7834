"""The self-check and the practice stories as plain JSON for the page (static/selfcheck_engine.js decides there).

The page gets the rules of one region once (texts filled in for it), with the few word lists the engine reads
(questions, steps, severities); static/selfcheck_engine.js then answers every press at once, as
engine/triage.py and engine/cases.py do in the kernel. tests/page/test_selfcheck_parity.py holds the two equal
over the safety proof's whole decomposition and every story choice.
"""

from __future__ import annotations

from typing import Any

from ..content.model import CaseStories
from ..content.triage_model import ANSWERS, TriageRules
from ..content.vocab import EMERGENCY_SIGNS, OUTCOMES, SEVERITY, SIGNS, STEP_OF, STEPS, TRIGGERS
from .triage import ENDS_AFTER, QUESTIONS


def page_rules(rules: TriageRules) -> dict[str, Any]:
    """What static/selfcheck_engine.js needs to decide: the word lists, the rules, and every text a result shows."""
    return {
        "vocab": {
            "questions": list(QUESTIONS),
            "signs": list(SIGNS),
            "emergency_signs": list(EMERGENCY_SIGNS),
            "triggers": list(TRIGGERS),
            "steps": list(STEPS),
            "step_of": dict(STEP_OF),
            "severity": dict(SEVERITY),
            "outcomes": list(OUTCOMES),
            "ends_after": dict(ENDS_AFTER),
            "answers": {q: list(a) for q, a in ANSWERS.items()},
        },
        "rules": [
            {
                "id": r.id,
                "question": r.question,
                "when": r.when[r.question],
                "outcome": r.outcome,
                "reason": r.reason,
                "caution": r.caution,
            }
            for r in rules.rules
        ],
        "labels": {q.id: q.label for q in rules.questions},
        "options": {s.id: {o.id: o.text for o in s.options} for s in rules.steps},
        "duration": {"label": rules.duration.label, "choices": {c.id: c.text for c in rules.duration.choices}},
        "triggers": [{"id": t.id, "step": t.step} for t in rules.triggers],
        "no_triggers": rules.no_triggers,
        "outcome_texts": {
            o.id: {
                "kind": o.kind,
                "title": o.title,
                "choice": o.choice,
                "where": o.where,
                "do_now": list(o.do_now),
                "tell": o.tell,
                "closing": list(o.closing),
            }
            for o in rules.outcomes
        },
        "always": list(rules.always),
        "example": {
            "label": rules.example.label,
            "intro": rules.example.intro,
            "story": rules.example.story,
            "verdict_label": rules.example.verdict_label,
            "steps_label": rules.example.steps_label,
            "answers": rules.example.answers.model_dump(mode="json"),
        },
    }


def page_stories(stories: CaseStories) -> dict[str, Any]:
    """The practice stories for the page: each story's answers and expected step, and the two hint tables."""
    return {
        "too_little": dict(stories.too_little),
        "more_cautious": dict(stories.more_cautious),
        "stories": [
            {
                "id": s.id,
                "title": s.title,
                "story": s.story,
                "answers": s.answers.model_dump(mode="json"),
                "expected": s.expected,
                "reason": s.reason,
            }
            for s in stories.stories
        ],
    }
