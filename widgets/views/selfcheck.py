"""The symptom self-check widget, one step at a time as NHS 111 online asks: sudden signs, injuries and same-day
signs, book-a-visit signs and how long, triggers.

Drawn and decided in the page (``SelfCheckPage``, page side static/selfcheck.js with static/selfcheck_engine.js,
bundled by tools/bundle.mjs): the rules and words of every region go to the page once (engine/selfcheck_page.py), so
every press works at once, also on the static site with no kernel. The form is one state, ``{mode, choices, ticked,
step, at, note}`` (static/selfcheck.js says what each means); the page sets it, and this object mirrors it with the
engine (``triage.advance``): ``result`` (an Ask, a Verdict or an Example, or None), ``verdict``, ``example``,
``missing`` and ``alert`` (the "call now if it is happening now" lines). Nothing is saved or sent anywhere. Tests
drive it from Python as a learner would: ``v = SelfCheck(); v.choose_mode("own"); v.answer("pain", "yes");
v.next(); v.verdict``, or ``v.submit()`` to press the button on every step in turn.
"""

from __future__ import annotations

from typing import Any

import anywidget
import traitlets

from ..classroom.personal_check import PersonalCheck, personal_check
from ..content.load import load_care_file, load_triage_rules
from ..content.triage_model import ANSWERS, TriageRules
from ..content.vocab import MODES, STEP_OF, STEPS, TRIGGERS, Step
from ..engine import triage
from ..engine.selfcheck_page import page_selfcheck, regional
from .keyboard import KeyboardSafeBox
from .palette import CSS, STATIC

_ALIASES: dict[Any, str] = {"not sure": "unsure", "not_sure": "unsure", True: "yes", False: "no"}

# Every word the page shows besides the rules' texts (content/triage.yaml).
LABELS = {
    "what": "What does this mean?",
    "clear": "Clear my answers",
    "clear_tip": "Wipe every answer and the result",
    "back_tip": "Go back one step (answers kept)",
    "skip": "Skip the questions: show the example",
    "skip_tip": "Exploring: the example does not use your answers, so you can go straight to it",
    "cleared": "Your answers are cleared.",
    "changed": "Your answers changed. Press the button again to see the next step.",
    "where": "Where and when:",
    "do_now": "What to do now:",
    "tell": "Who to tell:",
    "try": "Things you can try:",
    "remember": "Remember:",
    "your_step": "Your next step.",
    "region": "Where do you live?",
}


class SelfCheckPage(anywidget.AnyWidget):
    """The page side: every region's rules and words (sent once), and the form's state (set by the page or Python)."""

    _esm = STATIC / "bundles" / "selfcheck.js"
    data = traitlets.Dict(help="regions, names, region, personal, labels: what the page draws and decides with").tag(
        sync=True
    )
    state = traitlets.Dict(help="{mode, choices, ticked, step, at, note}: the form as shown").tag(sync=True)


def page_data(rules: TriageRules | None, region: str, switch: PersonalCheck) -> dict[str, Any]:
    """What the page needs: every region's self-check (only `rules`' own when rules are given), the region names,
    the kernel's region, the teacher switch and the labels."""
    care = load_care_file()
    if rules is not None:
        by_region = {region: page_selfcheck(rules)}
        names = {region: care.region(region).name if region in [r.id for r in care.regions] else region}
    else:
        by_region = {r.id: page_selfcheck(load_triage_rules(region=r.id)) for r in care.regions}
        names = {r.id: r.name for r in care.regions}
    return {
        "regions": regional(by_region, region),
        "names": names,
        "region": region,
        "personal": {"on": switch.on, "problem": switch.problem or ""},
        "labels": LABELS,
    }


