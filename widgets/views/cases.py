"""Lesson 04 practice: short case stories, shown one at a time; the learner picks a step, presses Check, reads why.

A more cautious step than the story needs is never marked wrong, and never praised: it says what the chosen step
is for (the emergency number: a sign from the emergency list), and why a smaller step would do. The steps and the
services named are the learner's region's (chosen in lesson 00, `views/region.py`). A story that names energy
drinks shows the words the can's label must carry.
"Story 2 of 9" and a row of marks show where the learner is; Back and Next move between stories (buttons, so
the keyboard works), and the next story's heading gets the focus. Tests drive it from Python:
``v = CaseStoriesView(stories); v.cards[0].choose("book_visit"); v.cards[0].check_button.click();
v.cards[0].feedback.value; v.next()``. Choices are practice and are not saved.
"""

from __future__ import annotations

import ipywidgets as W

from ..content.model import CaseStories, CaseStory, DrinkLabel
from ..engine.cases import ChoiceError, Judgement, choices, judge
from . import html
from .announce import Announcer
from .controls import button
from .icons import icon
from .keyboard import KeyboardSafeBox
from .palette import CSS
from .shared import Shared


class CaseCard(W.VBox):
    """One story: who, what happened, the steps to choose from, a Check button and the feedback."""

    def __init__(
        self,
        stories: CaseStories,
        story: CaseStory,
        number: int,
        total: int,
        on_check=None,
        shared: Shared | None = None,
        region: str | None = None,
    ):
        self.stories, self.story, self.number, self.region = stories, story, number, region
        shared = shared or Shared()
        self._on_check = on_check
        self.judgement: Judgement | None = None
        self.heading = shared.html(f'<h3 class="case-heading">{html.text(story.title)}</h3>')
        drink = stories.energy_drink_label if story.mentions_energy_drinks() else None
        self.text = shared.html(html.paragraph(story.story) + (can_label(drink) if drink else ""))
        self.choice = shared.radio(
            options=[(label, oid) for oid, label in choices(region)],
            value=None,
            description="What should they do?",
            tooltip=f"Your choice for {story.title}",
        )
        self.check_button = button(
            description="Check",
            icon="check",
            button_style="primary",  # a card's main action, as the quiz's Check
            tooltip=f"Check your choice for story {number} of {total}",
        )
        self.check_button.add_class(CSS["case_check"])
        self.check_button.on_click(lambda _: self.check())
        self.feedback = shared.html("")
        self.feedback.add_class(CSS["case_feedback"])
        super().__init__(
            [self.heading, self.text, self.choice, self.check_button, self.feedback], layout=shared.layout()
        )
        self.add_class(CSS["case"])

    def choose(self, outcome: str | None) -> None:
        """Pick a step as a learner would: 'emergency', 'urgent_care', 'same_day', 'book_visit' or
        'no_warning_signs'."""
        self.choice.value = outcome

    def check(self) -> Judgement | None:
        """Judge the current choice and show it in words and an icon, plus the story's reason."""
        try:
            j = judge(self.stories, self.story, self.choice.value)
        except ChoiceError as e:
            self.feedback.value = html.notice(str(e))
            return None
        self.judgement = j
        self.feedback.value = render(j, self.region)
        if self._on_check is not None:
            self._on_check(self, j)
        return j


def can_label(label: DrinkLabel) -> str:
    """What the can of a high-caffeine drink must say: the words quoted, where they are printed, and who says so."""
    return (
        f"<p><b>On the can:</b></p><blockquote><p>“{html.text(label.words)}”</p></blockquote>"
        + html.paragraph(label.note)
        + f'<p class="lesson-small-print">Source: {html.link(label.source, label.url)}</p>'
    )


def step(outcome: str, region: str | None = None) -> str:
    """A step named in the feedback: its icon and words, in the step's colours (the verdict boxes' classes)."""
    label = html.text(dict(choices(region))[outcome])
    return f'<span class="lesson-step verdict-{outcome}">{icon(outcome)}{label}</span>'


def headline(j: Judgement) -> str:
    """The first words of the feedback, as read out: right / on the safe side / not quite."""
    return "Right." if j.correct else "OK, on the safe side." if j.more_cautious else "Not quite."


def render(j: Judgement, region: str | None = None) -> str:
    """Feedback HTML for one judgement: right / more cautious (not wrong) / too little, in words and an icon, then
    what the chosen step is for or what the story has, then why."""
    if j.correct:
        head = f'<p class="lesson-right"><b>{icon("right")}Right.</b> {step(j.expected, region)}</p>'
    elif j.more_cautious:
        head = (
            f'<p class="lesson-info"><b>{icon("safe_side")}OK, on the safe side.</b> '
            f"The lesson's answer: {step(j.expected, region)}</p>" + html.paragraph(j.hint)
        )
    else:
        head = (
            f'<p class="lesson-wrong"><b>{icon("wrong")}Not quite.</b> '
            f"The lesson's answer: {step(j.expected, region)}</p>" + html.paragraph(j.hint)
        )
    return head + f"<p><b>Why:</b> {html.text(j.reason)}</p>"


