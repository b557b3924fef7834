"""The symptom self-check widget, one step at a time as NHS 111 online asks: sudden signs, injuries and same-day
signs, book-a-visit signs and how long, triggers.

A thin view over ``widgets.engine.triage``: it shows one step, and on "Next step" asks the engine (``triage.advance``)
what follows: the same step with the questions still to answer named, the next step, or the verdict (explore
mode: the worked example, never a verdict about the learner). Nothing is saved or sent anywhere. Tests drive it
from Python: ``v = SelfCheck(); v.choose_mode("own"); v.answer("pain", "yes"); v.next(); v.result.value``, or
``v.submit()`` to press the button on every step in turn.
"""

from __future__ import annotations

import ipywidgets as W
from ipywidgets.widgets.widget_description import DescriptionStyle

from ..classroom.personal_check import PersonalCheck, personal_check
from ..content.load import load_triage_rules
from ..content.triage_model import TriageRules
from ..content.vocab import MODES, STEPS, TRIGGERS, Step
from ..engine import triage
from . import html
from .announce import Announcer
from .controls import button
from .icons import icon
from .keyboard import KeyboardSafeBox
from .palette import CSS
from .shared import Shared

_ALIASES = {"not sure": "unsure", "not_sure": "unsure", True: "yes", False: "no"}
VERDICT = ".selfcheck-result .lesson-caution, .selfcheck-result .lesson-verdict"  # focus after the last step


class Question(W.VBox):
    """One question. In full: its text, labelled radio buttons in one row, and a folded "What does this mean?".
    `compact` (a step's list of signs): one row, the sign's short label beside a drop-down of the answers, so a
    whole step fits a small window; the full questions and their help are folded under the step's list. The label
    names the control for screen readers either way (drawn hidden: the text beside it says it)."""

    def __init__(
        self,
        qid: str,
        label: str,
        text: str,
        help_text: str,
        options: list[tuple[str, str]],
        shared: Shared | None = None,
        compact: bool = False,
    ):
        self.qid = qid
        shared = shared or Shared()
        self.prompt = shared.html(f'<p class="selfcheck-question"><b>{html.text(label if compact else text)}</b></p>')
        if compact:  # the label takes what the drop-down leaves, wrapping inside its share of the row
            self.prompt.layout = shared.layout(flex="1 1 0%", min_width="0", width="auto")
            self.input: W.RadioButtons | W.Dropdown = W.Dropdown(
                options=options,
                value=None,
                description=label,
                tooltip=text,
                layout=shared.layout(width="8.5em", flex="0 0 8.5em"),
                style=shared.style(DescriptionStyle, description_width="initial"),
            )
            self.help = shared.html("")
            children: list[W.Widget] = [
                W.HBox([self.prompt, self.input], layout=shared.layout(align_items="center", flex_flow="row nowrap"))
            ]
        else:
            self.input = shared.radio(
                options=options, value=None, description=label, orientation="horizontal", tooltip=text
            )
            self.help = shared.html(
                f'<details class="selfcheck-help lesson-info"><summary>What does this mean?</summary>'
                f"{html.paragraph(help_text)}</details>"
            )
            children = [self.prompt, self.input, self.help]
        super().__init__(children, layout=shared.layout())
        self.add_class(CSS["selfcheck_item"])
        if compact:
            self.add_class("selfcheck-item-compact")


