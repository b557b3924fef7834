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
from .announce import Announcer
from .controls import button
from .icons import icon
from .keyboard import KeyboardSafeBox
from .shared import Shared

ITEM_OPTIONS = [("Yes", "yes"), ("No", "no"), ("Not sure", "unsure")]
MODES = ("own", "explore")
_ALIASES = {"not sure": "unsure", "not_sure": "unsure", True: "yes", False: "no"}
VERDICT = ".selfcheck-result .lesson-caution, .selfcheck-result .lesson-verdict"  # focus after "Show my next step"
MANY_REASONS = 3  # more reasons than this are folded away under "Why this step"


def _heading(shared: Shared, s: str) -> W.HTML:
    return shared.html(f'<h4 class="selfcheck-heading">{html.text(s)}</h4>')


class Question(W.VBox):
    """One question: its text, labelled radio buttons (Yes / No / Not sure in one row), and a folded
    "What does this mean?" line. The short label names the group for screen readers (drawn hidden)."""

    def __init__(
        self,
        qid: str,
        label: str,
        text: str,
        help_text: str,
        options: list[tuple[str, str]],
        shared: Shared | None = None,
    ):
        self.qid = qid
        shared = shared or Shared()
        self.prompt = shared.html(f'<p class="selfcheck-question"><b>{html.text(text)}</b></p>')
        self.input = shared.radio(
            options=options,
            value=None,
            description=label,
            orientation="horizontal" if options == ITEM_OPTIONS else "vertical",
            tooltip=text,
        )
        self.help = shared.html(
            f'<details class="selfcheck-help lesson-info"><summary>What does this mean?</summary>'
            f"{html.paragraph(help_text)}</details>"
        )
        super().__init__([self.prompt, self.input, self.help], layout=shared.layout())
        self.add_class(CSS["selfcheck_item"])