class CaseStoriesView(KeyboardSafeBox):
    """The practice stories one at a time, with "Story N of M", Back / Next and a running tally of first tries
    (kept in memory only)."""

    def __init__(self, stories: CaseStories, region: str | None = None):
        self.stories, self.region = stories, region
        self.first_try: dict[str, bool] = {}  # story id -> accepted (right or more cautious) on the first try
        self.intro = W.HTML(
            html.paragraph(
                "Practice only: these people are made up, and your choices are not saved. "
                "Picking a more cautious step than needed is never wrong."
            )
        )
        n = len(stories.stories)
        shared = Shared()  # one layout and style per kind for the stories' controls (views/shared.py)
        self.cards = [
            CaseCard(stories, s, i + 1, n, self._checked, shared, region) for i, s in enumerate(stories.stories)
        ]
        self.index = 0
        self.progress = W.HTML("")
        self.progress.add_class(CSS["case_progress"])
        self.stage = W.VBox([self.cards[0]])
        self.back_button = button(description="Previous story", icon="arrow-left", tooltip="Go back one story")
        self.back_button.add_class(CSS["case_back"])
        self.back_button.on_click(lambda _: self.back())
        self.next_button = button(description="Next story", icon="arrow-right", tooltip="Go on to the next story")
        self.next_button.add_class(CSS["case_next"])
        self.next_button.on_click(lambda _: self.next())
        nav = W.HBox([self.back_button, self.next_button])
        nav.add_class("lesson-actions")
        self.tally = W.HTML("")
        self.tally.add_class(CSS["case_tally"])
        self.announcer = Announcer()
        self._refresh()
        super().__init__([self.intro, self.progress, self.stage, nav, self.tally, self.announcer])
        self.add_class(CSS["case_stories"])

    @property
    def current(self) -> CaseCard:
        return self.cards[self.index]

    def show(self, index: int) -> None:
        """Show story number `index` (from 0), read its heading out and move the focus to it."""
        if not 0 <= index < len(self.cards):
            raise IndexError(f"story {index} does not exist; there are {len(self.cards)}")
        self.index = index
        self.stage.children = (self.current,)
        self._refresh()
        self.announcer.say(f"{self._where()}: {self.current.story.title}", focus=".case-story .case-heading")

    def next(self) -> None:
        """The next story (nothing happens after the last one: its button is greyed out)."""
        if self.index + 1 < len(self.cards):
            self.show(self.index + 1)

    def back(self) -> None:
        """The story before (nothing happens at the first one)."""
        if self.index > 0:
            self.show(self.index - 1)

    def _checked(self, card: CaseCard, j: Judgement) -> None:
        self.first_try.setdefault(card.story.id, j.accepted)
        self._refresh()
        label = dict(choices(self.region))[j.expected]
        text = " ".join(w for w in (headline(j), "The lesson's answer:", label + ".", j.hint))
        self.announcer.say(f"{text} Why: {j.reason}")

    def _where(self) -> str:
        return f"Story {self.index + 1} of {len(self.cards)}"

    def _refresh(self) -> None:
        done, ok, n = len(self.first_try), sum(self.first_try.values()), len(self.cards)
        marks = "".join(
            "<li class='{}'></li>".format(
                " ".join(
                    c
                    for c, on in (("lesson-done", card.story.id in self.first_try), ("lesson-current", i == self.index))
                    if on
                )
            )
            for i, card in enumerate(self.cards)
        )
        self.progress.value = (
            f'<p class="lesson-progress"><b>{self._where()}</b></p>'
            f'<ol class="{CSS["progress_marks"]}" aria-hidden="true">{marks}</ol>'
        )
        self.back_button.disabled = self.index == 0
        self.next_button.disabled = self.index == n - 1
        summary = f"Stories checked: {done} of {n} · right or more cautious on the first try: {ok}"
        if done == n:
            summary = f"All {n} stories checked · right or more cautious on the first try: {ok} of {n}"
        self.tally.value = html.paragraph(summary, cls="lesson-progress")


def case_stories(stories: CaseStories | None = None, region: str | None = None) -> CaseStoriesView:
    """The lesson 04 practice stories: ``from widgets import case_stories; case_stories()``.

    From content/cases.yaml unless `stories` is given, with the services of the learner's region (chosen in
    lesson 00 and kept in the progress store) unless `region` is given: the same region the self-check uses.
    """
    if stories is None:
        from ..engine.cases import load_cases

        if region is None:
            from .region import current_region

            region = current_region()
        stories = load_cases(region)
    return CaseStoriesView(stories, region)