class SelfCheck(KeyboardSafeBox):
    """The stepped self-check form and its answer panel, drawn in the page; this object mirrors the page's state.
    Answers live only in the page and here, in memory."""

    def __init__(
        self, rules: TriageRules | None = None, region: str | None = None, switch: PersonalCheck | None = None
    ):
        region = region or load_care_file().default_region
        self.rules = rules or load_triage_rules(region=region)
        self.switch = switch or personal_check()
        self.page = SelfCheckPage(data=page_data(rules, region, self.switch), state=self._blank())
        self.result: triage.Result | None = None
        self.verdict: triage.Verdict | None = None
        self.example: triage.Example | None = None
        self.missing: tuple[str, ...] = ()
        self.alert: tuple[str, ...] = ()
        self.page.observe(lambda _: self._mirror(), "state")
        super().__init__([self.page])
        self.add_class(CSS["selfcheck"])
        self._mirror()

    # -- the state (static/selfcheck.js: blank, press, edit, back, clear, skip) --------------------------------
    def _blank(self) -> dict[str, Any]:
        return {
            "mode": None if self.switch.on else "explore",
            "choices": dict.fromkeys(triage.QUESTIONS),
            "ticked": [],
            "step": STEPS[0],
            "at": None,
            "note": "",
        }

    @property
    def state(self) -> dict[str, Any]:
        return dict(self.page.state)

    @property
    def mode(self) -> str | None:
        return self.page.state.get("mode")

    @property
    def step(self) -> str:
        return str(self.page.state.get("step", STEPS[0]))

    @property
    def note(self) -> str:
        """ "choose_mode", "changed", "cleared" or ""."""
        return str(self.page.state.get("note", ""))

    def _set(self, **changes: Any) -> None:
        self.page.state = {**self.page.state, **changes}

    def _edit(self, **changes: Any) -> None:
        """An answer, a tick or the mode changed: a result on screen must never describe answers that have since
        changed."""
        withdrawn: dict[str, Any] = {"at": None, "note": ""}
        if self.verdict is not None or self.example is not None:
            withdrawn["note"] = "changed"
        self._set(**changes, **withdrawn)

    def _mirror(self) -> None:
        """Compute what the state shows with the engine (the kernel's copy of what the page decided)."""
        s = self.page.state
        if s.get("mode") == "own" and not self.switch.on:  # a page must never run the personal check when off
            self._set(mode="explore")
            return
        at, mode = s.get("at"), s.get("mode")
        try:
            got = None if at is None or mode is None else self._advance(at)
        except (KeyError, ValueError, TypeError):  # a state only a tampered page sends: nothing shown
            got = None
        self.result = got
        self.verdict = got if isinstance(got, triage.Verdict) else None
        self.example = got if isinstance(got, triage.Example) else None
        self.missing = got.missing if isinstance(got, triage.Ask) else ()
        done = self.verdict is not None or self.example is not None
        past_first = self.step in STEPS and STEPS.index(self.step) > 0
        own = mode == "own" and not done and past_first
        self.alert = tuple(triage.cautions(dict(s["choices"]), self.rules)) if own else ()

    def _advance(self, at: str) -> triage.Result:
        s = self.page.state
        step: Step = STEPS[STEPS.index(at)]  # ValueError for a step that does not exist
        return triage.advance(
            dict(s["choices"]), list(s["ticked"]), step, rules=self.rules, exploring=s["mode"] == "explore"
        )

    # -- driving (also used by tests) ------------------------------------------------------------
    def choose_mode(self, mode: str | None) -> None:
        """ "own" (check my twitch), "explore" (I'm just exploring / I have no twitch), or None (not chosen)."""
        if mode is not None and mode not in MODES:
            raise KeyError(f"unknown mode {mode!r}; expected one of {MODES}")
        if mode == "own" and not self.switch.on:
            raise PermissionError("the personal check is turned off for this class (classroom/personal_check.py)")
        self._edit(mode=mode)

    def answer(self, question: str, value: Any) -> None:
        """Answer a question as a learner would: "yes" / "earlier" / "no" / "unsure" (or "not sure"), a choice id,
        or None (blank again)."""
        if question not in ANSWERS:
            raise KeyError(f"unknown question {question!r}")
        value = _ALIASES.get(value, value)
        if value is not None and value not in self._offered(question):
            raise ValueError(f"{question!r} offers no answer {value!r}; expected one of {self._offered(question)}")
        self._edit(choices={**self.page.state["choices"], question: value})

    def _offered(self, question: str) -> list[str]:
        if question == "duration":
            return [c.id for c in self.rules.duration.choices]
        return [o.id for o in self.rules.step(STEP_OF[question]).options]

    def tick(self, trigger: str, on: bool = True) -> None:
        """Tick (or untick) a trigger box, e.g. ``tick("caffeine")``."""
        if trigger not in TRIGGERS:
            raise KeyError(f"unknown trigger {trigger!r}; expected one of {TRIGGERS}")
        ticked = [t for t in self.page.state["ticked"] if t != trigger] + ([trigger] if on else [])
        self._edit(ticked=ticked)

    def next(self) -> triage.Result | None:
        """Press the button on the step shown: ask the engine what follows, and show it."""
        if self.mode is None:
            self._set(at=None, note="choose_mode")
            return None
        got = self._advance(self.step)
        self._set(step=got.step if isinstance(got, triage.Ask) else self.step, at=self.step, note="")
        return got

    def submit(self) -> triage.Result | None:
        """Press the button on every step in turn until a step has blanks or the result shows."""
        while True:
            got = self.next()
            if not isinstance(got, triage.Ask) or got.missing:
                return got

    def skip(self) -> triage.Result | None:
        """Explore mode's way past the questions: straight to the example."""
        if self.mode != "explore":
            raise ValueError("only explore mode skips the questions (the personal check needs every answer)")
        self._set(step=STEPS[-1], at=STEPS[-1], note="")
        return self.result

    def back(self) -> None:
        """Go back one step; every answer is kept."""
        i = STEPS.index(self.step)
        if i:
            self._set(step=STEPS[i - 1], at=None, note="")

    def clear(self) -> None:
        """Forget every answer and the result, and go back to step 1."""
        self.page.state = {**self._blank(), "note": "cleared"}

    @property
    def questions(self) -> dict[str, dict[str, Any]]:
        """Question id → what the page shows of it (label, text, help, options as [text, id]), in the form's order."""
        return {q["id"]: q for step in page_selfcheck(self.rules)["steps"] for q in step["questions"]}

    @property
    def choices(self) -> dict[str, str | None]:
        """Question id → the answer chosen (None: blank)."""
        return dict(self.page.state["choices"])

    @property
    def ticked(self) -> list[str]:
        return list(self.page.state["ticked"])

    def lines(self) -> list[str]:
        """The result panel's words in the order the page shows them (empty before a result)."""
        if self.verdict is not None:
            return self.verdict.lines()
        e = self.example
        if e is None:
            return []
        steps = [e.steps_label, *e.steps] if e.steps else []
        return [e.label, e.intro, e.story, e.verdict_label, *e.verdict.lines(), *steps]

    def label(self, qid: str) -> str:
        return self.rules.duration.label if qid == "duration" else self.rules.item(qid).label

    def status(self) -> str:
        """The line under the buttons, as the page shows it: the mode to choose first, or the questions left."""
        if self.note == "choose_mode":
            return self.rules.form.choose_mode
        if self.missing:
            return f"{self.rules.form.missing} {'; '.join(self.label(q) for q in self.missing)}."
        return ""


def spoken(v: triage.Verdict, rules: TriageRules) -> str:
    """What the live region reads when a verdict appears: any "call now" caution first, then the step
    (static/selfcheck.js spoken says the same)."""
    kind = rules.outcome(v.outcome).kind
    return " ".join([*v.cautions, f"{LABELS['your_step']} {kind}: {v.title}."])


def selfcheck(rules: TriageRules | None = None, region: str | None = None) -> SelfCheck:
    """The symptom self-check of lesson 04: ``from widgets import selfcheck; selfcheck()`` (the learner's region
    from lesson 00, kept in the progress store, unless `region` is given)."""
    if region is None and rules is None:
        from .region import current_region

        region = current_region()
    return SelfCheck(rules, region)
