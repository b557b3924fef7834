"""The learner's goal view: per course goal, the before-check → the after-check, the mastery band (engine/mastery.py)
and, for a goal not mastered yet, the questions to go back to. Read from the learner's own progress store; it
redraws when an answer is saved (the after-check above it, in lesson 05).

Tests: ``v = my_goals(store)``; read ``v.results`` (engine GoalResults) and ``v.table.value``; ``v.refresh()``.
"""

from __future__ import annotations

import ipywidgets as W

from ..content.check_model import AFTER, BEFORE
from ..content.content_hash import question_hash
from ..content.load import check_questions, find_question, goal_questions, load_checks, load_course
from ..engine import mastery
from ..engine.review import LESSON as REVIEW_LESSON
from ..engine.review import original_id
from ..store.progress import ProgressStore
from . import html
from .keyboard import KeyboardSafeBox
from .learner_store import default_store
from .palette import CSS

MAX_REVISIT = 3  # questions listed per goal not mastered


def learner_goals(store: ProgressStore) -> list[mastery.GoalResult]:
    """The learner's result on every goal, from the store (check answers count only on their current version)."""
    by_goal = goal_questions()
    course_ids = [q for qs in by_goal.values() for q in qs]
    status = store.question_status(course_ids)
    status.update(store.question_status(lesson=REVIEW_LESSON))
    first = {q: s.first_correct for q, s in status.items()}
    checks = check_questions()
    saved = store.question_status(list(checks))
    current = {qid: question_hash(q) for qid, (_, q) in checks.items()}
    answers = {q: s.first_correct for q, s in saved.items() if s.last_hash in ("", current[q])}
    before = {q: ok for q, ok in answers.items() if q.startswith(BEFORE + "/")}
    after = {q: ok for q, ok in answers.items() if q.startswith(AFTER + "/")}
    goals = [g.id for g in load_course().goals]
    return mastery.goal_results(goals, by_goal, first, before, after, {q: v[1].goal for q, v in checks.items()})


def _short(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rstrip() + "…"


def revisit_names(questions: tuple[str, ...]) -> list[str]:
    """Each question as the learner finds it: its lesson's title and its question."""
    words = load_checks().goal_view
    titles = {l.id: l.title for l in load_course().lessons}
    out = []
    for qid in questions[:MAX_REVISIT]:
        _, q = find_question(original_id(qid))
        lesson = qid.partition("/")[0]
        out.append(words.question.replace("{lesson}", titles.get(lesson, lesson)).replace("{prompt}", _short(q.prompt)))
    return out


def render(results: list[mastery.GoalResult]) -> str:
    """The goal view's HTML: a table (goal, before, now, band) and what to revisit for goals not mastered."""
    words = load_checks().goal_view
    texts = {g.id: g.short for g in load_course().goals}
    full = {g.id: g.text for g in load_course().goals}
    bands = load_checks()

    def score(s: mastery.CheckScore | None) -> str:
        if s is None:
            return words.not_done
        return words.score.replace("{right}", str(s.right)).replace("{total}", str(s.total))

    rows = [
        (
            html.Safe(f"<b>{html.text(texts[r.goal])}</b><br>{html.text(full[r.goal])}"),
            score(r.before),
            score(r.after),
            html.Safe(f"<b>{html.text(bands.band(r.band).name)}</b>"),
        )
        for r in results
    ]
    parts = [
        html.paragraph(words.intro),
        html.table(words.title, (words.goal, words.before, words.now, words.band), rows),
    ]
    todo = [r for r in results if r.band != "mastered"]
    for r in todo:
        names = revisit_names(r.revisit)
        if names:
            parts.append(
                f"<p><b>{html.text(texts[r.goal])}</b> {html.text(words.revisit)}</p>" + html.bullet_list(names)
            )
    if not todo:
        parts.append(html.paragraph(words.all_done))
    parts.append(f'<p class="lesson-info">{html.text(words.care)}</p>')
    return "".join(parts)


class GoalsView(KeyboardSafeBox):
    """Per goal: before → now and the band, with the questions to revisit."""

    def __init__(self, store: ProgressStore | None = None):
        self.store = store or default_store()
        self.results: list[mastery.GoalResult] = []
        self.table = W.HTML()
        super().__init__([W.HTML(f"<h3>{html.text(load_checks().goal_view.title)}</h3>"), self.table])
        self.add_class(CSS["my_goals"])
        self.store.subscribe(self.refresh)
        self.refresh()

    def refresh(self) -> None:
        self.results = learner_goals(self.store)
        self.table.value = render(self.results)


def my_goals(store: ProgressStore | None = None) -> GoalsView:
    """The learner's goal view (lesson 05's end, under the "what do you know now?" check)."""
    return GoalsView(store)


__all__ = ["GoalsView", "learner_goals", "my_goals", "render"]