class SelfCheck(KeyboardSafeBox):
    """The stepped self-check form plus its answer panel. Answers live only in this widget, in memory."""

    def __init__(
        self, rules: TriageRules | None = None, region: str | None = None, switch: PersonalCheck | None = None
    ):
        self.rules = rules = rules or load_triage_rules(region=region)
        self.switch = switch or personal_check()
        form = rules.form
        self.step: Step = "sudden"
        self.verdict: triage.Verdict | None = None
        self.example: triage.Example | None = None
        self.missing: tuple[str, ...] = ()
        shared = Shared()  # one layout and style per kind for the form's controls (views/shared.py)
        intro = shared.html(
            html.paragraph(form.intro)
            + f'<p class="lesson-caution">{icon("emergency")}<span>{html.text(form.emergency_first)}</span></p>'
        )
        self.mode = shared.radio(
            options=[(form.mode_own, "own"), (form.mode_explore, "explore")],
            value=None if self.switch.on else "explore",
            description=form.mode_question,
            tooltip=form.mode_question,
        )
        self.mode.add_class(CSS["selfcheck_mode"])
        rows: list[W.Widget] = [intro]
        if self.switch.on:
            rows.append(self.mode)
        else:
            note = form.personal_off + (f" ({self.switch.problem})" if self.switch.problem else "")
            rows.append(shared.html(f'<p class="selfcheck-off lesson-info">{icon("note")}{html.text(note)}</p>'))
        self.questions: dict[str, Question] = {}
        self.triggers: dict[str, W.Checkbox] = {}
        self.screens: dict[str, W.VBox] = {s: self._screen(s, shared) for s in STEPS}
        self.status = shared.html("")  # under the button: which questions are still to answer
        self.alert = shared.html("")  # above the steps: "call now if it is happening now", once step 1 is left
        self.back_button = button(description=form.back, icon="arrow-left", tooltip="Go back one step (answers kept)")
        self.back_button.add_class(CSS["selfcheck_back"])
        self.back_button.on_click(lambda _: self.back())
        self.submit_button = button(description=form.next, icon="arrow-right", button_style="primary")
        self.submit_button.add_class(CSS["selfcheck_submit"])
        self.submit_button.on_click(lambda _: self.next())
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
        sources = shared.html(
            f'<details class="lesson-small-print"><summary>{html.text(form.sources_note)}</summary>{cites}</details>'
        )
        actions = W.HBox([self.back_button, self.submit_button, self.clear_button])
        actions.add_class("lesson-actions")
        rows += [self.alert, *self.screens.values(), actions, self.status, self.result, self.announcer, sources]
        super().__init__(rows)
        self.add_class(CSS["selfcheck"])
        self._show(self.step)

    def _screen(self, step: str, shared: Shared) -> W.VBox:
        """One step's box: heading, lead, its questions (step 1: short signs, their meaning folded below), and on
        the last step the trigger tick boxes."""
        s = self.rules.step(step)
        note = f'<p class="selfcheck-note">{html.text(s.note)}</p>' if s.note else ""
        head = shared.html(f'<h3 class="selfcheck-heading">{html.text(s.heading)}</h3>{html.paragraph(s.lead)}{note}')
        children: list[W.Widget] = [head]
        options = [(o.text, o.id) for o in s.options]
        meanings = []
        for qid in self.rules.questions_of(step):
            if qid == "duration":
                d = self.rules.duration
                q = Question(qid, d.label, d.text, d.help, [(c.text, c.id) for c in d.choices], shared)
            else:
                i = self.rules.item(qid)
                q = Question(qid, i.label, i.text, i.help, options, shared, compact=s.help is not None)
                meanings.append(f"<li><b>{html.text(i.label)}</b>: {html.text(i.text)} {html.text(i.help)}</li>")
            self.questions[qid] = q
            children.append(q)
        if s.help:
            children.append(
                shared.html(
                    f'<details class="selfcheck-help selfcheck-meanings lesson-info"><summary>{html.text(s.help)}'
                    f"</summary><ul>{''.join(meanings)}</ul></details>"
                )
            )
        if step == STEPS[-1]:
            # the tick boxes in one group named by its visible label (role=group + aria-labelledby, static/keyboard.js)
            label = shared.html(
                f'<p class="lesson-group-label selfcheck-triggers-label"><b>{html.text(self.rules.form.triggers_label)}'
                "</b></p>"
            )
            boxes: list[W.Widget] = [label]
            for t in self.rules.triggers:
                box = shared.checkbox(value=False, description=t.text, indent=False)
                box.add_class(CSS["selfcheck_trigger"])
                self.triggers[t.id] = box
                boxes.append(box)
            group = W.VBox(boxes, layout=shared.layout())
            group.add_class("lesson-group")
            group.add_class("selfcheck-triggers")
            children.append(group)
        screen = W.VBox(children, layout=W.Layout())
        screen.add_class(CSS["selfcheck_step"])
        screen.add_class(f"selfcheck-step-{step}")
        return screen

    def _show(self, step: Step) -> None:
        self.step = step
        for s, box in self.screens.items():
            box.layout.display = None if s == step else "none"
        self.back_button.disabled = step == STEPS[0]
        last = step == STEPS[-1]
        form = self.rules.form
        self.submit_button.description = (
            (form.show_example if self.mode.value == "explore" else form.show) if last else form.next
        )

    # -- driving (also used by tests) ------------------------------------------------------------
    def choose_mode(self, mode: str | None) -> None:
        """ "own" (check my twitch), "explore" (I'm just exploring / I have no twitch), or None (not chosen)."""
        if mode is not None and mode not in MODES:
            raise KeyError(f"unknown mode {mode!r}; expected one of {MODES}")
        if mode == "own" and not self.switch.on:
            raise PermissionError("the personal check is turned off for this class (classroom/personal_check.py)")
        self.mode.value = mode

    def answer(self, question: str, value) -> None:
        """Answer a question as a learner would: "yes" / "earlier" / "no" / "unsure" (or "not sure"), or a choice id."""
        self.questions[question].input.value = _ALIASES.get(value, value)

    def tick(self, trigger: str, on: bool = True) -> None:
        """Tick (or untick) a trigger box, e.g. ``tick("caffeine")``."""
        if trigger not in TRIGGERS:
            raise KeyError(f"unknown trigger {trigger!r}; expected one of {TRIGGERS}")
        self.triggers[trigger].value = on

    def next(self) -> triage.Result | None:
        """Press the button on the step shown: ask the engine what follows, and show it."""
        form = self.rules.form
        if self.mode.value is None:
            self._say(form.choose_mode, "selfcheck-first")
            return None
        choices = {qid: q.input.value for qid, q in self.questions.items()}
        ticked = [t for t, box in self.triggers.items() if box.value]
        got = triage.advance(
            choices,
            ticked,
            self.step,
            rules=self.rules,
            exploring=self.mode.value == "explore",
        )
        if isinstance(got, triage.Ask):
            self.missing = got.missing
            self._show(got.step)
            if got.missing:
                names = [self._label(q) for q in got.missing]
                self._say(f"{form.missing} {'; '.join(names)}.", "selfcheck-missing")
            else:
                first = triage.cautions(choices, self.rules) if self.mode.value == "own" else ()
                self.status.value = ""
                self.alert.value = _cautions_box(first, form.cautions_heading) if first else ""
                self.announcer.say(
                    " ".join([*first, self.rules.step(got.step).heading]), focus=f".selfcheck-step-{got.step} h3"
                )
        elif isinstance(got, triage.Example):
            self.alert.value = ""
            self.example, self.verdict, self.missing = got, None, ()
            self.status.value = ""
            self.result.value = render_example(got, self.rules)
            self.announcer.say(f"{got.label}. {got.intro}", focus=".selfcheck-result .selfcheck-example")
        else:
            self.alert.value = ""
            self.verdict, self.example, self.missing = got, None, ()
            self.status.value = ""
            self.result.value = render(got, self.rules)
            self.announcer.say(spoken(got, self.rules), focus=VERDICT)
        return got

    def submit(self) -> triage.Result | None:
        """Press the button on every step in turn until a step has blanks or the result shows."""
        while True:
            got = self.next()
            if not isinstance(got, triage.Ask) or got.missing:
                return got

    def back(self) -> None:
        """Go back one step; every answer is kept."""
        i = STEPS.index(self.step)
        if i:
            self.status.value = ""
            if i == 1:  # back on step 1 the answers may change: the cautions from them go until it is left again
                self.alert.value = ""
            self._show(STEPS[i - 1])

    def clear(self) -> None:
        """Forget every answer and the result, and go back to step 1."""
        for q in self.questions.values():
            q.input.value = None
        for box in self.triggers.values():
            box.value = False
        if self.switch.on:
            self.mode.value = None
        self.verdict, self.example, self.missing = None, None, ()
        self.status.value = self.alert.value = ""
        self._show(STEPS[0])
        self.result.value = html.paragraph("Your answers are cleared.")
        self.announcer.say("Your answers are cleared.")

    def _label(self, qid: str) -> str:
        return self.rules.duration.label if qid == "duration" else self.rules.item(qid).label

    def _say(self, text: str, cls: str) -> None:
        self.status.value = f'<p class="{cls}">{icon("note")}{html.text(text)}</p>'
        self.announcer.say(text, focus=f".{cls}")

    def _changed(self, change) -> None:
        if change["owner"] is self.mode:
            self._show(self.step)
        # a result on screen must never describe answers that have since changed
        if self.verdict is not None or self.example is not None:
            self.verdict, self.example = None, None
            self.result.value = html.notice("Your answers changed. Press the button again to see the next step.")


