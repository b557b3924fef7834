"""The symptom self-check widget: urgent signs first, then red flags, duration, fixes and triggers → next step.

A thin view over ``widgets.triage``: it reads the answers, asks the engine, and shows the verdict.
Nothing is saved or sent anywhere. Tests drive it from Python:
``v = SelfCheck(); v.answer("weakness", "yes"); v.tick("caffeine"); v.submit(); v.result.value``.
"""

from __future__ import annotations

import ipywidgets as W

from .. import triage
from ..model import TRIGGERS
from ..palette import CSS, INFO_TEXT, WRONG_TEXT
from ..triage_model import TriageRules
from . import html
from .keyboard import KeyboardSafeBox

ITEM_OPTIONS = [("Yes", "yes"), ("No", "no"), ("Not sure", "unsure")]
_ICONS = {"urgent": "🚨", "professional": "🩺", "no_warning_signs": "ⓘ"}
_ALIASES = {"not sure": "unsure", "not_sure": "unsure", True: "yes", False: "no"}


def _heading(s: str) -> W.HTML:
    return W.HTML(f"<h4 style='margin:0.75em 0 0.25em 0'>{html.text(s)}</h4>")


class Question(W.VBox):
    """One question: its text, labelled radio buttons, and a short "what does this mean?" line."""

    def __init__(self, qid: str, label: str, text: str, help_text: str, options: list[tuple[str, str]]):
        self.qid = qid
        self.prompt = W.HTML(f"<p style='margin:0.25em 0'><b>{html.text(text)}</b></p>")
        self.input = W.RadioButtons(options=options, value=None, description=label,
                                    style={"description_width": "initial"}, layout=W.Layout(width="auto"),
                                    tooltip=text)
        self.help = W.HTML(f"<p style='margin:0 0 0.25em 0;color:{INFO_TEXT}'><i>What does this mean?</i> "
                           f"{html.text(help_text)}</p>")
        super().__init__([self.prompt, self.input, self.help],
                         layout=W.Layout(border="1px solid #bbb", padding="0.25em 0.5em", margin="0.25em 0"))
        self.add_class(CSS["selfcheck_item"])


