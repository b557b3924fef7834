"""The symptom self-check widget: sudden signs first, then same-day and book-a-visit signs, how long, triggers.

A thin view over ``widgets.triage``: it reads the answers, asks the engine (``triage.check``), and shows the
verdict, or, in explore mode with nothing answered, the worked example. Nothing is saved or sent anywhere.
Tests drive it from Python: ``v = SelfCheck(); v.choose_mode("explore"); v.answer("pain", "yes");
v.tick("caffeine"); v.submit(); v.result.value``.
"""

from __future__ import annotations

import ipywidgets as W

from .. import triage
from ..load import load_triage_rules
from ..model import TRIGGERS
from ..palette import CSS
from ..triage_model import TriageRules
from . import html
from .controls import button
from .keyboard import KeyboardSafeBox

ITEM_OPTIONS = [("Yes", "yes"), ("No", "no"), ("Not sure", "unsure")]
MODES = ("own", "explore")
_ICONS = {"emergency": "🚨", "same_day": "⏱", "book_visit": "🩺", "no_warning_signs": "ⓘ"}
_ALIASES = {"not sure": "unsure", "not_sure": "unsure", True: "yes", False: "no"}


def _heading(s: str) -> W.HTML:
    return W.HTML(f'<h4 class="selfcheck-heading">{html.text(s)}</h4>')


class Question(W.VBox):
    """One question: its text, labelled radio buttons, and a short "what does this mean?" line."""

    def __init__(self, qid: str, label: str, text: str, help_text: str, options: list[tuple[str, str]]):
        self.qid = qid
        self.prompt = W.HTML(f"<p><b>{html.text(text)}</b></p>")
        self.input = W.RadioButtons(
            options=options,
            value=None,
            description=label,
            style={"description_width": "initial"},
            layout=W.Layout(width="auto"),
            tooltip=text,
        )
        self.help = W.HTML(
            f'<p class="selfcheck-help lesson-info"><i>What does this mean?</i> {html.text(help_text)}</p>'
        )
        super().__init__([self.prompt, self.input, self.help])
        self.add_class(CSS["selfcheck_item"])


class SelfCheck(KeyboardSafeBox):
    """The whole self-check form plus its answer panel. Answers live only in this widget, in memory."""

    def __init__(self, rules: TriageRules | None = None):
        self.rules = rules = rules or load_triage_rules()
        form = rules.form
        self.verdict: triage.Verdict | None = None
        self.example: triage.Example | None = None
        self.unanswered: list[str] = []
        cites = "; ".join(f"{s.name}, {s.url}" if s.url else s.name for s in rules.sources.values())
        intro = W.HTML(html.paragraph(form.intro) + f"<p><b>{html.text(form.sudden_first)}</b></p>")
        self.mode = W.RadioButtons(
            options=[(form.mode_own, "own"), (form.mode_explore, "explore")],
            value=None,
            description=form.mode_question,
            style={"description_width": "initial"},
            layout=W.Layout(width="auto"),
            tooltip=form.mode_question,
        )
        self.mode.add_class(CSS["selfcheck_mode"])
        self.questions: dict[str, Question] = {}
        rows: list[W.Widget] = [intro, self.mode]
        for heading, items in (
            (form.headings["emergency_signs"], rules.emergency_signs),
            (form.headings["same_day_signs"], rules.same_day_signs),
            (form.headings["book_visit_signs"], rules.book_visit_signs),
        ):
            rows.append(_heading(heading))
            rows += [self._add(Question(i.id, i.label, i.text, i.help, ITEM_OPTIONS)) for i in items]
        d = rules.duration
        rows += [
            _heading(form.headings["duration"]),
            self._add(Question("duration", d.label, d.text, d.help, [(c.text, c.id) for c in d.choices])),
            _heading(form.headings["triggers"]),
        ]
        self.triggers: dict[str, W.Checkbox] = {}
        for t in rules.triggers:
            box = W.Checkbox(value=False, description=t.text, indent=False, layout=W.Layout(width="auto"))
            box.add_class(CSS["selfcheck_trigger"])
            self.triggers[t.id] = box
            rows.append(box)
        self.submit_button = button(
            description="Show my next step",
            icon="arrow-right",
            button_style="primary",
            tooltip="Show the next step for these answers",
        )
        self.submit_button.add_class(CSS["selfcheck_submit"])
        self.submit_button.on_click(lambda _: self.submit())
        self.clear_button = button(
            description="Clear my answers", icon="eraser", tooltip="Wipe every answer and the result"
        )
        self.clear_button.add_class(CSS["selfcheck_clear"])
        self.clear_button.on_click(lambda _: self.clear())
        self.result = W.HTML("")
        self.result.add_class(CSS["selfcheck_result"])
        for w in [self.mode] + [q.input for q in self.questions.values()] + list(self.triggers.values()):
            w.observe(self._changed, names="value")
        sources = W.HTML(html.paragraph(f"{form.sources_note} {cites}", cls="lesson-small-print"))
        rows += [W.HBox([self.submit_button, self.clear_button]), self.result, sources]
        super().__init__(rows)
        self.add_class(CSS["selfcheck"])

    def _add(self, q: Question) -> Question:
        self.questions[q.qid] = q
        return q

    # -- driving (also used by tests) ------------------------------------------------------------
    def choose_mode(self, mode: str | None) -> None:
        """ "own" (check my twitch), "explore" (I'm just exploring / I have no twitch), or None (not chosen)."""
        if mode is not None and mode not in MODES:
            raise KeyError(f"unknown mode {mode!r}; expected one of {MODES}")
        self.mode.value = mode

    def answer(self, question: str, value) -> None:
        """Answer a question as a learner would: "yes" / "no" / "unsure" (or "not sure"), or a choice id."""
        self.questions[question].input.value = _ALIASES.get(value, value)

    def tick(self, trigger: str, on: bool = True) -> None:
        """Tick (or untick) a trigger box, e.g. ``tick("caffeine")``."""
        if trigger not in TRIGGERS:
            raise KeyError(f"unknown trigger {trigger!r}; expected one of {TRIGGERS}")
        self.triggers[trigger].value = on

    def submit(self) -> triage.Verdict | triage.Example:
        """Ask the engine for the result of the current answers and show it."""
        choices = {qid: q.input.value for qid, q in self.questions.items()}
        result, self.unanswered = triage.check(
            choices,
            [t for t, box in self.triggers.items() if box.value],
            exploring=self.mode.value == "explore",
            rules=self.rules,
        )
        if isinstance(result, triage.Example):
            self.verdict, self.example = None, result
            self.result.value = render_example(result)
        else:
            self.verdict, self.example = result, None
            self.result.value = render(result, self.rules.unanswered if self.unanswered else None)
        return result

    def clear(self) -> None:
        """Forget every answer and the result."""
        for q in self.questions.values():
            q.input.value = None
        for box in self.triggers.values():
            box.value = False
        self.mode.value = None
        self.verdict, self.example, self.unanswered = None, None, []
        self.result.value = html.paragraph("Your answers are cleared.")

    def _changed(self, _change) -> None:
        # a result on screen must never describe answers that have since changed
        if self.verdict is not None or self.example is not None:
            self.verdict, self.example = None, None
            self.result.value = html.notice("Your answers changed. Press “Show my next step” again.")


