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


def page_form(rules: TriageRules) -> dict[str, Any]:
    """What the page draws around the decision: the form's words, each step with its questions and their answers,
    the trigger tick boxes and the sources (static/selfcheck.js)."""
    steps = []
    for s in rules.steps:
        questions = []
        for qid in rules.questions_of(s.id):
            if qid == "duration":
                d = rules.duration
                label, text, help_text, options = d.label, d.text, d.help, [[c.text, c.id] for c in d.choices]
            else:
                i = rules.item(qid)
                label, text, help_text, options = i.label, i.text, i.help, [[o.text, o.id] for o in s.options]
            questions.append({"id": qid, "label": label, "text": text, "help": help_text, "options": options})
        steps.append(
            {"id": s.id, "heading": s.heading, "lead": s.lead, "note": s.note, "help": s.help, "questions": questions}
        )
    return {
        "form": rules.form.model_dump(),
        "steps": steps,
        "trigger_texts": [{"id": t.id, "text": t.text} for t in rules.triggers],
        "sources": [{"name": s.name, "url": s.url} for s in rules.sources.values()],
    }


def page_selfcheck(rules: TriageRules) -> dict[str, Any]:
    """One region's self-check for the page: the decision data (page_rules) and the words around it (page_form)."""
    return page_rules(rules) | page_form(rules)


def page_case_view(stories: CaseStories, rules: TriageRules) -> dict[str, Any]:
    """One region's practice stories for the page: page_stories, each story's can label flag, the steps to choose
    from (most urgent first, the region's services filled in), and the word lists the judge reads."""
    out = page_stories(stories)
    for s, d in zip(stories.stories, out["stories"], strict=True):
        d["drinks"] = s.mentions_energy_drinks()
    label = stories.energy_drink_label
    out["drink_label"] = label.model_dump() if label is not None else None
    out["choices"] = [[oid, rules.outcome(oid).choice] for oid in OUTCOMES]
    out["vocab"] = {"outcomes": list(OUTCOMES), "severity": dict(SEVERITY)}
    return out


def _diff(a: Any, b: Any, path: list[str | int], out: list[list[Any]]) -> None:
    if isinstance(a, dict) and isinstance(b, dict) and a.keys() == b.keys():
        for k in a:
            _diff(a[k], b[k], [*path, k], out)
    elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            _diff(x, y, [*path, i], out)
    elif a != b:
        out.append([path, b])


def regional(by_region: dict[str, dict[str, Any]], default: str) -> dict[str, Any]:
    """Every region's page data in little room: the default region's whole, each other one as the places where it
    differs (``[path, value]`` pairs; static/page_region.js regionData puts them back)."""
    base = by_region[default]
    patches: dict[str, list[list[Any]]] = {}
    for rid, data in by_region.items():
        out: list[list[Any]] = []
        _diff(base, data, [], out)
        patches[rid] = out
    return {"default": default, "base": base, "patches": patches}