class SelfCheck(KeyboardSafeBox):
    """The whole self-check form plus its answer panel. Answers live only in this widget, in memory."""

    def __init__(self, rules: TriageRules | None = None):
        self.rules = rules = rules or load_triage_rules()
        form = rules.form
        self.verdict: triage.Verdict | None = None
        self.example: triage.Example | None = None
        self.unanswered: list[str] = []
        shared = Shared()  # one layout and style per kind for the form's ~100 controls (views/shared.py)
        intro = shared.html(
            html.paragraph(form.intro)
            + f'<p class="lesson-caution">{icon("emergency")}<span>{html.text(form.sudden_first)}</span></p>'
        )
        self.mode = shared.radio(
            options=[(form.mode_own, "own"), (form.mode_explore, "explore")],
            value=None,
            description=form.mode_question,
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
            rows.append(_heading(shared, heading))
            rows += [self._add(Question(i.id, i.label, i.text, i.help, ITEM_OPTIONS, shared)) for i in items]
        d = rules.duration
        rows += [
            _heading(shared, form.headings["duration"]),
            self._add(Question("duration", d.label, d.text, d.help, [(c.text, c.id) for c in d.choices], shared)),
            _heading(shared, form.headings["triggers"]),
        ]
        self.triggers: dict[str, W.Checkbox] = {}
        for t in rules.triggers:
            box = shared.checkbox(value=False, description=t.text, indent=False)
            box.add_class(CSS["selfcheck_trigger"])
            self.triggers[t.id] = box
            rows.append(box)
        self.submit_button = button(
            description="Show my next step",
            icon="arrow-right",
            button_style="primary",
            tooltip="Show the next step for these answers (shown below the buttons)",
        )
        self.submit_button.add_class(CSS["selfcheck_submit"])
        self.submit_button.on_click(lambda _: self.submit())
        self.clear_button = button(
            description="Clear my answers", icon="eraser", tooltip="Wipe every answer and the result"
        )
        self.clear_button.add_class(CSS["selfcheck_clear"])
        self.clear_button.on_click(lambda _: self.clear())
        self.result = shared.html("")
        self.result.add_class(CSS["selfcheck_result"])
        for w in [self.mode] + [q.input for q in self.questions.values()] + list(self.triggers.values()):
            w.observe(self._changed, names="value")
        self.announcer = Announcer()
        cites = " · ".join(html.link(s.name, s.url) if s.url else html.text(s.name) for s in rules.sources.values())
        sources = shared.html(f'<p class="lesson-small-print">{html.text(form.sources_note)} {cites}</p>')
        actions = W.HBox([self.submit_button, self.clear_button])
        actions.add_class("lesson-actions")
        rows += [actions, self.result, self.announcer, sources]
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

    def submit(self) -> triage.Verdict | triage.Example | None:
        """Ask the engine for the result of the current answers and show it (read out, and focused).

        With nothing answered and nothing ticked (and not exploring) there is nothing to judge: the learner is
        asked to answer first, and no verdict is shown (returns None). As soon as anything is answered, the
        rest count as "not sure" (``triage.check``).
        """
        choices = {qid: q.input.value for qid, q in self.questions.items()}
        ticked = [t for t, box in self.triggers.items() if box.value]
        exploring = self.mode.value == "explore"
        if not exploring and not ticked and all(v is None for v in choices.values()):
            self.verdict, self.example, self.unanswered = None, None, list(choices)
            self.result.value = (
                f'<p class="selfcheck-first">{icon("note")}{html.text(self.rules.form.answer_first)}</p>'
            )
            self.announcer.say(self.rules.form.answer_first, focus=".selfcheck-result .selfcheck-first")
            return None
        result, self.unanswered = triage.check(choices, ticked, exploring=exploring, rules=self.rules)
        if isinstance(result, triage.Example):
            self.verdict, self.example = None, result
            self.result.value = render_example(result, self.rules)
            self.announcer.say(f"{result.label}. {result.intro}", focus=".selfcheck-result .selfcheck-example")
        else:
            self.verdict, self.example = result, None
            self.result.value = render(result, self.rules, self.rules.unanswered if self.unanswered else None)
            self.announcer.say(spoken(result, self.rules), focus=VERDICT)
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
        self.announcer.say("Your answers are cleared.")

    def _changed(self, _change) -> None:
        # a result on screen must never describe answers that have since changed
        if self.verdict is not None or self.example is not None:
            self.verdict, self.example = None, None
            self.result.value = html.notice("Your answers changed. Press “Show my next step” again.")


def _section(label: str, body: str) -> str:
    return f'<p class="selfcheck-section">{html.text(label)}</p>{body}'


def spoken(v: triage.Verdict, rules: TriageRules) -> str:
    """What the live region reads when a verdict appears: any "call now" caution first, then the step."""
    kind = rules.outcome(v.outcome).kind
    return " ".join([*v.cautions, f"Your next step. {kind}: {v.title}."])


def render(v: triage.Verdict, rules: TriageRules, unanswered_note: str | None = None, example: bool = False) -> str:
    """The answer panel, in the order of `Verdict.lines()`: cautions (one box), the verdict box (its kind and icon,
    title, where and when, what to do now, who to tell, why, everyday steps, when to come back) and the lines
    always shown. An example's verdict has the same look but not the learner's verdict class."""
    form = rules.form
    parts = []
    if v.cautions:
        items = "".join(f"<li>{html.text(c)}</li>" for c in v.cautions)
        parts.append(
            f'<div class="lesson-caution">{icon("caution")}<div><p>{html.text(form.cautions_heading)}</p>'
            f"<ul>{items}</ul></div></div>"
        )
    box = [
        f'<p class="lesson-verdict-kind">{html.text(rules.outcome(v.outcome).kind)}</p>',
        f'<h4 class="lesson-verdict-title selfcheck-title">{icon(v.outcome)}<span>{html.text(v.title)}</span></h4>',
        _section("Where and when:", html.paragraph(v.where)),
    ]
    if v.do_now:
        box.append(_section("What to do now:", html.bullet_list(list(v.do_now))))
    box.append(_section("Who to tell:", html.paragraph(v.tell)))
    if unanswered_note:
        box.append(html.notice(unanswered_note))
    if v.reasons:
        items = "".join(f"<li><b>{html.text(r.answer)}</b>: {html.text(r.why)}</li>" for r in v.reasons)
        opened = " open" if len(v.reasons) <= MANY_REASONS else ""
        box.append(
            f'<details class="selfcheck-why"{opened}><summary class="selfcheck-section">'
            f"{html.text(form.reasons_heading)} ({len(v.reasons)})</summary><ul>{items}</ul></details>"
        )
    if v.steps:
        box.append(_section("Things you can try:", html.bullet_list(list(v.steps))))
    box.append(_section("Remember:", html.bullet_list(list(v.closing))))
    own = "example-verdict" if example else f"selfcheck-verdict selfcheck-{v.outcome}"
    parts.append(f'<section class="lesson-verdict verdict-{v.outcome} {own}">' + "".join(box) + "</section>")
    parts.append('<div class="selfcheck-always">' + html.bullet_list(list(v.always)) + "</div>")
    return "".join(parts)


def render_example(e: triage.Example, rules: TriageRules) -> str:
    """Explore mode: the worked example, labelled as not about the learner, and no verdict of theirs."""
    return (
        f"<div class='{CSS['selfcheck_example']}'>"
        f"<p><b>{icon('example')}{html.text(e.label)}</b></p>{html.paragraph(e.intro)}{html.paragraph(e.story)}"
        f"{html.paragraph(e.verdict_label, cls='selfcheck-example-label')}"
        f"{render(e.verdict, rules, example=True)}</div>"
    )


def selfcheck(rules: TriageRules | None = None) -> SelfCheck:
    """The symptom self-check of lesson 04: ``from widgets import selfcheck; selfcheck()``."""
    return SelfCheck(rules)