def _section(label: str, body: str) -> str:
    return f'<p class="selfcheck-section">{html.text(label)}</p>{body}'


def render(v: triage.Verdict, unanswered_note: str | None = None) -> str:
    """The answer panel, in the order of `Verdict.lines()`: cautions, title, where and when, what to do now,
    who to tell, why, everyday steps, when to come back or get help sooner, and the lines always shown."""
    colour = "lesson-wrong" if v.outcome != "no_warning_signs" else "lesson-info"
    parts = [f'<p class="lesson-wrong"><b>⚠ {html.text(c)}</b></p>' for c in v.cautions]
    parts.append(f'<h4 class="selfcheck-title {colour}">{_ICONS[v.outcome]} {html.text(v.title)}</h4>')
    parts.append(_section("Where and when:", html.paragraph(v.where)))
    if v.do_now:
        parts.append(_section("What to do now:", html.bullet_list(list(v.do_now))))
    parts.append(_section("Who to tell:", html.paragraph(v.tell)))
    if unanswered_note:
        parts.append(html.notice(unanswered_note))
    if v.reasons:
        items = "".join(f"<li><b>{html.text(r.answer)}</b>: {html.text(r.why)}</li>" for r in v.reasons)
        parts.append(_section("Why:", f"<ul>{items}</ul>"))
    if v.steps:
        parts.append(_section("Things you can try:", html.bullet_list(list(v.steps))))
    parts.append(_section("Remember:", html.bullet_list(list(v.closing))))
    parts.append('<div class="selfcheck-always">' + html.bullet_list(list(v.always)) + "</div>")
    return f"<div role='status' class='selfcheck-verdict selfcheck-{v.outcome}'>" + "".join(parts) + "</div>"


def render_example(e: triage.Example) -> str:
    """Explore mode: the worked example, labelled as not about the learner, and no verdict of theirs."""
    inner = (
        render(e.verdict)
        .replace("class='selfcheck-verdict selfcheck-", "class='selfcheck-example-verdict example-")
        .replace("role='status' ", "")
    )
    return (
        f"<div role='status' class='{CSS['selfcheck_example']}'>"
        f"<p><b>📘 {html.text(e.label)}</b></p>{html.paragraph(e.intro)}{html.paragraph(e.story)}"
        f"{html.paragraph(e.verdict_label, cls='selfcheck-example-label')}{inner}</div>"
    )


def selfcheck(rules: TriageRules | None = None) -> SelfCheck:
    """The symptom self-check of lesson 04: ``from widgets import selfcheck; selfcheck()``."""
    return SelfCheck(rules)