class SelfCheck(KeyboardSafeBox):
    """The whole self-check form plus its answer panel. Answers live only in this widget, in memory."""

    def __init__(self, rules: TriageRules | None = None):
        self.rules = rules = rules or triage.load_rules()
        self.verdict: triage.Verdict | None = None
        self.unanswered: list[str] = []
        cites = "; ".join(f"{s.name}, {s.url}" for s in rules.sources.urgent)
        intro = W.HTML(
            html.paragraph("Answer for your own twitch, then press “Show my next step”. "
                           "Your answers stay in this notebook: they are not saved and not sent anywhere. "
                           "“Clear my answers” wipes them.")
            + html.paragraph("This is not a diagnosis. If something feels sudden or severe, get medical help "
                             "right away, whatever this check says."))
        self.questions: dict[str, Question] = {}
        rows: list[W.Widget] = [intro, _heading("1. Urgent signs (asked first)"),
                                W.HTML(f"<p style='margin:0;color:{INFO_TEXT}'><small>These signs go beyond the "
                                       f"article. Source: {html.text(cites)}</small></p>")]
        for item in rules.urgent:
            rows.append(self._add(Question(item.id, item.label, item.text, item.help, ITEM_OPTIONS)))
        rows.append(_heading("2. Warning signs from the article"))
        for item in rules.red_flags:
            rows.append(self._add(Question(item.id, item.label, item.text, item.help, ITEM_OPTIONS)))
        rows.append(_heading("3. How long, and what you tried"))
        for qid, q in (("duration", rules.duration), ("fixes", rules.fixes)):
            rows.append(self._add(Question(qid, q.label, q.text, q.help, [(c.text, c.id) for c in q.choices])))
        rows.append(_heading("4. Possible triggers (tick any that fit you)"))
        self.triggers: dict[str, W.Checkbox] = {}
        for t in rules.triggers:
            box = W.Checkbox(value=False, description=t.text, indent=False, layout=W.Layout(width="auto"))
            box.add_class(CSS["selfcheck_trigger"])
            self.triggers[t.id] = box
            rows.append(box)
        self.submit_button = W.Button(description="Show my next step", icon="arrow-right", button_style="primary",
                                      tooltip="Show the next step for these answers", layout=W.Layout(width="auto"))
        self.submit_button.add_class(CSS["selfcheck_submit"])
        self.submit_button.on_click(lambda _: self.submit())
        self.clear_button = W.Button(description="Clear my answers", icon="eraser",
                                     tooltip="Wipe every answer and the result", layout=W.Layout(width="auto"))
        self.clear_button.add_class(CSS["selfcheck_clear"])
        self.clear_button.on_click(lambda _: self.clear())
        self.result = W.HTML("", layout=W.Layout(min_height="1.5em"))
        self.result.add_class(CSS["selfcheck_result"])
        for w in [q.input for q in self.questions.values()] + list(self.triggers.values()):
            w.observe(self._changed, names="value")
        rows += [W.HBox([self.submit_button, self.clear_button]), self.result]
        super().__init__(rows)
        self.add_class(CSS["selfcheck"])

    def _add(self, q: Question) -> Question:
        self.questions[q.qid] = q
        return q

    # -- driving (also used by tests) ------------------------------------------------------------
    def answer(self, question: str, value) -> None:
        """Answer a question as a learner would: "yes" / "no" / "unsure" (or "not sure"), or a choice id."""
        self.questions[question].input.value = _ALIASES.get(value, value)

    def tick(self, trigger: str, on: bool = True) -> None:
        """Tick (or untick) a trigger box, e.g. ``tick("caffeine")``."""
        if trigger not in TRIGGERS:
            raise KeyError(f"unknown trigger {trigger!r}; expected one of {TRIGGERS}")
        self.triggers[trigger].value = on

    def submit(self) -> triage.Verdict:
        """Ask the engine for the verdict of the current answers and show it."""
        choices = {qid: q.input.value for qid, q in self.questions.items()}
        answers, self.unanswered = triage.answers_from_choices(
            choices, [t for t, box in self.triggers.items() if box.value])
        self.verdict = triage.triage(answers, self.rules)
        self.result.value = render(self.verdict, self.rules.unanswered if self.unanswered else None)
        return self.verdict

    def clear(self) -> None:
        """Forget every answer and the result."""
        for q in self.questions.values():
            q.input.value = None
        for box in self.triggers.values():
            box.value = False
        self.verdict, self.unanswered = None, []
        self.result.value = html.paragraph("Your answers are cleared.")

    def _changed(self, _change) -> None:
        # a verdict on screen must never describe answers that have since changed
        if self.verdict is not None:
            self.verdict = None
            self.result.value = html.notice("Your answers changed. Press “Show my next step” again.")


def render(v: triage.Verdict, unanswered_note: str | None = None) -> str:
    """The answer panel: cautions, then the title, why (each answer and why it matters), steps, always-lines."""
    colour = WRONG_TEXT if v.outcome != "no_warning_signs" else INFO_TEXT
    parts = [f"<p style='margin:0.25em 0;color:{WRONG_TEXT}'><b>⚠ {html.text(c)}</b></p>" for c in v.cautions]
    parts.append(f"<h4 style='margin:0.25em 0;color:{colour}'>{_ICONS[v.outcome]} {html.text(v.title)}</h4>")
    parts.append(html.paragraph(v.text))
    if unanswered_note:
        parts.append(html.notice(unanswered_note))
    if v.reasons:
        items = "".join(f"<li><b>{html.text('; '.join(r.answers))}</b>: {html.text(r.why)}</li>" for r in v.reasons)
        parts.append(f"<p style='margin:0.25em 0'><b>Why:</b></p><ul style='margin:0.25em 0'>{items}</ul>")
    if v.steps:
        parts.append("<p style='margin:0.25em 0'><b>Things you can try:</b></p>" + html.bullet_list(list(v.steps)))
    parts.append(f"<div style='margin-top:0.5em;color:{INFO_TEXT}'>" + html.bullet_list(list(v.always)) + "</div>")
    return f"<div role='status' class='selfcheck-verdict selfcheck-{v.outcome}'>" + "".join(parts) + "</div>"


def selfcheck(rules: TriageRules | None = None) -> SelfCheck:
    """The symptom self-check of lesson 04: ``from widgets import selfcheck; selfcheck()``."""
    return SelfCheck(rules)