def _section(label: str, body: str) -> str:
    return f'<p class="selfcheck-section">{html.text(label)}</p>{body}'


def _cautions_box(cautions: tuple[str, ...], heading: str) -> str:
    """The "call now if it is happening now" lines in one box, above everything else they go with."""
    items = "".join(f"<li>{html.text(c)}</li>" for c in cautions)
    return f'<div class="lesson-caution">{icon("caution")}<div><p>{html.text(heading)}</p><ul>{items}</ul></div></div>'


def spoken(v: triage.Verdict, rules: TriageRules) -> str:
    """What the live region reads when a verdict appears: any "call now" caution first, then the step."""
    kind = rules.outcome(v.outcome).kind
    return " ".join([*v.cautions, f"Your next step. {kind}: {v.title}."])


def render(v: triage.Verdict, rules: TriageRules, example: bool = False) -> str:
    """The answer panel, in the order of `Verdict.lines()`: cautions (one box), the verdict box (its kind and icon,
    title, where and when, what to do now, who to tell, why, everyday steps, when to come back) and the lines
    always shown. An example's verdict has the same look but not the learner's verdict class."""
    form = rules.form
    parts = []
    if v.cautions:
        parts.append(_cautions_box(v.cautions, form.cautions_heading))
    box = [
        f'<p class="lesson-verdict-kind">{html.text(rules.outcome(v.outcome).kind)}</p>',
        f'<h4 class="lesson-verdict-title selfcheck-title">{icon(v.outcome)}<span>{html.text(v.title)}</span></h4>',
        _section("Where and when:", html.paragraph(v.where)),
    ]
    if v.do_now:
        box.append(_section("What to do now:", html.bullet_list(list(v.do_now))))
    box.append(_section("Who to tell:", html.paragraph(v.tell)))
    if v.reasons:
        items = "".join(f"<li><b>{html.text(r.answer)}</b>: {html.text(r.why)}</li>" for r in v.reasons)
        box.append(
            f'<details class="selfcheck-why" open><summary class="selfcheck-section">'
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
    """Explore mode: the worked example, labelled as not about the learner, the everyday steps for what they ticked
    (also labelled), and no verdict of theirs."""
    steps = (
        f"{html.paragraph(e.steps_label, cls='selfcheck-example-label')}{html.bullet_list(list(e.steps))}"
        if e.steps
        else ""
    )
    return (
        f"<div class='{CSS['selfcheck_example']}'>"
        f"<p><b>{icon('example')}{html.text(e.label)}</b></p>{html.paragraph(e.intro)}{html.paragraph(e.story)}"
        f"{html.paragraph(e.verdict_label, cls='selfcheck-example-label')}"
        f"{render(e.verdict, rules, example=True)}{steps}</div>"
    )


def selfcheck(rules: TriageRules | None = None, region: str | None = None) -> SelfCheck:
    """The symptom self-check of lesson 04: ``from widgets import selfcheck; selfcheck()`` (the learner's region
    from lesson 00, kept in the progress store, unless `region` is given)."""
    if region is None and rules is None:
        from .region import current_region

        region = current_region()
    return SelfCheck(rules, region)
